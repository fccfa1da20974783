CREATE TABLE public.parents (id bigint PRIMARY KEY);
CREATE TABLE public.children (id integer PRIMARY KEY, parent_id bigint REFERENCES public.parents (id));
