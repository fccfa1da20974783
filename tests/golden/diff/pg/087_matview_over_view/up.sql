-- migrate:up

DROP INDEX public.line_totals_qty;

DROP MATERIALIZED VIEW public.line_totals;

DROP VIEW public.lines;

CREATE VIEW public.lines AS
 SELECT s.id,
    (s.qty)::bigint AS qty
   FROM public.s;

CREATE MATERIALIZED VIEW public.line_totals AS
 SELECT sum(lines.qty) AS qty
   FROM public.lines;

CREATE UNIQUE INDEX line_totals_qty ON public.line_totals USING btree (qty);

