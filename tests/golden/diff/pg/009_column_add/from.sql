CREATE TABLE public.items (id integer PRIMARY KEY, title text NOT NULL);
