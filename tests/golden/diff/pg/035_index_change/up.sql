-- migrate:up

DROP INDEX public.ev_kind_idx;

DROP INDEX public.ev_recent;

CREATE INDEX ev_kind_idx ON public.ev USING btree (kind, at DESC);

CREATE INDEX ev_recent ON public.ev USING btree (at) WHERE (kind <> ALL (ARRAY['debug'::text, 'trace'::text]));
COMMENT ON INDEX public.ev_recent IS 'no debug, no trace';

