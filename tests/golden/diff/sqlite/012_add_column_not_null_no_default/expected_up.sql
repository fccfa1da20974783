-- migrate:up
-- 012_add_column_not_null_no_default (written by schemake-migrate diff; review it)

-- schemake:destructive adds NOT NULL column main.items.sku without a default: fails if the table has rows
-- rebuild main.items
CREATE TEMP TABLE _sk_old_items (_sk_rowid, id, name);
INSERT INTO temp._sk_old_items SELECT rowid, id, name FROM main.items;
DROP TABLE main.items;
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, sku TEXT NOT NULL);
INSERT INTO main.items (id, name) SELECT id, name FROM temp._sk_old_items ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_items;

