-- migrate:down

ALTER TABLE public.p DROP COLUMN with_tax;
ALTER TABLE public.p ADD COLUMN with_tax numeric GENERATED ALWAYS AS ((price * 1.2)) STORED;
