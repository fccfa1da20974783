CREATE FUNCTION public.is_valid(v integer, strict boolean DEFAULT true) RETURNS boolean LANGUAGE sql IMMUTABLE
    RETURN v > 0 OR NOT strict;
CREATE DOMAIN public.valid_int AS integer CONSTRAINT valid_int_check CHECK (public.is_valid(VALUE));
CREATE TABLE public.t (id integer PRIMARY KEY, n integer, v public.valid_int);
CREATE INDEX t_valid_idx ON public.t (public.is_valid(n));
CREATE FUNCTION public.count_valid() RETURNS bigint LANGUAGE sql STABLE
    BEGIN ATOMIC SELECT count(*) FROM public.t WHERE public.is_valid(t.n); END;
