-- migrate:down

ALTER INDEX public.ev_kind_idx RENAME TO ix1;
