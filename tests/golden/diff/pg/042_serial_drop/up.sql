-- migrate:up

ALTER SEQUENCE public.gone_id_seq OWNED BY NONE;

ALTER SEQUENCE public.t_id_seq OWNED BY NONE;

-- schemake:destructive drops column public.t.id
ALTER TABLE public.t DROP COLUMN id;

-- schemake:destructive drops table public.gone
DROP TABLE public.gone;

-- schemake:destructive drops sequence public.t_id_seq
DROP SEQUENCE public.t_id_seq;

-- schemake:destructive drops sequence public.gone_id_seq
DROP SEQUENCE public.gone_id_seq;

