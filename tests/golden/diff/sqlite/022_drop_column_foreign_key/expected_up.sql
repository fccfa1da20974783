-- migrate:up
-- 022_drop_column_foreign_key (written by schemake-migrate diff; review it)

-- schemake:destructive drops column main.items.owner_id (down adds it back empty)
ALTER TABLE main.items DROP COLUMN owner_id;

