CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, legacy TEXT);
INSERT INTO items VALUES (1, 'a', 'old');
