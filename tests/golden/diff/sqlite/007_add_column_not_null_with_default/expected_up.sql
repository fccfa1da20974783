-- migrate:up
-- 007_add_column_not_null_with_default (written by schemake-migrate diff; review it)

ALTER TABLE main.items ADD COLUMN status TEXT NOT NULL DEFAULT 'new';

