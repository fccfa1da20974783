-- migrate:up
ALTER TABLE items ADD COLUMN description text NOT NULL DEFAULT '';

-- migrate:down
ALTER TABLE items DROP COLUMN description;
