-- migrate:up
-- 010_add_column_virtual_generated (written by schemake-migrate diff; review it)

ALTER TABLE main.items ADD COLUMN total REAL GENERATED ALWAYS AS (price * qty) VIRTUAL;

