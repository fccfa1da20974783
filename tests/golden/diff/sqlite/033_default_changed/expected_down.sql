-- migrate:down

-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, status);
INSERT INTO temp._sk_old_m SELECT rowid, id, status FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, status TEXT DEFAULT 'new');
INSERT INTO main.m (id, status) SELECT id, status FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;
