-- migrate:down

ALTER TABLE ONLY public.c DROP CONSTRAINT c_qty_check;

ALTER TABLE ONLY public.c DROP CONSTRAINT c_kind_check;

ALTER TABLE ONLY public.c
    ADD CONSTRAINT c_price_check CHECK ((price >= (0)::numeric));

ALTER TABLE ONLY public.c
    ADD CONSTRAINT c_qty_check CHECK ((qty > 0));
