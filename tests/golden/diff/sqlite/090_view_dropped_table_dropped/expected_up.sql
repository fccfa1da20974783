-- migrate:up
-- 090_view_dropped_table_dropped (written by schemake-migrate diff; review it)

DROP TRIGGER main.gone_ins;

DROP VIEW main.both_;

-- schemake:destructive drops table main.gone with its rows (down recreates it empty; the data is not restored)
DROP TABLE main.gone;

