-- migrate:up
-- 077_virtual_table_added_and_changed (written by schemake-migrate diff; review it)

-- rebuild main.docs
CREATE TEMP TABLE _sk_old_docs (title, body);
INSERT INTO temp._sk_old_docs SELECT title, body FROM main.docs;
DROP TABLE main.docs;
CREATE VIRTUAL TABLE docs USING fts5(title, body, tags);
INSERT INTO main.docs (title, body) SELECT title, body FROM temp._sk_old_docs;
DROP TABLE temp._sk_old_docs;

CREATE VIRTUAL TABLE more_docs USING fts5(x);

