CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
INSERT INTO users VALUES (1, 'a@x'), (2, 'b@x');
