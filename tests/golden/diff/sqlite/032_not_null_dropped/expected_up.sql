-- migrate:up
-- 032_not_null_dropped (written by schemake-migrate diff; review it)

-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, v);
INSERT INTO temp._sk_old_m SELECT rowid, id, v FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, v TEXT);
INSERT INTO main.m (id, v) SELECT id, v FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;

