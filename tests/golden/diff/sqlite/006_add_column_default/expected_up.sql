-- migrate:up
-- 006_add_column_default (written by schemake-migrate diff; review it)

ALTER TABLE main.items ADD COLUMN qty INTEGER DEFAULT 0;

