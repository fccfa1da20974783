-- migrate:up
-- 011_add_column_stored_generated (written by schemake-migrate diff; review it)

-- rebuild main.items
CREATE TEMP TABLE _sk_old_items (_sk_rowid, id, price, qty);
INSERT INTO temp._sk_old_items SELECT rowid, id, price, qty FROM main.items;
DROP TABLE main.items;
CREATE TABLE items (id INTEGER PRIMARY KEY, price REAL, qty INTEGER, total REAL GENERATED ALWAYS AS (price * qty) STORED);
INSERT INTO main.items (id, price, qty) SELECT id, price, qty FROM temp._sk_old_items ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_items;

