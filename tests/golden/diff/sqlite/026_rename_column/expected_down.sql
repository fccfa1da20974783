-- migrate:down

ALTER TABLE main.users RENAME COLUMN display_name TO fullname;
