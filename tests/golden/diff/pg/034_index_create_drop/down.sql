-- migrate:down

DROP INDEX public.ev_payload_gin;

DROP INDEX public.ev_kind_lower;

DROP INDEX public.ev_at_brin;

CREATE INDEX ev_kind_idx ON public.ev USING btree (kind);
