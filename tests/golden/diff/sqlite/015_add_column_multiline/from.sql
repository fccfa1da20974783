CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  name TEXT
);
INSERT INTO items VALUES (1, 'a'), (2, 'b');
