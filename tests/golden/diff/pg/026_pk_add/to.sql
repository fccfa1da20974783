CREATE TABLE public.t (id integer NOT NULL, v text, CONSTRAINT t_pkey PRIMARY KEY (id));
