-- migrate:down

ALTER TABLE public.shirts ALTER COLUMN size TYPE text USING size::text;
DROP TYPE public.size;
CREATE TYPE public.size AS ENUM (
    'm',
    's',
    'l'
);
ALTER TABLE public.shirts ALTER COLUMN size TYPE public.size USING size::public.size;
