CREATE FUNCTION public.start_value() RETURNS integer LANGUAGE sql IMMUTABLE RETURN 1;
CREATE DOMAIN public.counter AS integer DEFAULT public.start_value() CHECK (VALUE >= 0);
CREATE TABLE public.c (id integer PRIMARY KEY, n public.counter);
