CREATE TABLE public.p (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW public.cheap AS SELECT id, name FROM public.p WHERE price < 10;
COMMENT ON VIEW public.cheap IS 'under ten';
