-- migrate:up

ALTER TABLE ONLY public.c DROP CONSTRAINT c_qty_check;

ALTER TABLE ONLY public.c DROP CONSTRAINT c_price_check;

ALTER TABLE ONLY public.c
    ADD CONSTRAINT c_kind_check CHECK ((kind = ANY (ARRAY['a'::text, 'b'::text]))) NOT VALID;

ALTER TABLE ONLY public.c
    ADD CONSTRAINT c_qty_check CHECK ((qty >= 0));

