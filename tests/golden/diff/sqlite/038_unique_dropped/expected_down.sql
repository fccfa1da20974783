-- migrate:down

-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, email);
INSERT INTO temp._sk_old_m SELECT rowid, id, email FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, email TEXT UNIQUE);
INSERT INTO main.m (id, email) SELECT id, email FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;
