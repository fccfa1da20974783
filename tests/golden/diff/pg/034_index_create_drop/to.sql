CREATE TABLE public.ev (id integer PRIMARY KEY, kind text, at timestamptz, payload jsonb);
CREATE INDEX ev_at_brin ON public.ev USING brin (at);
CREATE INDEX ev_payload_gin ON public.ev USING gin (payload jsonb_path_ops);
CREATE INDEX ev_kind_lower ON public.ev (lower(kind)) INCLUDE (at);
