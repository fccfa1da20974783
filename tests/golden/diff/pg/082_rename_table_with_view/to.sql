CREATE TABLE public.members (id integer PRIMARY KEY, name text);
CREATE VIEW public.user_names AS SELECT name FROM public.members;
