-- migrate:up
-- 052_index_partial (written by schemake-migrate diff; review it)

DROP INDEX main.m_live;

CREATE INDEX m_live ON m(a) WHERE deleted = 0 AND a IS NOT NULL;

