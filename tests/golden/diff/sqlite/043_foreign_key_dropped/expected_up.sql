-- migrate:up
-- 043_foreign_key_dropped (written by schemake-migrate diff; review it)

-- rebuild main.posts
CREATE TEMP TABLE _sk_old_posts (_sk_rowid, id, user_id);
INSERT INTO temp._sk_old_posts SELECT rowid, id, user_id FROM main.posts;
DROP TABLE main.posts;
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);
INSERT INTO main.posts (id, user_id) SELECT id, user_id FROM temp._sk_old_posts ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_posts;

