CREATE TABLE m (id INTEGER PRIMARY KEY, a TEXT, updated TEXT);
CREATE TRIGGER m_touch AFTER UPDATE OF a ON m WHEN new.a IS NOT old.a BEGIN
  UPDATE m SET updated = 'changed; really' WHERE id = new.id;
END;
