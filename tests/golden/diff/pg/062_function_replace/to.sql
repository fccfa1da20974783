CREATE FUNCTION public.add_tax(p numeric) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN p * 1.25;
CREATE FUNCTION public.greet(name text) RETURNS text LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN 'hello ' || name; END $$;
COMMENT ON FUNCTION public.greet(text) IS 'says hello';
CREATE VIEW public.v AS SELECT public.add_tax(10) AS x;
