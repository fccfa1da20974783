-- migrate:up
-- 093_index_name_taken_by_a_new_table (written by schemake-migrate diff; review it)

DROP TRIGGER main.items_touch;

DROP INDEX main.items_code;

CREATE TABLE items (id INTEGER PRIMARY KEY, code TEXT);
CREATE INDEX items_code ON items(code);
CREATE TRIGGER items_touch AFTER INSERT ON items BEGIN SELECT new.code; END;

-- schemake:destructive drops table main.old_items with its rows (down recreates it empty; the data is not restored)
DROP TABLE main.old_items;

