-- migrate:up
-- 004_drop_table_with_index_and_trigger (written by schemake-migrate diff; review it)

DROP TRIGGER main.log_touch;

-- schemake:destructive drops table main.log with its rows (down recreates it empty; the data is not restored)
DROP TABLE main.log;

