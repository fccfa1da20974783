CREATE TABLE persons (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES persons(id) ON DELETE CASCADE);
CREATE INDEX persons_name ON persons(name);
CREATE VIEW pet_owners AS SELECT pets.id, persons.name FROM pets JOIN persons ON persons.id = pets.owner;
