-- A virtual table (FTS5 with external content): its shadow tables are made
-- by CREATE VIRTUAL TABLE and are not dumped. In canonical order.
CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT);

CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='docs', content_rowid='id');

CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN
    INSERT INTO docs_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
