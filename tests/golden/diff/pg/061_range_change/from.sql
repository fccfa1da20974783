CREATE TYPE public.floatrange AS RANGE (SUBTYPE = double precision);
CREATE TABLE public.r (id integer PRIMARY KEY, span public.floatrange);
