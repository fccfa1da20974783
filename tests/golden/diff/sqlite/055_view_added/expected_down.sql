-- migrate:down

DROP VIEW main.m_a;
