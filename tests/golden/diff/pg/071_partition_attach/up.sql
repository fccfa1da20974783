-- migrate:up

ALTER TABLE public.orders ATTACH PARTITION public.orders_us FOR VALUES IN ('us');

