-- migrate:up
-- 065_without_rowid_off (written by schemake-migrate diff; review it)

-- rebuild main.kv
CREATE TEMP TABLE _sk_old_kv (k, v);
INSERT INTO temp._sk_old_kv SELECT k, v FROM main.kv;
DROP TABLE main.kv;
CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT);
INSERT INTO main.kv (k, v) SELECT k, v FROM temp._sk_old_kv;
DROP TABLE temp._sk_old_kv;

