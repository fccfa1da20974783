-- migrate:down

-- rebuild main.posts
CREATE TEMP TABLE _sk_old_posts (_sk_rowid, id, title);
INSERT INTO temp._sk_old_posts SELECT rowid, id, title FROM main.posts;
DROP TABLE main.posts;
CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT);
INSERT INTO main.posts (id, title) SELECT id, title FROM temp._sk_old_posts ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_posts;

DROP TABLE main.categories;
