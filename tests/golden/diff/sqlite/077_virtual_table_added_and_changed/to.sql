CREATE VIRTUAL TABLE docs USING fts5(title, body, tags);
CREATE VIRTUAL TABLE more_docs USING fts5(x);
