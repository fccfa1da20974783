-- migrate:up
-- 002_drop_table (written by schemake-migrate diff; review it)

-- schemake:destructive drops table main.audit with its rows (down recreates it empty; the data is not restored)
DROP TABLE main.audit;

