CREATE TABLE public.t (name text, id serial NOT NULL);
CREATE TABLE public.gone (id bigserial PRIMARY KEY);
