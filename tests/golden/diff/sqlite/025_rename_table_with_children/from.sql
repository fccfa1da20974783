CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES people(id) ON DELETE CASCADE);
CREATE INDEX people_name ON people(name);
CREATE VIEW pet_owners AS SELECT pets.id, people.name FROM pets JOIN people ON people.id = pets.owner;
INSERT INTO people VALUES (1, 'a'), (2, 'b');
INSERT INTO pets VALUES (10, 1), (11, 2), (12, 2);
