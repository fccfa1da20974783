-- migrate:down

COMMENT ON CONSTRAINT t_qty_check ON public.t IS NULL;

COMMENT ON CONSTRAINT t_pkey ON public.t IS 'the key';
