-- migrate:up
-- 045_parent_rebuilt_cascade_child (written by schemake-migrate diff; review it)

-- schemake:destructive NOT NULL on main.users.name fails on existing NULLs
-- rebuild main.users
-- rebuilt as they are, for their ON DELETE foreign keys: main.likes, main.posts
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE _sk_old_likes (_sk_rowid, post_id, n);
INSERT INTO temp._sk_old_likes SELECT rowid, post_id, n FROM main.likes;
CREATE TEMP TABLE _sk_old_posts (_sk_rowid, id, user_id);
INSERT INTO temp._sk_old_posts SELECT rowid, id, user_id FROM main.posts;
CREATE TEMP TABLE _sk_old_users (_sk_rowid, id, name);
INSERT INTO temp._sk_old_users SELECT rowid, id, name FROM main.users;
DROP TABLE main.likes;
DROP TABLE main.posts;
DROP TABLE main.users;
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE);
CREATE TABLE likes (post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE, n INTEGER);
INSERT INTO main.users (id, name) SELECT id, name FROM temp._sk_old_users ORDER BY _sk_rowid;
INSERT INTO main.posts (id, user_id) SELECT id, user_id FROM temp._sk_old_posts ORDER BY _sk_rowid;
INSERT INTO main.likes (rowid, post_id, n) SELECT _sk_rowid, post_id, n FROM temp._sk_old_likes ORDER BY _sk_rowid;
CREATE INDEX posts_user ON posts(user_id);
CREATE TRIGGER posts_touch AFTER DELETE ON posts BEGIN DELETE FROM likes WHERE post_id = old.id; END;
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.users, main.likes, main.posts (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('likes', 'main') UNION ALL SELECT 1 FROM pragma_foreign_key_check('posts', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp._sk_old_likes;
DROP TABLE temp._sk_old_posts;
DROP TABLE temp._sk_old_users;

