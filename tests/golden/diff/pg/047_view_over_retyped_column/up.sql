-- migrate:up

DROP VIEW public.top;

DROP VIEW rep.totals;

DROP VIEW rep.daily;

ALTER TABLE public.sales ALTER COLUMN qty TYPE bigint USING qty::bigint;

CREATE VIEW rep.daily AS
 SELECT sales.id,
    sales.qty,
    sales.amount
   FROM public.sales;

CREATE VIEW rep.totals AS
 SELECT sum(daily.qty) AS qty,
    sum(daily.amount) AS amount
   FROM rep.daily;
COMMENT ON VIEW rep.totals IS 'grand totals';

CREATE VIEW public.top AS
 SELECT totals.qty
   FROM rep.totals;

