CREATE TABLE public.s (n integer);
CREATE FUNCTION public.total() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(n) FROM public.s; END;
