-- migrate:up

DROP VIEW reporting.price_list;

CREATE TYPE core.category AS ENUM (
    'food',
    'tools'
);

ALTER TABLE core.products ALTER COLUMN price TYPE numeric(12,2);

ALTER TABLE core.products ADD COLUMN category core.category;

CREATE TABLE reporting.snapshots (
    taken date NOT NULL,
    product_id integer,
    CONSTRAINT snapshots_pkey PRIMARY KEY (taken)
);

CREATE VIEW reporting.price_list AS
 SELECT products.name,
    products.price,
    products.category
   FROM core.products;

ALTER TABLE ONLY reporting.snapshots
    ADD CONSTRAINT snapshots_product_id_fkey FOREIGN KEY (product_id) REFERENCES core.products(id);

