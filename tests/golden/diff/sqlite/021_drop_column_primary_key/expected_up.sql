-- migrate:up
-- 021_drop_column_primary_key (written by schemake-migrate diff; review it)

-- schemake:destructive drops column main.pairs.b; new primary key on main.pairs fails on duplicate or NULL keys
-- rebuild main.pairs
CREATE TEMP TABLE _sk_old_pairs (_sk_rowid, a, note);
INSERT INTO temp._sk_old_pairs SELECT rowid, a, note FROM main.pairs;
DROP TABLE main.pairs;
CREATE TABLE pairs (a TEXT, note TEXT, PRIMARY KEY (a));
INSERT INTO main.pairs (rowid, a, note) SELECT _sk_rowid, a, note FROM temp._sk_old_pairs ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_pairs;

