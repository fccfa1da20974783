-- migrate:up
-- 048_self_referencing_rebuilt (written by schemake-migrate diff; review it)

-- schemake:destructive NOT NULL on main.nodes.label fails on existing NULLs
-- rebuild main.nodes
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE _sk_old_nodes (_sk_rowid, id, parent, label);
INSERT INTO temp._sk_old_nodes SELECT rowid, id, parent, label FROM main.nodes;
DROP TABLE main.nodes;
CREATE TABLE nodes (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES nodes(id) ON DELETE CASCADE, label TEXT NOT NULL DEFAULT '');
INSERT INTO main.nodes (id, parent, label) SELECT id, parent, label FROM temp._sk_old_nodes ORDER BY _sk_rowid;
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.nodes (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('nodes', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp._sk_old_nodes;

