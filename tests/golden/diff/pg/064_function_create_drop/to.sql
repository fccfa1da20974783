CREATE TABLE public.t (id integer PRIMARY KEY);
CREATE FUNCTION public.t_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM public.t $$;
CREATE FUNCTION public.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_stamp BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.stamp();
