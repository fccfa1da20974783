CREATE TABLE public.events (id bigint NOT NULL, at date NOT NULL, payload text) PARTITION BY RANGE (at);
CREATE TABLE public.events_all PARTITION OF public.events DEFAULT;
COMMENT ON TABLE public.events IS 'all events';
CREATE VIEW public.recent AS SELECT id, at FROM public.events;
