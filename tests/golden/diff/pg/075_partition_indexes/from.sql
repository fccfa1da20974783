CREATE TABLE public.ev (id bigint NOT NULL, at date NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE public.ev_2024 PARTITION OF public.ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX ev_kind_idx ON public.ev (kind);
