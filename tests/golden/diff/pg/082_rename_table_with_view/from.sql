CREATE TABLE public.users (id integer PRIMARY KEY, name text);
CREATE VIEW public.user_names AS SELECT name FROM public.users;
