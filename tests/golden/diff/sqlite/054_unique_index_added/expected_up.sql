-- migrate:up
-- 054_unique_index_added (written by schemake-migrate diff; review it)

-- schemake:destructive new unique index main.m_email fails on duplicates
CREATE UNIQUE INDEX m_email ON m(email COLLATE NOCASE);

