-- migrate:up
-- 079_view_reading_renamed_column (written by schemake-migrate diff; review it)

DROP VIEW main.v;

ALTER TABLE main.m RENAME COLUMN old_name TO new_name;

CREATE VIEW v AS SELECT m.new_name, other.id FROM m, other;

