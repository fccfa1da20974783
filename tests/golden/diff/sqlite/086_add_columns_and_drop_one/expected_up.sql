-- migrate:up
-- 086_add_columns_and_drop_one (written by schemake-migrate diff; review it)

-- schemake:destructive drops column main.m.gone (down adds it back empty)
ALTER TABLE main.m DROP COLUMN gone;
ALTER TABLE main.m ADD COLUMN b INTEGER DEFAULT 1;
ALTER TABLE main.m ADD COLUMN c TEXT;

