CREATE TABLE public.s (id integer PRIMARY KEY, qty integer, price numeric);
CREATE VIEW public.lines AS SELECT id, qty::bigint AS qty FROM public.s;
CREATE MATERIALIZED VIEW public.line_totals AS SELECT sum(qty) AS qty FROM public.lines;
CREATE UNIQUE INDEX line_totals_qty ON public.line_totals (qty);
