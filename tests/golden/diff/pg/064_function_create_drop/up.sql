-- migrate:up

DROP TRIGGER t_audit ON public.t;

CREATE OR REPLACE FUNCTION public.stamp()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN RETURN NEW; END $function$;

CREATE OR REPLACE FUNCTION public.t_count()
 RETURNS bigint
 LANGUAGE sql
 STABLE
AS $function$ SELECT count(*) FROM public.t $function$;

DROP FUNCTION public.old_fn(a integer);

DROP FUNCTION public.audit();

CREATE TRIGGER t_stamp BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.stamp();

