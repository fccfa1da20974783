CREATE TABLE public.ev (id integer PRIMARY KEY, kind text, at timestamptz, payload jsonb);
CREATE INDEX ev_kind_idx ON public.ev (kind);
