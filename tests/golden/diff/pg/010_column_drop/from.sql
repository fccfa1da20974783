CREATE TABLE public.items (
    id integer PRIMARY KEY,
    title text NOT NULL,
    legacy_code character varying(8) DEFAULT 'none' NOT NULL,
    old_price numeric(10,2) CHECK (old_price > 0)
);
COMMENT ON COLUMN public.items.legacy_code IS 'from the old system';
CREATE INDEX items_legacy_idx ON public.items (legacy_code);
