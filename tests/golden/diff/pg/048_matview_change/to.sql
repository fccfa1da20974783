CREATE TABLE public.s (id integer PRIMARY KEY, product text, qty integer);
CREATE MATERIALIZED VIEW public.totals AS SELECT product, sum(qty) AS qty, count(*) AS n FROM public.s GROUP BY product;
CREATE UNIQUE INDEX totals_product ON public.totals (product);
CREATE INDEX totals_qty ON public.totals (qty DESC);
COMMENT ON MATERIALIZED VIEW public.totals IS 'refreshed nightly';
