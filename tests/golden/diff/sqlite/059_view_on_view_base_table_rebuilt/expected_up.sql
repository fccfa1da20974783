-- migrate:up
-- 059_view_on_view_base_table_rebuilt (written by schemake-migrate diff; review it)

-- schemake:destructive NOT NULL on main.m.a fails on existing NULLs; main.m.b changes from 'TEXT' to 'INTEGER': values may be converted
-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, a, b);
INSERT INTO temp._sk_old_m SELECT rowid, id, a, b FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER);
INSERT INTO main.m (id, a, b) SELECT id, a, b FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;

