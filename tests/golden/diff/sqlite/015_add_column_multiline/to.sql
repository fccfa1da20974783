CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  name TEXT,
  note TEXT
);
