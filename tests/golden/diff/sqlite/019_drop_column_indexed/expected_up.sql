-- migrate:up
-- 019_drop_column_indexed (written by schemake-migrate diff; review it)

DROP INDEX main.items_legacy;

-- schemake:destructive drops column main.items.legacy (down adds it back empty)
ALTER TABLE main.items DROP COLUMN legacy;

