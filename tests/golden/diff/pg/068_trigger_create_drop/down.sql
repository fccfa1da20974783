-- migrate:down

DROP TRIGGER t_new ON public.t;

DROP TRIGGER t_check ON public.t;

CREATE TRIGGER t_old AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.tg();
