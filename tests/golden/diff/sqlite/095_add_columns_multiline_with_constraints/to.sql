CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  owner INTEGER NOT NULL
);
CREATE TABLE ledger (
  id INTEGER NOT NULL,
  account INTEGER NOT NULL,  -- the account it books on
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL DEFAULT 'EUR' COLLATE NOCASE,
  memo TEXT CHECK (length(memo) < 200),
  booked_by INTEGER REFERENCES accounts(id),
  PRIMARY KEY (id),
  FOREIGN KEY (account) REFERENCES accounts(id) ON DELETE CASCADE
);
