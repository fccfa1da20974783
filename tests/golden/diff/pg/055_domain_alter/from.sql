CREATE DOMAIN public.qty AS integer DEFAULT 1 CONSTRAINT qty_positive CHECK (VALUE > 0) CONSTRAINT qty_small CHECK (VALUE < 1000);
CREATE DOMAIN public.code AS text;
CREATE TABLE public.lines (id integer PRIMARY KEY, qty public.qty, code public.code);
