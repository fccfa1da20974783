CREATE TABLE public.orders (id bigint NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE public.orders_eu PARTITION OF public.orders FOR VALUES IN ('eu');
CREATE TABLE public.orders_us PARTITION OF public.orders FOR VALUES IN ('us');
