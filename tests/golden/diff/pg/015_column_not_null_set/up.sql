-- migrate:up

-- schemake:destructive makes column public.t.a NOT NULL without a default (fails where it holds NULL)
ALTER TABLE public.t ALTER COLUMN a SET NOT NULL;

ALTER TABLE public.t ALTER COLUMN b SET NOT NULL;

ALTER TABLE public.t ALTER COLUMN c SET NOT NULL;
ALTER TABLE ONLY public.t ALTER COLUMN c SET DEFAULT 0;

