-- migrate:up
-- 068_autoincrement_kept (written by schemake-migrate diff; review it)

-- schemake:destructive NOT NULL on main.m.a fails on existing NULLs
-- rebuild main.m
CREATE TEMP TABLE _sk_seq AS SELECT name, seq FROM main.sqlite_sequence WHERE name IN ('m');
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, a);
INSERT INTO temp._sk_old_m SELECT rowid, id, a FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT NOT NULL DEFAULT '');
INSERT INTO main.m (id, a) SELECT id, a FROM temp._sk_old_m ORDER BY _sk_rowid;
DELETE FROM main.sqlite_sequence WHERE name = 'm';
INSERT INTO main.sqlite_sequence (name, seq) SELECT 'm', seq FROM temp._sk_seq WHERE name = 'm';
DROP TABLE temp._sk_old_m;
DROP TABLE temp._sk_seq;

