-- migrate:up
-- 040_check_dropped (written by schemake-migrate diff; review it)

-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, qty);
INSERT INTO temp._sk_old_m SELECT rowid, id, qty FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, qty INTEGER);
INSERT INTO main.m (id, qty) SELECT id, qty FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;

