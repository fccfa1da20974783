-- migrate:up

DROP VIEW public.recent;

-- schemake:destructive recreates table public.events (its rows are lost)
DROP TABLE public.events;

CREATE TABLE public.events (
    id bigint NOT NULL,
    at date NOT NULL,
    payload text
)
PARTITION BY RANGE (at);
COMMENT ON TABLE public.events IS 'all events';

CREATE TABLE public.events_all PARTITION OF public.events
DEFAULT;

CREATE VIEW public.recent AS
 SELECT events.id,
    events.at
   FROM public.events;

