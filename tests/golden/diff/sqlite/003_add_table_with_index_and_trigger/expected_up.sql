-- migrate:up
-- 003_add_table_with_index_and_trigger (written by schemake-migrate diff; review it)

CREATE TABLE log (id INTEGER PRIMARY KEY, user_id INTEGER, at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE INDEX log_user ON log(user_id);

CREATE TRIGGER users_log AFTER INSERT ON users BEGIN
  INSERT INTO log (user_id) VALUES (new.id);
END;

