-- migrate:up
-- 078_drop_column_mentioned_by_trigger (written by schemake-migrate diff; review it)

DROP TRIGGER main.m_log;

-- schemake:destructive drops column main.m.b (down adds it back empty)
ALTER TABLE main.m DROP COLUMN b;

CREATE TRIGGER m_log AFTER INSERT ON m BEGIN INSERT INTO log VALUES (new.a); END;

