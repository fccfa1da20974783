-- migrate:up
-- 091_strict_new_column_default_does_not_fit (written by schemake-migrate diff; review it)

-- schemake:destructive the default of new column main.m.n may not fit its STRICT type: fails if the table has rows
-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, a);
INSERT INTO temp._sk_old_m SELECT rowid, id, a FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, a TEXT, n INT DEFAULT 'x', r REAL DEFAULT 1, b BLOB DEFAULT x'00') STRICT;
INSERT INTO main.m (id, a) SELECT id, a FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;

