CREATE TYPE public.addr AS (street text, zip integer, city text);
