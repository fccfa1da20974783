CREATE TABLE public.p (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW public.editable AS SELECT id, name, price FROM public.p WHERE price > 0;
ALTER VIEW public.editable ALTER COLUMN price SET DEFAULT 1;
