-- migrate:down

ALTER SEQUENCE public.s2 OWNED BY NONE;

ALTER SEQUENCE public.s1 OWNED BY NONE;

ALTER SEQUENCE public.s1 OWNED BY public.t.a;
