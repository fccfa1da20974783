-- migrate:up
-- 096_add_column_multiline_not_addable (written by schemake-migrate diff; review it)

-- rebuild main.events
CREATE TEMP TABLE _sk_old_events (_sk_rowid, id, kind);
INSERT INTO temp._sk_old_events SELECT rowid, id, kind FROM main.events;
DROP TABLE main.events;
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO main.events (id, kind) SELECT id, kind FROM temp._sk_old_events ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_events;

-- schemake:destructive new UNIQUE (slug) on main.tags fails on duplicates
-- rebuild main.tags
CREATE TEMP TABLE _sk_old_tags (_sk_rowid, id, label);
INSERT INTO temp._sk_old_tags SELECT rowid, id, label FROM main.tags;
DROP TABLE main.tags;
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  label TEXT,
  slug TEXT UNIQUE
);
INSERT INTO main.tags (id, label) SELECT id, label FROM temp._sk_old_tags ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_tags;

