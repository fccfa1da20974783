-- migrate:up

COMMENT ON CONSTRAINT t_pkey ON public.t IS NULL;

COMMENT ON CONSTRAINT t_qty_check ON public.t IS 'no empty lines';

