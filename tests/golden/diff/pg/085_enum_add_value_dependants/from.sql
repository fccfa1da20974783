CREATE TYPE public.level AS ENUM ('low', 'high');
CREATE FUNCTION public.weight(l public.level) RETURNS integer LANGUAGE sql IMMUTABLE
    RETURN CASE l WHEN 'low' THEN 1 ELSE 10 END;
CREATE TABLE public.alerts (id integer PRIMARY KEY, level public.level NOT NULL,
    CONSTRAINT alerts_not_low CHECK (level <> 'low'));
