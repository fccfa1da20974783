-- migrate:down

ALTER TABLE main.items DROP COLUMN owner_id;
