-- migrate:up

DROP INDEX public.totals_product;

DROP MATERIALIZED VIEW public.totals;

CREATE MATERIALIZED VIEW public.totals AS
 SELECT s.product,
    sum(s.qty) AS qty,
    count(*) AS n
   FROM public.s
  GROUP BY s.product;
COMMENT ON MATERIALIZED VIEW public.totals IS 'refreshed nightly';

CREATE UNIQUE INDEX totals_product ON public.totals USING btree (product);

CREATE INDEX totals_qty ON public.totals USING btree (qty DESC);

