-- migrate:down

ALTER TABLE ONLY reporting.snapshots DROP CONSTRAINT snapshots_product_id_fkey;

DROP VIEW reporting.price_list;

DROP TABLE reporting.snapshots;

ALTER TABLE core.products DROP COLUMN category;

ALTER TABLE core.products ALTER COLUMN price TYPE numeric(10,2);

DROP TYPE core.category;

CREATE VIEW reporting.price_list AS
 SELECT products.name,
    products.price
   FROM core.products;
