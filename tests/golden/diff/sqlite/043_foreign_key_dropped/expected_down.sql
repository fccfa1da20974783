-- migrate:down

-- rebuild main.posts
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE _sk_old_posts (_sk_rowid, id, user_id);
INSERT INTO temp._sk_old_posts SELECT rowid, id, user_id FROM main.posts;
DROP TABLE main.posts;
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id));
INSERT INTO main.posts (id, user_id) SELECT id, user_id FROM temp._sk_old_posts ORDER BY _sk_rowid;
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.posts (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('posts', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp._sk_old_posts;
