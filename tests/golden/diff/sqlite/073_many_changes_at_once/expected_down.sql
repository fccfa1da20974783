-- migrate:down

DROP VIEW main.recent;

DROP INDEX main.posts_tag;

CREATE TABLE old_stuff (x);

PRAGMA defer_foreign_keys = ON;
DROP TABLE main.tags;

-- rebuild main.users
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE _sk_old_users (_sk_rowid, id, email);
INSERT INTO temp._sk_old_users SELECT rowid, id, email FROM main.users;
DROP TABLE main.users;
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, legacy TEXT);
INSERT INTO main.users (id, email) SELECT id, email FROM temp._sk_old_users ORDER BY _sk_rowid;
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.users (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('posts', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp._sk_old_users;

ALTER TABLE main.posts DROP COLUMN tag_id;

CREATE VIEW recent AS SELECT title FROM posts ORDER BY id DESC LIMIT 10;

CREATE TRIGGER users_del AFTER DELETE ON users BEGIN DELETE FROM posts WHERE user_id = old.id; END;
