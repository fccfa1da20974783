CREATE TABLE public.items (id integer PRIMARY KEY, qty integer);
CREATE TABLE public.stats (n bigint);
