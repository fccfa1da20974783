CREATE TABLE public.c (
    id integer PRIMARY KEY,
    qty integer CONSTRAINT c_qty_check CHECK (qty > 0),
    price numeric CONSTRAINT c_price_check CHECK (price >= 0),
    kind text
);
