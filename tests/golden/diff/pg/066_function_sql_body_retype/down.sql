-- migrate:down

DROP FUNCTION public.total();

ALTER TABLE public.s ALTER COLUMN n TYPE integer USING n::integer;

CREATE OR REPLACE FUNCTION public.total()
 RETURNS bigint
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT sum(s.n) AS sum
    FROM public.s;
END;
