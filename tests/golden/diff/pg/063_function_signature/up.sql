-- migrate:up

ALTER TABLE ONLY public.t DROP CONSTRAINT t_code_check;

ALTER TABLE ONLY public.t ALTER COLUMN code DROP DEFAULT;

DROP VIEW public.codes;

DROP FUNCTION public.next_code();

CREATE OR REPLACE FUNCTION public.next_code()
 RETURNS character varying
 LANGUAGE sql
AS $function$ SELECT 'B'::varchar $function$;

ALTER TABLE ONLY public.t ALTER COLUMN code SET DEFAULT public.next_code();

CREATE VIEW public.codes AS
 SELECT public.next_code() AS c;

ALTER TABLE ONLY public.t
    ADD CONSTRAINT t_code_check CHECK ((code <> ((public.next_code())::text || 'x'::text)));

