CREATE TYPE public.addr AS (street text, zip bigint, country text COLLATE "C");
