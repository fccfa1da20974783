-- migrate:up

-- schemake:destructive replaces the values of column public.p.email_lower with a generated expression
ALTER TABLE public.p DROP COLUMN email_lower;
ALTER TABLE public.p ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;

