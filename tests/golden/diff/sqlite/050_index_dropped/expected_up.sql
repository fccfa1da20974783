-- migrate:up
-- 050_index_dropped (written by schemake-migrate diff; review it)

DROP INDEX main.m_a;

