-- migrate:up
-- 085_rename_column_to_quoted_name (written by schemake-migrate diff; review it)

ALTER TABLE main.m RENAME COLUMN display TO "Display Name";

