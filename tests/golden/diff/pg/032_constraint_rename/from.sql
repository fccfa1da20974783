CREATE TABLE public.t (id integer CONSTRAINT t_pk PRIMARY KEY, qty integer CONSTRAINT qty_positive CHECK (qty > 0));
CREATE TABLE public.r (t_id integer CONSTRAINT r_t_fk REFERENCES public.t (id));
