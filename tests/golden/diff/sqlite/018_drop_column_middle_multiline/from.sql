CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  legacy TEXT,
  name TEXT
);
INSERT INTO items VALUES (1, 'old', 'a');
