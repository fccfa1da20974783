-- migrate:down

ALTER TABLE public.items ADD COLUMN legacy_code character varying(8) DEFAULT 'none'::character varying NOT NULL;
COMMENT ON COLUMN public.items.legacy_code IS 'from the old system';

ALTER TABLE public.items ADD COLUMN old_price numeric(10,2);

CREATE INDEX items_legacy_idx ON public.items USING btree (legacy_code);

ALTER TABLE ONLY public.items
    ADD CONSTRAINT items_old_price_check CHECK ((old_price > (0)::numeric));
