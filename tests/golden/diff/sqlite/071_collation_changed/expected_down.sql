-- migrate:down

-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, name);
INSERT INTO temp._sk_old_m SELECT rowid, id, name FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO main.m (id, name) SELECT id, name FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;
