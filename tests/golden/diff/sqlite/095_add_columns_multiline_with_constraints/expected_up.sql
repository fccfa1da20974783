-- migrate:up
-- 095_add_columns_multiline_with_constraints (written by schemake-migrate diff; review it)

-- schemake:destructive a new column of main.ledger has a CHECK constraint: fails on rows that do not pass it
ALTER TABLE main.ledger ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR' COLLATE NOCASE;
ALTER TABLE main.ledger ADD COLUMN memo TEXT CHECK (length(memo) < 200);
ALTER TABLE main.ledger ADD COLUMN booked_by INTEGER REFERENCES accounts(id);

