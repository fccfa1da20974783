-- migrate:down

ALTER TABLE ONLY public.t ALTER COLUMN code DROP DEFAULT;

CREATE OR REPLACE FUNCTION public.gen_code()
 RETURNS text
 LANGUAGE sql
AS $function$ SELECT md5(random()::text) $function$;

ALTER TABLE ONLY public.t ALTER COLUMN code SET DEFAULT public.gen_code();
