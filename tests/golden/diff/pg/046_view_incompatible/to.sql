CREATE TABLE public.p (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW public.v1 AS SELECT id, upper(name) AS name_upper, price FROM public.p;
CREATE VIEW public.v2 AS SELECT id, name_upper FROM public.v1;
CREATE VIEW public.unrelated AS SELECT 1 AS one;
