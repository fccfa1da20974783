-- migrate:down

ALTER TABLE public.orders DETACH PARTITION public.orders_us;
