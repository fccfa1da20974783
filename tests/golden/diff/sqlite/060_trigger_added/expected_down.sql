-- migrate:down

DROP TRIGGER main.m_touch;
