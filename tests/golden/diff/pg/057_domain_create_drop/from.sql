CREATE DOMAIN public.old_d AS text;
CREATE TABLE public.t (id integer PRIMARY KEY);
