-- migrate:up
-- 009_add_column_check (written by schemake-migrate diff; review it)

-- schemake:destructive a new column of main.items has a CHECK constraint: fails on rows that do not pass it
ALTER TABLE main.items ADD COLUMN price REAL DEFAULT 0 CHECK (price >= 0);

