CREATE TABLE public.items (id integer PRIMARY KEY, qty integer);
CREATE VIEW public.stats AS SELECT count(*) AS n FROM public.items;
