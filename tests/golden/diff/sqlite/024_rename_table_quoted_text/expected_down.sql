-- migrate:down

ALTER TABLE main.persons RENAME TO people;
