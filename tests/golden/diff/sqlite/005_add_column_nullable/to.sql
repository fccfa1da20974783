CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, description TEXT);
