CREATE TABLE public.s (n bigint);
CREATE FUNCTION public.total() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(n) FROM public.s; END;
