-- migrate:up

DROP INDEX public.ev_kind_idx;

CREATE INDEX ev_at_brin ON public.ev USING brin (at);

CREATE INDEX ev_kind_lower ON public.ev USING btree (lower(kind)) INCLUDE (at);

CREATE INDEX ev_payload_gin ON public.ev USING gin (payload jsonb_path_ops);

