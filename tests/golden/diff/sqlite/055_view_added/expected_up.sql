-- migrate:up
-- 055_view_added (written by schemake-migrate diff; review it)

CREATE VIEW m_a AS SELECT a FROM m WHERE a IS NOT NULL;

