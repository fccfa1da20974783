-- migrate:up
-- 030_type_change_same_affinity (written by schemake-migrate diff; review it)

-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, v);
INSERT INTO temp._sk_old_m SELECT rowid, id, v FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, v VARCHAR(20));
INSERT INTO main.m (id, v) SELECT id, v FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;

