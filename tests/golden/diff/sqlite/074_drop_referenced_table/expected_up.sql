-- migrate:up
-- 074_drop_referenced_table (written by schemake-migrate diff; review it)

-- schemake:destructive drops column main.members.group_id (down adds it back empty)
ALTER TABLE main.members DROP COLUMN group_id;

-- schemake:destructive drops table main.groups_ with its rows (down recreates it empty; the data is not restored)
DROP TABLE main.groups_;

