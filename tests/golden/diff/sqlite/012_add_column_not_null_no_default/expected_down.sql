-- migrate:down

-- rebuild main.items
CREATE TEMP TABLE _sk_old_items (_sk_rowid, id, name);
INSERT INTO temp._sk_old_items SELECT rowid, id, name FROM main.items;
DROP TABLE main.items;
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO main.items (id, name) SELECT id, name FROM temp._sk_old_items ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_items;
