-- migrate:up
-- 087_add_table_referenced_by_rebuilt (written by schemake-migrate diff; review it)

CREATE TABLE categories (id INTEGER PRIMARY KEY, name TEXT);

-- schemake:destructive new CHECK (title <> '') on main.posts fails on rows that do not pass it
-- rebuild main.posts
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE _sk_old_posts (_sk_rowid, id, title);
INSERT INTO temp._sk_old_posts SELECT rowid, id, title FROM main.posts;
DROP TABLE main.posts;
CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT, category_id INTEGER REFERENCES categories(id) ON DELETE SET NULL, CHECK (title <> ''));
INSERT INTO main.posts (id, title) SELECT id, title FROM temp._sk_old_posts ORDER BY _sk_rowid;
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.posts (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('posts', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp._sk_old_posts;

