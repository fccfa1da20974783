-- migrate:up
-- 005_add_column_nullable (written by schemake-migrate diff; review it)

ALTER TABLE main.items ADD COLUMN description TEXT;

