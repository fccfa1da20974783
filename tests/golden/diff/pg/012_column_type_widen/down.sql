-- migrate:down

ALTER TABLE public.m ALTER COLUMN at TYPE timestamp(0) without time zone;

ALTER TABLE public.m ALTER COLUMN ratio TYPE real USING ratio::real;

ALTER TABLE public.m ALTER COLUMN amount TYPE numeric(10,2);

ALTER TABLE public.m ALTER COLUMN code TYPE character varying(10);

ALTER TABLE ONLY public.m ALTER COLUMN qty DROP DEFAULT;
ALTER TABLE public.m ALTER COLUMN qty TYPE smallint USING qty::smallint;
ALTER TABLE ONLY public.m ALTER COLUMN qty SET DEFAULT 0;

ALTER TABLE public.m ALTER COLUMN id TYPE integer USING id::integer;
