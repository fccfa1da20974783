-- migrate:up
-- 025_rename_table_with_children (written by schemake-migrate diff; review it)

DROP VIEW main.pet_owners;

DROP INDEX main.people_name;

ALTER TABLE main.people RENAME TO persons;

-- rebuild main.persons, main.pets
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE _sk_old_persons (_sk_rowid, id, name);
INSERT INTO temp._sk_old_persons SELECT rowid, id, name FROM main.persons;
CREATE TEMP TABLE _sk_old_pets (_sk_rowid, id, owner);
INSERT INTO temp._sk_old_pets SELECT rowid, id, owner FROM main.pets;
DROP TABLE main.pets;
DROP TABLE main.persons;
CREATE TABLE persons (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES persons(id) ON DELETE CASCADE);
INSERT INTO main.persons (id, name) SELECT id, name FROM temp._sk_old_persons ORDER BY _sk_rowid;
INSERT INTO main.pets (id, owner) SELECT id, owner FROM temp._sk_old_pets ORDER BY _sk_rowid;
CREATE INDEX persons_name ON persons(name);
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.persons, main.pets (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('pets', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp._sk_old_persons;
DROP TABLE temp._sk_old_pets;

CREATE VIEW pet_owners AS SELECT pets.id, persons.name FROM pets JOIN persons ON persons.id = pets.owner;

