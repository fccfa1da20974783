-- migrate:up

-- schemake:destructive rebuilds type public.floatrange, casting the values of its columns through text
ALTER TABLE public.r ALTER COLUMN span TYPE text USING span::text;
DROP TYPE public.floatrange;
CREATE TYPE public.floatrange AS RANGE (
    SUBTYPE = double precision, SUBTYPE_DIFF = float8mi
);
ALTER TABLE public.r ALTER COLUMN span TYPE public.floatrange USING span::public.floatrange;

