-- migrate:up
-- 026_rename_column (written by schemake-migrate diff; review it)

ALTER TABLE main.users RENAME COLUMN fullname TO display_name;

