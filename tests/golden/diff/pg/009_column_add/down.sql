-- migrate:down

ALTER TABLE public.items DROP COLUMN created_at;

ALTER TABLE public.items DROP COLUMN tags;

ALTER TABLE public.items DROP COLUMN sku;

ALTER TABLE public.items DROP COLUMN price;

ALTER TABLE public.items DROP COLUMN description;
