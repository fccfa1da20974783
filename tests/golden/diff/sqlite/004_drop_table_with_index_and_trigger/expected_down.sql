-- migrate:down

CREATE TABLE log (id INTEGER PRIMARY KEY, user_id INTEGER, at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE INDEX log_user ON log(user_id);

CREATE TRIGGER log_touch AFTER INSERT ON log BEGIN
  UPDATE log SET at = 'x' WHERE id = new.id;
END;
