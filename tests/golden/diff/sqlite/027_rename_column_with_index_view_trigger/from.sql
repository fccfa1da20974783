CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  fullname TEXT NOT NULL,
  email TEXT
);
CREATE INDEX users_fullname ON users(fullname);
CREATE VIEW user_names AS SELECT id, fullname FROM users;
CREATE TABLE audit (what TEXT);
CREATE TRIGGER users_audit AFTER UPDATE OF fullname ON users BEGIN
  INSERT INTO audit VALUES (new.fullname);
END;
INSERT INTO users VALUES (1, 'Ann', 'a@x');
