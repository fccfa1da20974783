CREATE TABLE public.p (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW public.v1 AS SELECT id, name, price FROM public.p;
CREATE VIEW public.v2 AS SELECT id, name FROM public.v1;
CREATE VIEW public.unrelated AS SELECT 1 AS one;
