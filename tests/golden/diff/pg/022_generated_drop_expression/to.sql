CREATE TABLE public.p (
    id integer PRIMARY KEY,
    price numeric NOT NULL,
    with_tax numeric
);
