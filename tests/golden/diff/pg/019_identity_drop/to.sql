CREATE TABLE public.a (id integer NOT NULL PRIMARY KEY, v text);
CREATE TABLE public.b (id bigint, v text);
