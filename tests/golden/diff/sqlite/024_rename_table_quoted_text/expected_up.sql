-- migrate:up
-- 024_rename_table_quoted_text (written by schemake-migrate diff; review it)

ALTER TABLE main.people RENAME TO persons;

