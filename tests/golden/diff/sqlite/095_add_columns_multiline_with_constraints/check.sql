SELECT * FROM ledger ORDER BY id;
