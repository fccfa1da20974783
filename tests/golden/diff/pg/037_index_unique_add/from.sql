CREATE TABLE public.ev (id integer PRIMARY KEY, kind text, ext_id text);
