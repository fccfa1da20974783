-- migrate:up
-- 001_add_table (written by schemake-migrate diff; review it)

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  body TEXT
);

