-- migrate:down

DROP VIEW public.stats;

CREATE TABLE public.stats (
    n bigint
);
