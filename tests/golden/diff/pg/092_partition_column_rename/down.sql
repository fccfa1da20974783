-- migrate:down

ALTER TABLE ONLY public.m_1 ALTER COLUMN value SET DEFAULT 1;

ALTER TABLE public.m RENAME COLUMN value TO reading;
