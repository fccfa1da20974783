-- migrate:down

-- rebuild main.persons
CREATE TEMP TABLE _sk_old_persons (_sk_rowid, id, name);
INSERT INTO temp._sk_old_persons SELECT rowid, id, name FROM main.persons;
DROP TABLE main.persons;
CREATE TABLE "persons" (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO main.persons (id, name) SELECT id, name FROM temp._sk_old_persons ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_persons;

ALTER TABLE main.persons RENAME TO people;
-- rebuild main.people
CREATE TEMP TABLE _sk_old_people (_sk_rowid, id, name);
INSERT INTO temp._sk_old_people SELECT rowid, id, name FROM main.people;
DROP TABLE main.people;
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO main.people (id, name) SELECT id, name FROM temp._sk_old_people ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_people;
