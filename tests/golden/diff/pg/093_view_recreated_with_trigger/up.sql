-- migrate:up

DROP TRIGGER pv_ins ON public.pv;

DROP VIEW public.pv;

CREATE VIEW public.pv AS
 SELECT p.id,
    upper(p.name) AS name_upper
   FROM public.p;

CREATE TRIGGER pv_ins INSTEAD OF INSERT ON public.pv FOR EACH ROW EXECUTE FUNCTION public.pv_ins();

