CREATE UNLOGGED TABLE public.cache (k text PRIMARY KEY, v bytea) WITH (fillfactor = 90, toast_tuple_target = 256);
CREATE TABLE public.scratch (k text);
