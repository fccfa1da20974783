-- migrate:up
-- 060_trigger_added (written by schemake-migrate diff; review it)

CREATE TRIGGER m_touch AFTER UPDATE OF a ON m BEGIN
  UPDATE m SET updated = 'yes' WHERE id = new.id;
END;

