CREATE TABLE notes (body TEXT, tag TEXT);
INSERT INTO notes VALUES ('a', 'x'), ('b', 'y'), ('c', 'z');
DELETE FROM notes WHERE body = 'b';
INSERT INTO notes (rowid, body, tag) VALUES (100, 'd', 'w');
