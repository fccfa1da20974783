-- migrate:up

ALTER TABLE ONLY public.t ALTER COLUMN code DROP DEFAULT;

DROP FUNCTION public.gen_code();

ALTER TABLE ONLY public.t ALTER COLUMN code SET DEFAULT 'none'::text;

