-- migrate:up

CREATE OR REPLACE FUNCTION public.add_tax(p numeric)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE
RETURN (p * 1.25);

CREATE OR REPLACE FUNCTION public.greet(name text)
 RETURNS text
 LANGUAGE plpgsql
 STABLE
AS $function$ BEGIN RETURN 'hello ' || name; END $function$;

COMMENT ON FUNCTION public.greet(name text) IS 'says hello';

