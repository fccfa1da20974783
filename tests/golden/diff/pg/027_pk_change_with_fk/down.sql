-- migrate:down

ALTER TABLE ONLY public.entries DROP CONSTRAINT entries_account_id_fkey;

ALTER TABLE ONLY public.accounts DROP CONSTRAINT accounts_pkey;

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.entries
    ADD CONSTRAINT entries_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);
