-- migrate:down

DROP VIEW main.v;

ALTER TABLE main.m RENAME COLUMN new_name TO old_name;

CREATE VIEW v AS SELECT m.old_name, other.id FROM m, other;
