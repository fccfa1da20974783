CREATE TABLE public.cache (k text PRIMARY KEY, v bytea) WITH (fillfactor = 70, autovacuum_enabled = false);
CREATE UNLOGGED TABLE public.scratch (k text);
