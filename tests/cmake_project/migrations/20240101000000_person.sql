-- migrate:up
CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
-- migrate:down
DROP TABLE person;
