-- migrate:up
-- 023_rename_table (written by schemake-migrate diff; review it)

ALTER TABLE main.people RENAME TO persons;

-- rebuild main.persons
CREATE TEMP TABLE _sk_old_persons (_sk_rowid, id, name);
INSERT INTO temp._sk_old_persons SELECT rowid, id, name FROM main.persons;
DROP TABLE main.persons;
CREATE TABLE persons (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO main.persons (id, name) SELECT id, name FROM temp._sk_old_persons ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_persons;

