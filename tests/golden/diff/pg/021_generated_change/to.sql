CREATE TABLE public.p (
    id integer PRIMARY KEY,
    price numeric NOT NULL,
    with_tax numeric GENERATED ALWAYS AS (price * 1.25) STORED
);
CREATE INDEX p_with_tax_idx ON public.p (with_tax);
COMMENT ON COLUMN public.p.with_tax IS 'gross';
