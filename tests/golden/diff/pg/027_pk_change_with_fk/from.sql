CREATE TABLE public.accounts (id integer NOT NULL, region text NOT NULL, CONSTRAINT accounts_pkey PRIMARY KEY (id));
CREATE TABLE public.entries (account_id integer NOT NULL REFERENCES public.accounts (id), region text NOT NULL);
