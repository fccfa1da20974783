CREATE TABLE public.p (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW public.cheap AS SELECT id, name FROM public.p WHERE price < 10;
CREATE VIEW public.cheap_names AS SELECT name FROM public.cheap;
COMMENT ON COLUMN public.cheap.name IS 'the name';
