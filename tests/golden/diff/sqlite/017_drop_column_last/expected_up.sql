-- migrate:up
-- 017_drop_column_last (written by schemake-migrate diff; review it)

-- schemake:destructive drops column main.items.legacy (down adds it back empty)
ALTER TABLE main.items DROP COLUMN legacy;

