-- migrate:down

CREATE INDEX m_a ON m(a);
