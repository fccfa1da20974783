CREATE TABLE public.p (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW public.base AS SELECT id, name, price FROM public.p;
CREATE VIEW public.names AS SELECT name FROM public.base;
