-- migrate:down

ALTER DOMAIN public.counter DROP DEFAULT;

DROP FUNCTION public.start_value();

CREATE OR REPLACE FUNCTION public.start_value()
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN 1;

ALTER DOMAIN public.counter SET DEFAULT public.start_value();
