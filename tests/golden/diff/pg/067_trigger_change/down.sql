-- migrate:down

COMMENT ON TRIGGER t_stmt ON public.t IS 'after delete';

DROP TRIGGER t_tg ON public.t;

CREATE TRIGGER t_tg BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.tg();
