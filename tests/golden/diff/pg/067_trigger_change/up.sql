-- migrate:up

DROP TRIGGER t_tg ON public.t;

CREATE TRIGGER t_tg BEFORE INSERT OR UPDATE OF v ON public.t FOR EACH ROW WHEN ((new.v IS NOT NULL)) EXECUTE FUNCTION public.tg();

COMMENT ON TRIGGER t_stmt ON public.t IS 'after every delete';

