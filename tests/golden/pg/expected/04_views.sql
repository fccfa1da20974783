CREATE SCHEMA reporting;

CREATE OR REPLACE FUNCTION public.product_prices_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    INSERT INTO public.products (id, name, price) VALUES (NEW.id, NEW.name, NEW.price_with_tax / 1.2);
    RETURN NEW;
END
$function$;

CREATE OR REPLACE FUNCTION public.with_tax(p numeric)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE
RETURN (p * 1.2);

CREATE TABLE public.products (
    id integer NOT NULL,
    name text NOT NULL,
    price numeric(10,2) NOT NULL,
    category text,
    CONSTRAINT products_pkey PRIMARY KEY (id)
);

CREATE TYPE reporting.wrapped AS (
    p public.products,
    n integer
);

CREATE TABLE public.sales (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    product_id integer NOT NULL,
    qty integer NOT NULL,
    sold_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sales_pkey PRIMARY KEY (id)
);

CREATE VIEW public.categories AS
 SELECT DISTINCT products.category
   FROM public.products
  WHERE (products.category IS NOT NULL);

CREATE VIEW public.categorized WITH (check_option=cascaded) AS
 SELECT products.id,
    products.category
   FROM public.products
  WHERE (products.category IS NOT NULL);

CREATE VIEW public.product_prices AS
 SELECT p.id,
    p.name,
    public.with_tax(p.price) AS price_with_tax
   FROM public.products p;

CREATE TABLE reporting.snapshots (
    taken_at timestamp with time zone NOT NULL,
    row_data public.product_prices
);

CREATE VIEW public.product_sales AS
 SELECT p.id,
    p.name,
    p.price,
    count(s.id) AS n
   FROM (public.products p
     LEFT JOIN public.sales s ON ((s.product_id = p.id)))
  GROUP BY p.id;

CREATE VIEW public.products_editable WITH (check_option=local) AS
 SELECT products.id,
    products.name,
    products.price
   FROM public.products
  WHERE (products.price > (0)::numeric);

CREATE VIEW public.sales_summary WITH (security_invoker=true) AS
 SELECT p.name,
    count(*) AS n,
    sum(s.qty) AS qty
   FROM (public.sales s
     JOIN public.products p ON ((p.id = s.product_id)))
  GROUP BY p.name;

CREATE VIEW reporting.cheap_products WITH (security_barrier=true) AS
 SELECT product_prices.id,
    product_prices.name,
    product_prices.price_with_tax
   FROM public.product_prices
  WHERE (product_prices.price_with_tax < (10)::numeric);

CREATE VIEW reporting.daily_sales AS
 SELECT date_trunc('day'::text, s.sold_at) AS day,
    s.product_id,
    sum(s.qty) AS qty
   FROM public.sales s
  GROUP BY (date_trunc('day'::text, s.sold_at)), s.product_id;

CREATE VIEW reporting.a_top AS
 SELECT daily_sales.day,
    sum(daily_sales.qty) AS qty
   FROM reporting.daily_sales
  GROUP BY daily_sales.day;

CREATE VIEW reporting.a_top_days AS
 SELECT a_top.day,
    a_top.qty
   FROM reporting.a_top
  ORDER BY a_top.qty DESC
 LIMIT 10;

CREATE MATERIALIZED VIEW reporting.product_totals AS
 SELECT p.id,
    p.name,
    COALESCE(sum(s.qty), (0)::bigint) AS qty
   FROM (public.products p
     LEFT JOIN public.sales s ON ((s.product_id = p.id)))
  GROUP BY p.id, p.name
  WITH NO DATA;

CREATE MATERIALIZED VIEW reporting.empty_totals WITH (fillfactor=50) AS
 SELECT product_totals.id,
    product_totals.name,
    product_totals.qty
   FROM reporting.product_totals
  WHERE (product_totals.qty = 0)
  WITH NO DATA;

CREATE OR REPLACE FUNCTION public.sale_count()
 RETURNS bigint
 LANGUAGE sql
 STABLE
AS $function$SELECT count(*) FROM public.sales$function$;

CREATE VIEW public.stats AS
 SELECT public.sale_count() AS sales;

CREATE OR REPLACE FUNCTION reporting.top_day()
 RETURNS timestamp with time zone
 LANGUAGE sql
 STABLE
AS $function$ SELECT day FROM reporting.a_top_days LIMIT 1 $function$;

ALTER VIEW public.products_editable ALTER COLUMN price SET DEFAULT 1.00;

CREATE UNIQUE INDEX product_totals_id ON reporting.product_totals USING btree (id);

CREATE INDEX product_totals_qty ON reporting.product_totals USING btree (qty DESC);

ALTER TABLE ONLY public.sales
    ADD CONSTRAINT sales_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);

CREATE TRIGGER product_prices_insert INSTEAD OF INSERT ON public.product_prices FOR EACH ROW EXECUTE FUNCTION public.product_prices_insert();

COMMENT ON VIEW public.product_prices IS 'prices with tax';

COMMENT ON COLUMN public.product_prices.price_with_tax IS 'tax included';

COMMENT ON TRIGGER product_prices_insert ON public.product_prices IS 'writes through';

COMMENT ON MATERIALIZED VIEW reporting.product_totals IS 'refreshed nightly';

COMMENT ON INDEX reporting.product_totals_id IS 'for REFRESH CONCURRENTLY';
