CREATE DOMAIN public.qty AS integer NOT NULL CONSTRAINT qty_positive CHECK (VALUE >= 0) CONSTRAINT qty_even CHECK (VALUE % 2 = 0);
ALTER DOMAIN public.qty ADD CONSTRAINT qty_not_13 CHECK (VALUE <> 13) NOT VALID;
CREATE DOMAIN public.code AS text DEFAULT 'AAA' CHECK (VALUE ~ '^[A-Z]+$');
COMMENT ON DOMAIN public.code IS 'upper case';
CREATE TABLE public.lines (id integer PRIMARY KEY, qty public.qty, code public.code);
