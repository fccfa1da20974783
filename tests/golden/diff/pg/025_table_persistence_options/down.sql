-- migrate:down

ALTER TABLE public.scratch SET UNLOGGED;

ALTER TABLE public.cache SET (fillfactor=70, autovacuum_enabled=false);
ALTER TABLE public.cache RESET (toast_tuple_target);
ALTER TABLE public.cache SET LOGGED;
