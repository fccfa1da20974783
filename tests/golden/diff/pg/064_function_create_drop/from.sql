CREATE FUNCTION public.old_fn(a integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN a + 1;
CREATE FUNCTION public.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE public.t (id integer PRIMARY KEY);
CREATE TRIGGER t_audit AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.audit();
