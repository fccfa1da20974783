CREATE TABLE public.ev (id bigint NOT NULL, at date NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE public.ev_2024 PARTITION OF public.ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX ev_kind_at_idx ON public.ev (kind, at);
ALTER TABLE public.ev ADD CONSTRAINT ev_pkey PRIMARY KEY (id, at);
CREATE INDEX ev_2024_id_idx ON public.ev_2024 (id);
