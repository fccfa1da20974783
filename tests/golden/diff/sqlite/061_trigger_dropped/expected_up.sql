-- migrate:up
-- 061_trigger_dropped (written by schemake-migrate diff; review it)

DROP TRIGGER main.m_touch;

