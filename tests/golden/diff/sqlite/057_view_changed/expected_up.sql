-- migrate:up
-- 057_view_changed (written by schemake-migrate diff; review it)

DROP VIEW main.v;

CREATE VIEW v AS SELECT a, b FROM m;

