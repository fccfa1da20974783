CREATE TABLE m (
  id INTEGER PRIMARY KEY, -- the key
  a  TEXT
);
