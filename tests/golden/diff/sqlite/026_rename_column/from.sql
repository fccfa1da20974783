CREATE TABLE users (id INTEGER PRIMARY KEY, fullname TEXT, email TEXT);
INSERT INTO users VALUES (1, 'Ann', 'a@x');
