-- migrate:down

ALTER TABLE main.m DROP COLUMN c;
ALTER TABLE main.m DROP COLUMN b;
ALTER TABLE main.m ADD COLUMN gone TEXT;
