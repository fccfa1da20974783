-- migrate:up
-- 027_rename_column_with_index_view_trigger (written by schemake-migrate diff; review it)

DROP TRIGGER main.users_audit;

DROP VIEW main.user_names;

DROP INDEX main.users_fullname;

ALTER TABLE main.users RENAME COLUMN fullname TO display_name;

CREATE INDEX users_display_name ON users(display_name);

CREATE VIEW user_names AS SELECT id, display_name FROM users;

CREATE TRIGGER users_audit AFTER UPDATE OF display_name ON users BEGIN
  INSERT INTO audit VALUES (new.display_name);
END;

