CREATE TABLE public.c (id integer PRIMARY KEY, a text, b text COLLATE "C", c character varying(10));
