-- migrate:up
-- 051_index_changed (written by schemake-migrate diff; review it)

DROP INDEX main.m_idx;

CREATE INDEX m_idx ON m(a, b);

