-- migrate:down

-- rebuild main.items
CREATE TEMP TABLE _sk_old_items (_sk_rowid, id, lo);
INSERT INTO temp._sk_old_items SELECT rowid, id, lo FROM main.items;
DROP TABLE main.items;
CREATE TABLE items (id INTEGER PRIMARY KEY, lo INTEGER, hi INTEGER, CHECK (lo <= hi));
INSERT INTO main.items (id, lo) SELECT id, lo FROM temp._sk_old_items ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_items;
