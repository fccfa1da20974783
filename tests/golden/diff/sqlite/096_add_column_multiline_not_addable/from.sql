CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL
);
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  label TEXT
);
INSERT INTO events VALUES (1, 'a'), (2, 'b');
INSERT INTO tags VALUES (1, 'x');
