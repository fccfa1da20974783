CREATE TABLE public.items (
    id integer PRIMARY KEY,
    title text NOT NULL,
    description text,
    price numeric(10,2) NOT NULL DEFAULT 0,
    sku text NOT NULL,
    tags text[] DEFAULT '{}'::text[],
    created_at timestamptz DEFAULT now()
);
COMMENT ON COLUMN public.items.sku IS 'stock keeping unit';
