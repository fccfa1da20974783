-- migrate:up

ALTER TABLE public.shirts ALTER COLUMN size TYPE text USING size::text;
DROP TYPE public.size;
CREATE TYPE public.size AS ENUM (
    's',
    'm',
    'l'
);
ALTER TABLE public.shirts ALTER COLUMN size TYPE public.size USING size::public.size;

