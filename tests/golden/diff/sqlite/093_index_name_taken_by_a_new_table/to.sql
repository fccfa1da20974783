CREATE TABLE items (id INTEGER PRIMARY KEY, code TEXT);
CREATE INDEX items_code ON items(code);
CREATE TRIGGER items_touch AFTER INSERT ON items BEGIN SELECT new.code; END;
