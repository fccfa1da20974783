-- migrate:down

DROP INDEX public.ev_2024_id_idx;

DROP INDEX public.ev_kind_at_idx;

ALTER TABLE public.ev DROP CONSTRAINT ev_pkey;

CREATE INDEX ev_kind_idx ON public.ev USING btree (kind);
