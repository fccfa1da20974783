CREATE TYPE public.size AS ENUM ('m', 's', 'l');
CREATE TABLE public.shirts (id integer PRIMARY KEY, size public.size);
