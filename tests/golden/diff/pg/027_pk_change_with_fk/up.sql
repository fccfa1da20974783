-- migrate:up

ALTER TABLE ONLY public.entries DROP CONSTRAINT entries_account_id_fkey;

ALTER TABLE ONLY public.accounts DROP CONSTRAINT accounts_pkey;

-- schemake:destructive adds primary key accounts_pkey on public.accounts (fails on duplicate or NULL values)
ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id, region);

ALTER TABLE ONLY public.entries
    ADD CONSTRAINT entries_account_id_fkey FOREIGN KEY (account_id, region) REFERENCES public.accounts(id, region);

