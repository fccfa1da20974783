-- migrate:up

ALTER INDEX public.ix1 RENAME TO ev_kind_idx;

