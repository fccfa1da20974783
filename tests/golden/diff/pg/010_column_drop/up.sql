-- migrate:up

ALTER TABLE ONLY public.items DROP CONSTRAINT items_old_price_check;

DROP INDEX public.items_legacy_idx;

-- schemake:destructive drops column public.items.old_price
ALTER TABLE public.items DROP COLUMN old_price;

-- schemake:destructive drops column public.items.legacy_code
ALTER TABLE public.items DROP COLUMN legacy_code;

