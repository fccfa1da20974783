-- migrate:down

COMMENT ON FUNCTION public.greet(name text) IS 'says hi';

CREATE OR REPLACE FUNCTION public.greet(name text)
 RETURNS text
 LANGUAGE plpgsql
AS $function$ BEGIN RETURN 'hi ' || name; END $function$;

CREATE OR REPLACE FUNCTION public.add_tax(p numeric)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE
RETURN (p * 1.2);
