-- migrate:up
-- 029_type_change_narrowing (written by schemake-migrate diff; review it)

-- schemake:destructive main.m.v changes from 'TEXT' to 'INTEGER': values may be converted
-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, v);
INSERT INTO temp._sk_old_m SELECT rowid, id, v FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, v INTEGER);
INSERT INTO main.m (id, v) SELECT id, v FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;

