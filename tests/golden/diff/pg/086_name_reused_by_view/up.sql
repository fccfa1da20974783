-- migrate:up

-- schemake:destructive drops table public.stats
DROP TABLE public.stats;

CREATE VIEW public.stats AS
 SELECT count(*) AS n
   FROM public.items;

