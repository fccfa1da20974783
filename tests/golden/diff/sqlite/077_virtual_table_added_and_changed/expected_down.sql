-- migrate:down

DROP TABLE main.more_docs;

-- rebuild main.docs
CREATE TEMP TABLE _sk_old_docs (title, body);
INSERT INTO temp._sk_old_docs SELECT title, body FROM main.docs;
DROP TABLE main.docs;
CREATE VIRTUAL TABLE docs USING fts5(title, body);
INSERT INTO main.docs (title, body) SELECT title, body FROM temp._sk_old_docs;
DROP TABLE temp._sk_old_docs;
