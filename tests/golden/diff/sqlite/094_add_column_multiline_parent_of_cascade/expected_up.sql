-- migrate:up
-- 094_add_column_multiline_parent_of_cascade (written by schemake-migrate diff; review it)

ALTER TABLE main.posts ADD COLUMN draft INTEGER NOT NULL DEFAULT 0;

ALTER TABLE main.users ADD COLUMN email TEXT;

