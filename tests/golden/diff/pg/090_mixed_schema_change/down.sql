-- migrate:down

COMMENT ON TABLE shop.orders IS NULL;

ALTER TABLE ONLY shop.orders DROP CONSTRAINT orders_customer_id_fkey;

DROP INDEX shop.orders_customer_idx;

CREATE OR REPLACE FUNCTION shop.order_total(o bigint)
 RETURNS numeric
 LANGUAGE sql
 STABLE
AS $function$ SELECT total FROM shop.orders WHERE id = o $function$;

DROP VIEW shop.open_orders;

ALTER TABLE shop.orders DROP COLUMN placed_at;

ALTER TABLE ONLY shop.orders ALTER COLUMN total DROP DEFAULT;
ALTER TABLE shop.orders ALTER COLUMN total TYPE numeric(10,2);
ALTER TABLE ONLY shop.orders ALTER COLUMN total SET DEFAULT 0;

ALTER TABLE shop.customers DROP COLUMN name;

ALTER TABLE ONLY shop.orders ALTER COLUMN state DROP DEFAULT;
ALTER TABLE shop.orders ALTER COLUMN state TYPE text USING state::text;
DROP TYPE shop.state;
CREATE TYPE shop.state AS ENUM (
    'cart',
    'paid'
);
ALTER TABLE shop.orders ALTER COLUMN state TYPE shop.state USING state::shop.state;
ALTER TABLE ONLY shop.orders ALTER COLUMN state SET DEFAULT 'cart'::shop.state;

CREATE VIEW shop.open_orders AS
 SELECT orders.id,
    orders.customer_id,
    orders.total
   FROM shop.orders
  WHERE (orders.state = 'cart'::shop.state);

CREATE INDEX orders_customer_idx ON shop.orders USING btree (customer_id);

ALTER TABLE ONLY shop.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES shop.customers(id);
