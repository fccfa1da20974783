-- migrate:down

-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, a, b);
INSERT INTO temp._sk_old_m SELECT rowid, a, b FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (a TEXT, b TEXT, PRIMARY KEY (a));
INSERT INTO main.m (rowid, a, b) SELECT _sk_rowid, a, b FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;
