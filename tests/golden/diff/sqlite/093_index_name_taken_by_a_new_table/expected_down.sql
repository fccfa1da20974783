-- migrate:down

CREATE TABLE old_items (id INTEGER PRIMARY KEY, code TEXT);

DROP TABLE main.items;

CREATE INDEX items_code ON old_items(code);

CREATE TRIGGER items_touch AFTER INSERT ON old_items BEGIN SELECT new.code; END;
