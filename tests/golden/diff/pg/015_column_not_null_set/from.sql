CREATE TABLE public.t (id integer PRIMARY KEY, a text, b text DEFAULT 'b', c integer);
