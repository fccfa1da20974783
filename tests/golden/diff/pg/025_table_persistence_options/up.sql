-- migrate:up

ALTER TABLE public.cache SET UNLOGGED;
ALTER TABLE public.cache SET (fillfactor=90, toast_tuple_target=256);
ALTER TABLE public.cache RESET (autovacuum_enabled);

ALTER TABLE public.scratch SET LOGGED;

