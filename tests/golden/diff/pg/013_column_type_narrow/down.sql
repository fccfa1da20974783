-- migrate:down

ALTER TABLE ONLY public.m ALTER COLUMN label DROP DEFAULT;
ALTER TABLE public.m ALTER COLUMN label TYPE character varying(40);
ALTER TABLE ONLY public.m ALTER COLUMN label SET DEFAULT 'x'::character varying;

ALTER TABLE public.m ALTER COLUMN amount TYPE numeric(12,4);

ALTER TABLE public.m ALTER COLUMN code TYPE text;

ALTER TABLE public.m ALTER COLUMN id TYPE bigint USING id::bigint;
