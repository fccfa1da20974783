-- migrate:down

DROP INDEX public.ev_recent;

DROP INDEX public.ev_kind_idx;

CREATE INDEX ev_recent ON public.ev USING btree (at) WHERE (kind <> 'debug'::text);
COMMENT ON INDEX public.ev_recent IS 'no debug';

CREATE INDEX ev_kind_idx ON public.ev USING btree (kind);
