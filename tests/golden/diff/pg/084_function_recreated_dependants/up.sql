-- migrate:up

DROP INDEX public.t_valid_idx;

ALTER DOMAIN public.valid_int DROP CONSTRAINT valid_int_check;

DROP FUNCTION public.count_valid();

DROP FUNCTION public.is_valid(v integer, strict boolean);

CREATE OR REPLACE FUNCTION public.is_valid(v integer, strict boolean DEFAULT false)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
RETURN ((v > 0) OR (NOT strict));

ALTER DOMAIN public.valid_int ADD CONSTRAINT valid_int_check CHECK (public.is_valid(VALUE));

CREATE OR REPLACE FUNCTION public.count_valid()
 RETURNS bigint
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT count(*) AS count
    FROM public.t
   WHERE public.is_valid(t.n);
END;

CREATE INDEX t_valid_idx ON public.t USING btree (public.is_valid(n));

