-- migrate:up

ALTER TABLE public.r RENAME CONSTRAINT r_t_fk TO r_t_id_fkey;

ALTER TABLE public.t RENAME CONSTRAINT t_pk TO t_pkey;

ALTER TABLE public.t RENAME CONSTRAINT qty_positive TO t_qty_check;

