CREATE TABLE public.ev (id integer PRIMARY KEY, kind text, ext_id text);
CREATE UNIQUE INDEX ev_ext_id_key ON public.ev (ext_id) WHERE ext_id IS NOT NULL;
