-- migrate:up

CREATE TYPE public.color AS ENUM (
    'red',
    'green',
    'blue'
);
COMMENT ON TYPE public.color IS 'primary colors of light';

ALTER TABLE public.t ADD COLUMN c public.color DEFAULT 'red'::public.color;

-- schemake:destructive drops column public.t.k
ALTER TABLE public.t DROP COLUMN k;

DROP TYPE public.old_kind;

