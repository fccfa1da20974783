CREATE TABLE "people" (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO people VALUES (1, 'a'), (2, 'b');
