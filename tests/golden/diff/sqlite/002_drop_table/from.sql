CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
CREATE TABLE audit (at TEXT, what TEXT);
INSERT INTO users VALUES (1, 'a@x');
INSERT INTO audit VALUES ('now', 'x'), ('later', 'y');
