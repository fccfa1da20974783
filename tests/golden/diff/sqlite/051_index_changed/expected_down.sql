-- migrate:down

DROP INDEX main.m_idx;

CREATE INDEX m_idx ON m(a);
