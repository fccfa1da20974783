-- migrate:up

CREATE TRIGGER pv_ins INSTEAD OF INSERT ON public.pv FOR EACH ROW EXECUTE FUNCTION public.pv_ins();
COMMENT ON TRIGGER pv_ins ON public.pv IS 'writes through';

