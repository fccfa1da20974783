-- migrate:up

CREATE TABLE public.logs_2025 PARTITION OF public.logs
FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE ONLY public.logs_2025 ALTER COLUMN msg SET DEFAULT 'none'::text;

CREATE TABLE public.logs_rest PARTITION OF public.logs
DEFAULT;

-- schemake:destructive drops table public.logs_2023
DROP TABLE public.logs_2023;

