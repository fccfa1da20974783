-- migrate:down

-- rebuild main.kv
CREATE TEMP TABLE _sk_old_kv (_sk_rowid, k, v);
INSERT INTO temp._sk_old_kv SELECT rowid, k, v FROM main.kv;
DROP TABLE main.kv;
CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
INSERT INTO main.kv (k, v) SELECT k, v FROM temp._sk_old_kv ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_kv;
