-- migrate:down

ALTER TABLE ONLY public.orders DROP CONSTRAINT orders_customer_id_fkey;

DROP INDEX public.orders_placed_at_idx;

ALTER TABLE ONLY public.orders DROP CONSTRAINT orders_total_check;

ALTER TABLE ONLY public.orders DROP CONSTRAINT orders_note_key;

DROP TABLE public.orders;
