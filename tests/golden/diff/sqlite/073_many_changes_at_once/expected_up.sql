-- migrate:up
-- 073_many_changes_at_once (written by schemake-migrate diff; review it)

DROP TRIGGER main.users_del;

DROP VIEW main.recent;

ALTER TABLE main.posts ADD COLUMN tag_id INTEGER REFERENCES tags(id);

-- schemake:destructive drops column main.users.legacy; NOT NULL on main.users.email fails on existing NULLs
-- rebuild main.users
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE _sk_old_users (_sk_rowid, id, email);
INSERT INTO temp._sk_old_users SELECT rowid, id, email FROM main.users;
DROP TABLE main.users;
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL DEFAULT '');
INSERT INTO main.users (id, email) SELECT id, email FROM temp._sk_old_users ORDER BY _sk_rowid;
CREATE TRIGGER users_del AFTER DELETE ON users BEGIN DELETE FROM posts WHERE user_id = old.id; END;
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.users (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('posts', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp._sk_old_users;

CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT UNIQUE);

-- schemake:destructive drops table main.old_stuff with its rows (down recreates it empty; the data is not restored)
DROP TABLE main.old_stuff;

CREATE INDEX posts_tag ON posts(tag_id);

CREATE VIEW recent AS SELECT title, tag_id FROM posts ORDER BY id DESC LIMIT 10;

