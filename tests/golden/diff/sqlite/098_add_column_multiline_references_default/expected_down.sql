-- migrate:down

-- rebuild main.players
CREATE TEMP TABLE _sk_old_players (_sk_rowid, id, name);
INSERT INTO temp._sk_old_players SELECT rowid, id, name FROM main.players;
DROP TABLE main.players;
CREATE TABLE players (
  id INTEGER PRIMARY KEY,
  name TEXT
);
INSERT INTO main.players (id, name) SELECT id, name FROM temp._sk_old_players ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_players;
