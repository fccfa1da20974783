-- migrate:up
-- 083_index_on_rebuilt_table (written by schemake-migrate diff; review it)

-- schemake:destructive NOT NULL on main.m.b fails on existing NULLs
-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, a, b);
INSERT INTO temp._sk_old_m SELECT rowid, id, a, b FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, a TEXT, b TEXT NOT NULL);
INSERT INTO main.m (id, a, b) SELECT id, a, b FROM temp._sk_old_m ORDER BY _sk_rowid;
CREATE INDEX m_a ON m(a);
CREATE UNIQUE INDEX m_b ON m(b);
DROP TABLE temp._sk_old_m;

