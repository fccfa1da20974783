-- migrate:down

DROP VIEW public.recent;

DROP TABLE public.events_all;

DROP TABLE public.events;

CREATE TABLE public.events (
    id bigint NOT NULL,
    at date NOT NULL,
    payload text
);
COMMENT ON TABLE public.events IS 'all events';

CREATE VIEW public.recent AS
 SELECT events.id,
    events.at
   FROM public.events;
