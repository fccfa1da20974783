CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  display_name TEXT NOT NULL,
  email TEXT
);
CREATE INDEX users_display_name ON users(display_name);
CREATE VIEW user_names AS SELECT id, display_name FROM users;
CREATE TABLE audit (what TEXT);
CREATE TRIGGER users_audit AFTER UPDATE OF display_name ON users BEGIN
  INSERT INTO audit VALUES (new.display_name);
END;
