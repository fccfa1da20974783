-- migrate:down

CREATE TYPE public.old_kind AS ENUM (
    'x',
    'y'
);

ALTER TABLE public.t ADD COLUMN k public.old_kind;

ALTER TABLE public.t DROP COLUMN c;

DROP TYPE public.color;
