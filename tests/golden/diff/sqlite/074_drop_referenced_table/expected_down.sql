-- migrate:down

CREATE TABLE groups_ (id INTEGER PRIMARY KEY, name TEXT);

-- rebuild main.members
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE _sk_old_members (_sk_rowid, id, name);
INSERT INTO temp._sk_old_members SELECT rowid, id, name FROM main.members;
DROP TABLE main.members;
CREATE TABLE members (id INTEGER PRIMARY KEY, group_id INTEGER REFERENCES groups_(id) ON DELETE CASCADE, name TEXT);
INSERT INTO main.members (id, name) SELECT id, name FROM temp._sk_old_members ORDER BY _sk_rowid;
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.members (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('members', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp._sk_old_members;
