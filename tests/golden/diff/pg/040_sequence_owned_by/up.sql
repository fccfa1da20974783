-- migrate:up

ALTER SEQUENCE public.s1 OWNED BY NONE;

ALTER SEQUENCE public.s1 OWNED BY public.t.b;

ALTER SEQUENCE public.s2 OWNED BY public.t.a;

