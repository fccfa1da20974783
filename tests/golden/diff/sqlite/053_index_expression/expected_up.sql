-- migrate:up
-- 053_index_expression (written by schemake-migrate diff; review it)

CREATE INDEX m_email_lower ON m(lower(email), length(email) DESC);

