-- migrate:up
-- 097_add_column_and_reformat (written by schemake-migrate diff; review it)

ALTER TABLE main.notes ADD COLUMN pinned_at TEXT DEFAULT NULL;

