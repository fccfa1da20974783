CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  owner INTEGER NOT NULL
);
CREATE TABLE ledger (
  id INTEGER NOT NULL,
  account INTEGER NOT NULL,  -- the account it books on
  amount INTEGER NOT NULL,
  PRIMARY KEY (id),
  FOREIGN KEY (account) REFERENCES accounts(id) ON DELETE CASCADE
);
INSERT INTO accounts VALUES (1, 10);
INSERT INTO ledger VALUES (1, 1, 100), (2, 1, -50);
