-- migrate:up
-- 084_add_column_with_collate (written by schemake-migrate diff; review it)

ALTER TABLE main.m ADD COLUMN b TEXT COLLATE NOCASE DEFAULT 'x';

