CREATE TABLE public.m (
    id bigint PRIMARY KEY,
    code text,
    amount numeric(12,4),
    label character varying(40) DEFAULT 'x'
);
