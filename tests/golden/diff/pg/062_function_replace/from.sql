CREATE FUNCTION public.add_tax(p numeric) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN p * 1.2;
CREATE FUNCTION public.greet(name text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN 'hi ' || name; END $$;
COMMENT ON FUNCTION public.greet(text) IS 'says hi';
CREATE VIEW public.v AS SELECT public.add_tax(10) AS x;
