CREATE TABLE public.ev (id integer PRIMARY KEY, kind text);
CREATE INDEX ix1 ON public.ev (kind);
