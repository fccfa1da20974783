CREATE SCHEMA rep;
CREATE TABLE public.sales (id integer PRIMARY KEY, qty integer, amount numeric(10,2));
CREATE VIEW rep.daily AS SELECT id, qty, amount FROM public.sales;
CREATE VIEW rep.totals AS SELECT sum(qty) AS qty, sum(amount) AS amount FROM rep.daily;
CREATE VIEW public.top AS SELECT qty FROM rep.totals;
COMMENT ON VIEW rep.totals IS 'grand totals';
