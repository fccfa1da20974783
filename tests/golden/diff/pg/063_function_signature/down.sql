-- migrate:down

ALTER TABLE ONLY public.t DROP CONSTRAINT t_code_check;

DROP VIEW public.codes;

ALTER TABLE ONLY public.t ALTER COLUMN code DROP DEFAULT;

DROP FUNCTION public.next_code();

CREATE OR REPLACE FUNCTION public.next_code()
 RETURNS text
 LANGUAGE sql
AS $function$ SELECT 'A' $function$;

CREATE VIEW public.codes AS
 SELECT public.next_code() AS c;

ALTER TABLE ONLY public.t ALTER COLUMN code SET DEFAULT public.next_code();

ALTER TABLE ONLY public.t
    ADD CONSTRAINT t_code_check CHECK ((code <> (public.next_code() || 'x'::text)));
