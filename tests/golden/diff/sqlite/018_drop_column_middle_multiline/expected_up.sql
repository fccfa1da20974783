-- migrate:up
-- 018_drop_column_middle_multiline (written by schemake-migrate diff; review it)

-- schemake:destructive drops column main.items.legacy (down adds it back empty)
ALTER TABLE main.items DROP COLUMN legacy;

