-- migrate:up
-- 049_index_added (written by schemake-migrate diff; review it)

CREATE INDEX m_a_b ON m(a, b DESC);

