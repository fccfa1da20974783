CREATE SCHEMA core;
CREATE SCHEMA reporting;
CREATE TYPE core.category AS ENUM ('food', 'tools');
CREATE TABLE core.products (id integer PRIMARY KEY, name text NOT NULL, price numeric(12,2), category core.category);
CREATE TABLE reporting.snapshots (taken date PRIMARY KEY, product_id integer REFERENCES core.products (id));
CREATE VIEW reporting.price_list AS SELECT name, price, category FROM core.products;
