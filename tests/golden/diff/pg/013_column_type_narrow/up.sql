-- migrate:up

-- schemake:destructive changes the type of column public.m.id from bigint to integer, which may fail or lose data
ALTER TABLE public.m ALTER COLUMN id TYPE integer USING id::integer;

-- schemake:destructive changes the type of column public.m.code from text to character varying(5), which may fail or lose data
ALTER TABLE public.m ALTER COLUMN code TYPE character varying(5);

-- schemake:destructive changes the type of column public.m.amount from numeric(12,4) to numeric(8,2), which may fail or lose data
ALTER TABLE public.m ALTER COLUMN amount TYPE numeric(8,2);

-- schemake:destructive changes the type of column public.m.label from character varying(40) to character varying(10), which may fail or lose data
ALTER TABLE ONLY public.m ALTER COLUMN label DROP DEFAULT;
ALTER TABLE public.m ALTER COLUMN label TYPE character varying(10);
ALTER TABLE ONLY public.m ALTER COLUMN label SET DEFAULT 'x'::character varying;

