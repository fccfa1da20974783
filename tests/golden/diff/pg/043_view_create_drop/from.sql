CREATE TABLE public.p (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW public.old_view AS SELECT id FROM public.p;
