-- migrate:down

ALTER TABLE public.r ALTER COLUMN span TYPE text USING span::text;
DROP TYPE public.floatrange;
CREATE TYPE public.floatrange AS RANGE (
    SUBTYPE = double precision
);
ALTER TABLE public.r ALTER COLUMN span TYPE public.floatrange USING span::public.floatrange;
