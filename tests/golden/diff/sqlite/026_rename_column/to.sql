CREATE TABLE users (id INTEGER PRIMARY KEY, display_name TEXT, email TEXT);
