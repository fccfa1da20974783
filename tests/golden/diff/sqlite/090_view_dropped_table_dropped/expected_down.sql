-- migrate:down

CREATE TABLE gone (id INTEGER PRIMARY KEY, x TEXT);

CREATE VIEW both_ AS SELECT m.a, gone.x FROM m JOIN gone ON gone.id = m.id;

CREATE TRIGGER gone_ins AFTER INSERT ON gone BEGIN INSERT INTO m (a) VALUES (new.x); END;
