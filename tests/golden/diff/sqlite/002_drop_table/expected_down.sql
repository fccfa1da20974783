-- migrate:down

CREATE TABLE audit (at TEXT, what TEXT);
