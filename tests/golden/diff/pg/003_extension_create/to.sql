CREATE EXTENSION citext;
CREATE TABLE public.users (id integer PRIMARY KEY, email public.citext);
CREATE UNIQUE INDEX users_email_key ON public.users (email);
