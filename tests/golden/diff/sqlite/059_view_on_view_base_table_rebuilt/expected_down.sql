-- migrate:down

-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, a, b);
INSERT INTO temp._sk_old_m SELECT rowid, id, a, b FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, a TEXT, b TEXT);
INSERT INTO main.m (id, a, b) SELECT id, a, b FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;
