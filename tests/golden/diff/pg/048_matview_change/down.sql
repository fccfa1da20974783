-- migrate:down

DROP INDEX public.totals_qty;

DROP INDEX public.totals_product;

DROP MATERIALIZED VIEW public.totals;

CREATE MATERIALIZED VIEW public.totals AS
 SELECT s.product,
    sum(s.qty) AS qty
   FROM public.s
  GROUP BY s.product;
COMMENT ON MATERIALIZED VIEW public.totals IS 'refreshed nightly';

CREATE UNIQUE INDEX totals_product ON public.totals USING btree (product);
