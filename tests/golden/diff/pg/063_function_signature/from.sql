CREATE FUNCTION public.next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'A' $$;
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.code := upper(NEW.code); RETURN NEW; END $$;
CREATE TABLE public.t (id integer PRIMARY KEY, code text DEFAULT public.next_code() CHECK (code <> public.next_code() || 'x'));
CREATE TRIGGER t_touch BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch();
CREATE VIEW public.codes AS SELECT public.next_code() AS c;
