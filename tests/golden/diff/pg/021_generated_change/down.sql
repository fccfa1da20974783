-- migrate:down

DROP INDEX public.p_with_tax_idx;

ALTER TABLE public.p DROP COLUMN with_tax;
ALTER TABLE public.p ADD COLUMN with_tax numeric GENERATED ALWAYS AS ((price * 1.2)) STORED;
COMMENT ON COLUMN public.p.with_tax IS 'gross';

CREATE INDEX p_with_tax_idx ON public.p USING btree (with_tax);
