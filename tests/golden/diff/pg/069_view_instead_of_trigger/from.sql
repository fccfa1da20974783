CREATE TABLE public.p (id integer PRIMARY KEY, name text);
CREATE VIEW public.pv AS SELECT id, name FROM public.p;
CREATE FUNCTION public.pv_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO public.p VALUES (NEW.id, NEW.name); RETURN NEW; END $$;
