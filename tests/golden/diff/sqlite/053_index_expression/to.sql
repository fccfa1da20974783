CREATE TABLE m (id INTEGER PRIMARY KEY, email TEXT);
CREATE INDEX m_email_lower ON m(lower(email), length(email) DESC);
