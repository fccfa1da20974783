-- migrate:down

DROP INDEX main.m_email;
