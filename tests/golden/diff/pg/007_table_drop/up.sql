-- migrate:up

ALTER TABLE ONLY public.order_notes DROP CONSTRAINT order_notes_order_id_fkey;

ALTER TABLE ONLY public.orders DROP CONSTRAINT orders_customer_id_fkey;

ALTER TABLE ONLY public.orders DROP CONSTRAINT orders_total_check;

DROP INDEX public.orders_customer_idx;

-- schemake:destructive drops table public.orders
DROP TABLE public.orders;

-- schemake:destructive drops table public.order_notes
DROP TABLE public.order_notes;

