-- Views, views on views, materialized views with indexes, view options,
-- column defaults and comments on views, INSTEAD OF triggers, views over
-- functions and across schemas.
CREATE SCHEMA reporting;

CREATE TABLE public.products (
    id integer PRIMARY KEY,
    name text NOT NULL,
    price numeric(10, 2) NOT NULL,
    category text
);
CREATE TABLE public.sales (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id integer NOT NULL REFERENCES public.products (id),
    qty integer NOT NULL,
    sold_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION public.with_tax(p numeric) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN p * 1.2;

CREATE VIEW public.product_prices AS
    SELECT p.id, p.name, public.with_tax(p.price) AS price_with_tax
    FROM public.products p;
COMMENT ON VIEW public.product_prices IS 'prices with tax';
COMMENT ON COLUMN public.product_prices.price_with_tax IS 'tax included';

CREATE VIEW reporting.cheap_products WITH (security_barrier = true) AS
    SELECT * FROM public.product_prices WHERE price_with_tax < 10;

CREATE VIEW reporting.daily_sales AS
    SELECT date_trunc('day', s.sold_at) AS day, s.product_id, sum(s.qty) AS qty
    FROM public.sales s
    GROUP BY 1, 2;

-- a view on a view on a view, created in an order the names do not follow
CREATE VIEW reporting.a_top AS
    SELECT day, sum(qty) AS qty FROM reporting.daily_sales GROUP BY day;
CREATE VIEW reporting.a_top_days AS
    SELECT * FROM reporting.a_top ORDER BY qty DESC LIMIT 10;

CREATE VIEW public.categories AS
    SELECT DISTINCT category FROM public.products WHERE category IS NOT NULL;
CREATE VIEW public.categorized AS
    SELECT id, category FROM public.products WHERE category IS NOT NULL
    WITH CASCADED CHECK OPTION;

CREATE VIEW public.products_editable AS
    SELECT id, name, price FROM public.products WHERE price > 0
    WITH LOCAL CHECK OPTION;
ALTER VIEW public.products_editable ALTER COLUMN price SET DEFAULT 1.00;

CREATE VIEW public.sales_summary WITH (security_invoker = true) AS
    SELECT p.name, count(*) AS n, sum(s.qty) AS qty
    FROM public.sales s JOIN public.products p ON p.id = s.product_id
    GROUP BY p.name;

CREATE MATERIALIZED VIEW reporting.product_totals AS
    SELECT p.id, p.name, coalesce(sum(s.qty), 0) AS qty
    FROM public.products p LEFT JOIN public.sales s ON s.product_id = p.id
    GROUP BY p.id, p.name;
CREATE UNIQUE INDEX product_totals_id ON reporting.product_totals (id);
CREATE INDEX product_totals_qty ON reporting.product_totals USING btree (qty DESC);
COMMENT ON MATERIALIZED VIEW reporting.product_totals IS 'refreshed nightly';
COMMENT ON INDEX reporting.product_totals_id IS 'for REFRESH CONCURRENTLY';

CREATE MATERIALIZED VIEW reporting.empty_totals WITH (fillfactor = 50) AS
    SELECT * FROM reporting.product_totals WHERE qty = 0
    WITH NO DATA;

-- an INSTEAD OF trigger makes a view writable
CREATE FUNCTION public.product_prices_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public.products (id, name, price) VALUES (NEW.id, NEW.name, NEW.price_with_tax / 1.2);
    RETURN NEW;
END
$$;
CREATE TRIGGER product_prices_insert INSTEAD OF INSERT ON public.product_prices
    FOR EACH ROW EXECUTE FUNCTION public.product_prices_insert();
COMMENT ON TRIGGER product_prices_insert ON public.product_prices IS 'writes through';

-- a table whose column type is a view's row type
CREATE TABLE reporting.snapshots (
    taken_at timestamptz NOT NULL,
    row_data public.product_prices
);

-- an SQL function with a string body over a view: after the view
CREATE FUNCTION reporting.top_day() RETURNS timestamptz LANGUAGE sql STABLE
    AS $$ SELECT day FROM reporting.a_top_days LIMIT 1 $$;

-- a view over an SQL function whose string body reads a table: the
-- function after the table, the view after the function
CREATE FUNCTION public.sale_count() RETURNS bigint LANGUAGE sql STABLE
    AS 'SELECT count(*) FROM public.sales';
CREATE VIEW public.stats AS SELECT public.sale_count() AS sales;

-- a composite type over a table's row type: after the table
CREATE TYPE reporting.wrapped AS (p public.products, n integer);

-- a view selecting columns functionally dependent on a GROUP BY of the
-- primary key: the key must exist before the view
CREATE VIEW public.product_sales AS
    SELECT p.id, p.name, p.price, count(s.id) AS n
    FROM public.products p LEFT JOIN public.sales s ON s.product_id = p.id
    GROUP BY p.id;
