-- migrate:down

ALTER TABLE main.items ADD COLUMN legacy TEXT;

CREATE INDEX items_legacy ON items(legacy);
