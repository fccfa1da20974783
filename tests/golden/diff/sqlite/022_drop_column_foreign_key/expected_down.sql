-- migrate:down

ALTER TABLE main.items ADD COLUMN owner_id INTEGER REFERENCES users(id);
