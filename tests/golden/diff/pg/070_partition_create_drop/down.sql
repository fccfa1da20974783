-- migrate:down

CREATE TABLE public.logs_2023 PARTITION OF public.logs
FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');

DROP TABLE public.logs_rest;

DROP TABLE public.logs_2025;
