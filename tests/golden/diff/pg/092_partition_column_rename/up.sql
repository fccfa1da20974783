-- migrate:up

ALTER TABLE public.m RENAME COLUMN reading TO value;

ALTER TABLE ONLY public.m_1 ALTER COLUMN value SET DEFAULT 2;

