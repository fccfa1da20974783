-- migrate:up

ALTER TABLE ONLY public.m ALTER COLUMN temp DROP DEFAULT;
ALTER TABLE public.m ALTER COLUMN temp TYPE bigint USING temp::bigint;
ALTER TABLE ONLY public.m ALTER COLUMN temp SET DEFAULT 1;

-- schemake:destructive makes column public.m.sales NOT NULL without a default (fails where it holds NULL)
ALTER TABLE public.m ALTER COLUMN sales SET NOT NULL;

ALTER TABLE public.m ADD COLUMN note text DEFAULT 'n'::text;
ALTER TABLE ONLY public.m_2 ALTER COLUMN note SET DEFAULT 'two'::text;

ALTER TABLE ONLY public.m_2 ALTER COLUMN temp SET DEFAULT 1;

