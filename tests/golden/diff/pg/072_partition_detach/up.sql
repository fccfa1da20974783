-- migrate:up

ALTER TABLE public.orders DETACH PARTITION public.orders_eu;

ALTER TABLE public.orders ATTACH PARTITION public.orders_eu FOR VALUES IN ('eu', 'uk');

ALTER TABLE public.orders DETACH PARTITION public.orders_us;

