-- migrate:down

DROP TRIGGER main.m_touch;

CREATE TRIGGER m_touch AFTER UPDATE OF a ON m BEGIN
  UPDATE m SET updated = 'yes' WHERE id = new.id;
END;
