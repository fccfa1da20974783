CREATE TABLE public.m (id bigint NOT NULL, reading integer DEFAULT 0) PARTITION BY RANGE (id);
CREATE TABLE public.m_1 PARTITION OF public.m FOR VALUES FROM (0) TO (100);
ALTER TABLE ONLY public.m_1 ALTER COLUMN reading SET DEFAULT 1;
CREATE INDEX m_reading_idx ON public.m (reading);
