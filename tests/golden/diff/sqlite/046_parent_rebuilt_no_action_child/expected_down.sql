-- migrate:down

-- rebuild main.users
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE _sk_old_users (_sk_rowid, id, name);
INSERT INTO temp._sk_old_users SELECT rowid, id, name FROM main.users;
DROP TABLE main.users;
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO main.users (id, name) SELECT id, name FROM temp._sk_old_users ORDER BY _sk_rowid;
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.users (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('posts', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp._sk_old_users;
