-- migrate:down

ALTER TABLE main.ledger DROP COLUMN booked_by;
ALTER TABLE main.ledger DROP COLUMN memo;
ALTER TABLE main.ledger DROP COLUMN currency;
