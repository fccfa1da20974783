-- migrate:up
-- 015_add_column_multiline (written by schemake-migrate diff; review it)

ALTER TABLE main.items ADD COLUMN note TEXT;

