-- migrate:down

ALTER TABLE public.t RENAME CONSTRAINT t_qty_check TO qty_positive;

ALTER TABLE public.t RENAME CONSTRAINT t_pkey TO t_pk;

ALTER TABLE public.r RENAME CONSTRAINT r_t_id_fkey TO r_t_fk;
