CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, legacy TEXT);
CREATE INDEX items_legacy ON items(legacy);
CREATE INDEX items_name ON items(name);
INSERT INTO items VALUES (1, 'a', 'old');
