CREATE TABLE public.m (
    id integer PRIMARY KEY,
    code character varying(5),
    amount numeric(8,2),
    label character varying(10) DEFAULT 'x'
);
