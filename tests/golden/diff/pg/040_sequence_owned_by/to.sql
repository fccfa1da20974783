CREATE TABLE public.t (id integer PRIMARY KEY, a integer, b integer);
CREATE SEQUENCE public.s1 OWNED BY public.t.b;
CREATE SEQUENCE public.s2 OWNED BY public.t.a;
