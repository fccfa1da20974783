CREATE TABLE public.t (id integer CONSTRAINT t_pkey PRIMARY KEY, qty integer CONSTRAINT t_qty_check CHECK (qty > 0));
COMMENT ON CONSTRAINT t_pkey ON public.t IS 'the key';
