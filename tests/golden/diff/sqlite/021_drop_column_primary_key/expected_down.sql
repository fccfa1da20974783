-- migrate:down

-- rebuild main.pairs
CREATE TEMP TABLE _sk_old_pairs (_sk_rowid, a, note);
INSERT INTO temp._sk_old_pairs SELECT rowid, a, note FROM main.pairs;
DROP TABLE main.pairs;
CREATE TABLE pairs (a TEXT, b TEXT, note TEXT, PRIMARY KEY (a, b));
INSERT INTO main.pairs (rowid, a, note) SELECT _sk_rowid, a, note FROM temp._sk_old_pairs ORDER BY _sk_rowid;
DROP TABLE temp._sk_old_pairs;
