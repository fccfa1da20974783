CREATE TABLE public.accounts (id integer NOT NULL, region text NOT NULL, CONSTRAINT accounts_pkey PRIMARY KEY (id, region));
CREATE TABLE public.entries (account_id integer NOT NULL, region text NOT NULL,
    CONSTRAINT entries_account_id_fkey FOREIGN KEY (account_id, region) REFERENCES public.accounts (id, region));
