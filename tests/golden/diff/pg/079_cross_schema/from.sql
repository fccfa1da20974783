CREATE SCHEMA core;
CREATE SCHEMA reporting;
CREATE TABLE core.products (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2));
CREATE VIEW reporting.price_list AS SELECT name, price FROM core.products;
