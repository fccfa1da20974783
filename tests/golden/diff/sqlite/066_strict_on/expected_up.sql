-- migrate:up
-- 066_strict_on (written by schemake-migrate diff; review it)

-- schemake:destructive main.m becomes STRICT: fails on values that do not match the column types
-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, n, t);
INSERT INTO temp._sk_old_m SELECT rowid, id, n, t FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, n INTEGER, t TEXT) STRICT;
INSERT INTO main.m (id, n, t) SELECT id, n, t FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;

