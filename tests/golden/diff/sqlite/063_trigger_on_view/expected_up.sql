-- migrate:up
-- 063_trigger_on_view (written by schemake-migrate diff; review it)

CREATE TRIGGER v_insert INSTEAD OF INSERT ON v BEGIN
  INSERT INTO m (a) VALUES (new.a);
END;

