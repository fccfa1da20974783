CREATE TABLE public.t (id integer CONSTRAINT t_pkey PRIMARY KEY, qty integer CONSTRAINT t_qty_check CHECK (qty > 0));
CREATE TABLE public.r (t_id integer CONSTRAINT r_t_id_fkey REFERENCES public.t (id));
