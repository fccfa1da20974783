CREATE TABLE public.t (id integer PRIMARY KEY, a text NOT NULL, b text DEFAULT 'b' NOT NULL);
