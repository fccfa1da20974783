CREATE TABLE public.events (id bigint NOT NULL, at date NOT NULL, payload text);
COMMENT ON TABLE public.events IS 'all events';
CREATE VIEW public.recent AS SELECT id, at FROM public.events;
