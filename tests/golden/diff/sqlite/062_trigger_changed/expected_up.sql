-- migrate:up
-- 062_trigger_changed (written by schemake-migrate diff; review it)

DROP TRIGGER main.m_touch;

CREATE TRIGGER m_touch AFTER UPDATE OF a ON m WHEN new.a IS NOT old.a BEGIN
  UPDATE m SET updated = 'changed; really' WHERE id = new.id;
END;

