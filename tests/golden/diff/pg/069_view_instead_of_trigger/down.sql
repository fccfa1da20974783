-- migrate:down

DROP TRIGGER pv_ins ON public.pv;
