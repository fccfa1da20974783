-- migrate:up

ALTER TABLE public.items ADD COLUMN description text;

ALTER TABLE public.items ADD COLUMN price numeric(10,2) DEFAULT 0 NOT NULL;

-- schemake:destructive adds column public.items.sku NOT NULL without a default (fails on a table with rows)
ALTER TABLE public.items ADD COLUMN sku text NOT NULL;
COMMENT ON COLUMN public.items.sku IS 'stock keeping unit';

ALTER TABLE public.items ADD COLUMN tags text[] DEFAULT '{}'::text[];

ALTER TABLE public.items ADD COLUMN created_at timestamp with time zone DEFAULT now();

