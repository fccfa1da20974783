-- migrate:down

ALTER TABLE main.items ADD COLUMN legacy TEXT;
