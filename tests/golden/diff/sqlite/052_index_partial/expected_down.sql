-- migrate:down

DROP INDEX main.m_live;

CREATE INDEX m_live ON m(a) WHERE deleted = 0;
