-- migrate:down

ALTER TABLE ONLY public.alerts DROP CONSTRAINT alerts_not_low;

DROP FUNCTION public.weight(l public.level);

ALTER TABLE public.alerts ALTER COLUMN level TYPE text USING level::text;
DROP TYPE public.level;
CREATE TYPE public.level AS ENUM (
    'low',
    'high'
);
ALTER TABLE public.alerts ALTER COLUMN level TYPE public.level USING level::public.level;

CREATE OR REPLACE FUNCTION public.weight(l public.level)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN CASE l WHEN 'low'::public.level THEN 1 ELSE 10 END;

ALTER TABLE ONLY public.alerts
    ADD CONSTRAINT alerts_not_low CHECK ((level <> 'low'::public.level));
