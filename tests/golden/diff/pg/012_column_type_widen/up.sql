-- migrate:up

ALTER TABLE public.m ALTER COLUMN id TYPE bigint USING id::bigint;

ALTER TABLE ONLY public.m ALTER COLUMN qty DROP DEFAULT;
ALTER TABLE public.m ALTER COLUMN qty TYPE integer USING qty::integer;
ALTER TABLE ONLY public.m ALTER COLUMN qty SET DEFAULT 0;

ALTER TABLE public.m ALTER COLUMN code TYPE character varying(20);

ALTER TABLE public.m ALTER COLUMN amount TYPE numeric(12,2);

ALTER TABLE public.m ALTER COLUMN ratio TYPE double precision USING ratio::double precision;

ALTER TABLE public.m ALTER COLUMN at TYPE timestamp(3) without time zone;

