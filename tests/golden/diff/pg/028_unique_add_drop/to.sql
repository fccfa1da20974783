CREATE TABLE public.u (id integer PRIMARY KEY, email text, handle text, CONSTRAINT u_email_key UNIQUE NULLS NOT DISTINCT (email));
