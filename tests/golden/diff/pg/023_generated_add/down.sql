-- migrate:down

ALTER TABLE public.p DROP COLUMN email_lower;
ALTER TABLE public.p ADD COLUMN email_lower text;
