CREATE TABLE pairs (a TEXT, b TEXT, note TEXT, PRIMARY KEY (a, b));
INSERT INTO pairs VALUES ('x', 'y', 'n');
