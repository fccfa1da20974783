-- migrate:down

DROP TRIGGER t_stamp ON public.t;

CREATE OR REPLACE FUNCTION public.audit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN RETURN NEW; END $function$;

CREATE OR REPLACE FUNCTION public.old_fn(a integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN (a + 1);

DROP FUNCTION public.t_count();

DROP FUNCTION public.stamp();

CREATE TRIGGER t_audit AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.audit();
