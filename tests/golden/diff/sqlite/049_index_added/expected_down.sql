-- migrate:down

DROP INDEX main.m_a_b;
