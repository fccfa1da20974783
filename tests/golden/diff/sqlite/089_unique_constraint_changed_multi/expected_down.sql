-- migrate:down

-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, a, b, c);
INSERT INTO temp._sk_old_m SELECT rowid, a, b, c FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (a TEXT, b TEXT, c TEXT, UNIQUE (a, b));
INSERT INTO main.m (rowid, a, b, c) SELECT _sk_rowid, a, b, c FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;
