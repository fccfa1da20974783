-- migrate:up

ALTER TABLE ONLY shop.orders DROP CONSTRAINT orders_customer_id_fkey;

DROP INDEX shop.orders_customer_idx;

DROP VIEW shop.open_orders;

ALTER TYPE shop.state ADD VALUE 'shipped' AFTER 'paid';

ALTER TABLE shop.customers ADD COLUMN name text;

ALTER TABLE ONLY shop.orders ALTER COLUMN total DROP DEFAULT;
ALTER TABLE shop.orders ALTER COLUMN total TYPE numeric(12,2);
ALTER TABLE ONLY shop.orders ALTER COLUMN total SET DEFAULT 0;

ALTER TABLE shop.orders ADD COLUMN placed_at timestamp with time zone;

CREATE VIEW shop.open_orders AS
 SELECT orders.id,
    orders.customer_id,
    orders.total
   FROM shop.orders
  WHERE (orders.state = 'cart'::shop.state);

CREATE OR REPLACE FUNCTION shop.order_total(o bigint)
 RETURNS numeric
 LANGUAGE sql
 STABLE
AS $function$ SELECT coalesce(total, 0) FROM shop.orders WHERE id = o $function$;

CREATE INDEX orders_customer_idx ON shop.orders USING btree (customer_id, placed_at);

ALTER TABLE ONLY shop.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES shop.customers(id) ON DELETE CASCADE;

COMMENT ON TABLE shop.orders IS 'orders';

