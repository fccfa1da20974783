-- migrate:down

CREATE VIEW m_a AS SELECT a FROM m;
