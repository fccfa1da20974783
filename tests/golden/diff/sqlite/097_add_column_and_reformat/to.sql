CREATE TABLE notes (
  id   INTEGER PRIMARY KEY,  -- the rowid
  body TEXT,
  /* when it was pinned, if it was */
  pinned_at TEXT DEFAULT NULL
);
