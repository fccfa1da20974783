-- migrate:down

DROP VIEW main.top;

DROP VIEW main.base;

CREATE VIEW base AS SELECT id, a FROM m;

CREATE VIEW top AS SELECT * FROM base WHERE a <> '';
