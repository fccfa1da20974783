-- migrate:up
-- 008_add_column_references (written by schemake-migrate diff; review it)

ALTER TABLE main.items ADD COLUMN owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL;

