-- migrate:down

ALTER TABLE main.users DROP COLUMN email;

ALTER TABLE main.posts DROP COLUMN draft;
