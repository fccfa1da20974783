-- migrate:up

ALTER TABLE public.m ALTER COLUMN a DROP NOT NULL;
ALTER TABLE ONLY public.m_2 ALTER COLUMN a SET NOT NULL;

ALTER TABLE ONLY public.m_2 ALTER COLUMN b DROP NOT NULL;

-- schemake:destructive drops column public.m.old
ALTER TABLE public.m DROP COLUMN old;

