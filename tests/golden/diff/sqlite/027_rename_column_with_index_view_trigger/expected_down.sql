-- migrate:down

DROP TRIGGER main.users_audit;

DROP VIEW main.user_names;

DROP INDEX main.users_display_name;

ALTER TABLE main.users RENAME COLUMN display_name TO fullname;

CREATE INDEX users_fullname ON users(fullname);

CREATE VIEW user_names AS SELECT id, fullname FROM users;

CREATE TRIGGER users_audit AFTER UPDATE OF fullname ON users BEGIN
  INSERT INTO audit VALUES (new.fullname);
END;
