-- migrate:up
-- 056_view_dropped (written by schemake-migrate diff; review it)

DROP VIEW main.m_a;

