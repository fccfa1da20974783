-- migrate:down

-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, code, label);
INSERT INTO temp._sk_old_m SELECT rowid, code, label FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (code TEXT, label TEXT);
INSERT INTO main.m (rowid, code, label) SELECT _sk_rowid, code, label FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;
