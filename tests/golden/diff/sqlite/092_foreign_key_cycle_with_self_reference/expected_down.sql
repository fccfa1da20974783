-- migrate:down

-- rebuild main.a
-- rebuilt as they are, for their ON DELETE foreign keys: main.b
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE _sk_old_a (_sk_rowid, id, parent, b_id);
INSERT INTO temp._sk_old_a SELECT rowid, id, parent, b_id FROM main.a;
CREATE TEMP TABLE _sk_old_b (_sk_rowid, id, a_id);
INSERT INTO temp._sk_old_b SELECT rowid, id, a_id FROM main.b;
DROP TABLE main.a;
DROP TABLE main.b;
CREATE TABLE a (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES a(id) ON DELETE CASCADE, b_id INTEGER);
CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id) ON DELETE SET NULL);
INSERT INTO main.a (id, parent, b_id) SELECT id, parent, b_id FROM temp._sk_old_a ORDER BY _sk_rowid;
INSERT INTO main.b (id, a_id) SELECT id, a_id FROM temp._sk_old_b ORDER BY _sk_rowid;
CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT "foreign key violations after rebuilding main.a, main.b (see PRAGMA foreign_key_check)" CHECK (ok));
INSERT INTO temp._sk_fk_check SELECT 0 FROM (SELECT 1 FROM pragma_foreign_key_check('a', 'main') UNION ALL SELECT 1 FROM pragma_foreign_key_check('b', 'main')) LIMIT 1;
DROP TABLE temp._sk_fk_check;
DROP TABLE temp._sk_old_a;
DROP TABLE temp._sk_old_b;
