-- migrate:up
-- 058_view_on_changed_view (written by schemake-migrate diff; review it)

DROP VIEW main.top;

DROP VIEW main.base;

CREATE VIEW base AS SELECT id, a, b FROM m;

CREATE VIEW top AS SELECT * FROM base WHERE a <> '';

