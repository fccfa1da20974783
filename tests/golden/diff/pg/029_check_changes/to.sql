CREATE TABLE public.c (
    id integer PRIMARY KEY,
    qty integer CONSTRAINT c_qty_check CHECK (qty >= 0),
    price numeric,
    kind text
);
ALTER TABLE public.c ADD CONSTRAINT c_kind_check CHECK (kind IN ('a', 'b')) NOT VALID;
