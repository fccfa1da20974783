CREATE TABLE public.c (id integer PRIMARY KEY, a text COLLATE "C", b text, c text COLLATE "POSIX");
