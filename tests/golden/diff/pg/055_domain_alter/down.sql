-- migrate:down

COMMENT ON DOMAIN public.code IS NULL;

ALTER DOMAIN public.qty DROP CONSTRAINT qty_positive;
ALTER DOMAIN public.qty DROP CONSTRAINT qty_not_13;
ALTER DOMAIN public.qty DROP CONSTRAINT qty_even;
ALTER DOMAIN public.qty ADD CONSTRAINT qty_small CHECK ((VALUE < 1000));
ALTER DOMAIN public.qty ADD CONSTRAINT qty_positive CHECK ((VALUE > 0));
ALTER DOMAIN public.qty DROP NOT NULL;
ALTER DOMAIN public.qty SET DEFAULT 1;

ALTER DOMAIN public.code DROP CONSTRAINT code_check;
ALTER DOMAIN public.code DROP DEFAULT;
