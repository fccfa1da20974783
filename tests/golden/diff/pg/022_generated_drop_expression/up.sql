-- migrate:up

ALTER TABLE public.p ALTER COLUMN with_tax DROP EXPRESSION;

