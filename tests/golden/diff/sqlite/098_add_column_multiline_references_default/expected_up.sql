-- migrate:up
-- 098_add_column_multiline_references_default (written by schemake-migrate diff; review it)

-- schemake:destructive new FOREIGN KEY (team) REFERENCES teams(id) on main.players fails on rows without a parent
-- rebuild main.players
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE _sk_old_players (_sk_rowid, id, name);
INSERT INTO temp._sk_old_players SELECT rowid, id, name FROM main.players;
DROP TABLE main.players;
CREATE TABLE players (
  id INTEGER PRIMARY KEY,
  name TEXT,
  team INTEGER DEFAULT 1 REFERENCES teams(id),
  coach INTEGER REFERENCES teams(id)
);
INSERT INTO main.players (id, name) SELECT id, name FROM temp._sk_old_players ORDER BY _sk_rowid;
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.players (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('players', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp._sk_old_players;

