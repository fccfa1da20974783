CREATE TABLE public.p (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW public.editable WITH (security_barrier = true, check_option = local) AS SELECT id, name, price FROM public.p WHERE price > 0;
ALTER VIEW public.editable ALTER COLUMN name SET DEFAULT 'unnamed';
COMMENT ON COLUMN public.editable.name IS 'shown';
