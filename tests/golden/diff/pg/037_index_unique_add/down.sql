-- migrate:down

DROP INDEX public.ev_ext_id_key;
