-- migrate:down

ALTER TABLE main.items DROP COLUMN note;
