-- migrate:down

ALTER TABLE main.m DROP COLUMN b;
