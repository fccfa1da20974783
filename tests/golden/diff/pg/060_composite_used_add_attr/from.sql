CREATE TYPE public.point3 AS (x double precision, y double precision);
CREATE TABLE public.pts (id integer PRIMARY KEY, p public.point3);
