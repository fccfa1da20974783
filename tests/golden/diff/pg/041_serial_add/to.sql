CREATE TABLE public.t (name text, id serial NOT NULL, big bigserial);
