-- migrate:down

ALTER TABLE main.m RENAME COLUMN "Display Name" TO display;
-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, display);
INSERT INTO temp._sk_old_m SELECT rowid, id, display FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, display TEXT);
INSERT INTO main.m (id, display) SELECT id, display FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;
