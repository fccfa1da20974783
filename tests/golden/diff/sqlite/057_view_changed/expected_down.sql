-- migrate:down

DROP VIEW main.v;

CREATE VIEW v AS SELECT a FROM m;
