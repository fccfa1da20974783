-- migrate:down

ALTER TABLE main.notes DROP COLUMN pinned_at;
