CREATE TYPE public.floatrange AS RANGE (SUBTYPE = double precision, SUBTYPE_DIFF = float8mi);
CREATE TABLE public.r (id integer PRIMARY KEY, span public.floatrange);
