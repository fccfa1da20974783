CREATE TABLE public.ev (id integer PRIMARY KEY, kind text, at timestamptz);
CREATE INDEX ev_kind_idx ON public.ev (kind);
CREATE INDEX ev_recent ON public.ev (at) WHERE kind <> 'debug';
COMMENT ON INDEX public.ev_recent IS 'no debug';
