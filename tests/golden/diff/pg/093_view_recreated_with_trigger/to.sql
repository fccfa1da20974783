CREATE TABLE public.p (id integer PRIMARY KEY, name text);
CREATE FUNCTION public.pv_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE VIEW public.pv AS SELECT id, upper(name) AS name_upper FROM public.p;
CREATE TRIGGER pv_ins INSTEAD OF INSERT ON public.pv FOR EACH ROW EXECUTE FUNCTION public.pv_ins();
