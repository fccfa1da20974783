-- migrate:up

ALTER DOMAIN public.code SET DEFAULT 'AAA'::text;
ALTER DOMAIN public.code ADD CONSTRAINT code_check CHECK ((VALUE ~ '^[A-Z]+$'::text));

-- schemake:destructive makes domain public.qty NOT NULL (fails where a column of it holds NULL)
ALTER DOMAIN public.qty DROP DEFAULT;
ALTER DOMAIN public.qty SET NOT NULL;
ALTER DOMAIN public.qty DROP CONSTRAINT qty_positive;
ALTER DOMAIN public.qty DROP CONSTRAINT qty_small;
ALTER DOMAIN public.qty ADD CONSTRAINT qty_even CHECK (((VALUE % 2) = 0));
ALTER DOMAIN public.qty ADD CONSTRAINT qty_not_13 CHECK ((VALUE <> 13)) NOT VALID;
ALTER DOMAIN public.qty ADD CONSTRAINT qty_positive CHECK ((VALUE >= 0));

COMMENT ON DOMAIN public.code IS 'upper case';

