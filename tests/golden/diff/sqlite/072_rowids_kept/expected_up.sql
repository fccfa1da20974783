-- migrate:up
-- 072_rowids_kept (written by schemake-migrate diff; review it)

-- schemake:destructive NOT NULL on main.notes.body fails on existing NULLs
-- rebuild main.notes
CREATE TEMP TABLE _sk_old_notes (_sk_rowid, body, tag);
INSERT INTO temp._sk_old_notes SELECT rowid, body, tag FROM main.notes;
DROP TABLE main.notes;
CREATE TABLE notes (body TEXT NOT NULL, tag TEXT, pinned INTEGER NOT NULL DEFAULT 0);
INSERT INTO main.notes (rowid, body, tag) SELECT _sk_rowid, body, tag FROM temp._sk_old_notes ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_notes;

