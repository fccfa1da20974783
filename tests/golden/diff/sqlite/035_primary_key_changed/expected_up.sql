-- migrate:up
-- 035_primary_key_changed (written by schemake-migrate diff; review it)

-- schemake:destructive new primary key on main.m fails on duplicate or NULL keys
-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, a, b);
INSERT INTO temp._sk_old_m SELECT rowid, a, b FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (a TEXT, b TEXT, PRIMARY KEY (a, b));
INSERT INTO main.m (rowid, a, b) SELECT _sk_rowid, a, b FROM temp._sk_old_m ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_m;

