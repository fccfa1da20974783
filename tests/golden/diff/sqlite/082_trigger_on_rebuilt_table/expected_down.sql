-- migrate:down

-- rebuild main.m
CREATE TEMP TABLE _sk_old_m (_sk_rowid, id, a, n);
INSERT INTO temp._sk_old_m SELECT rowid, id, a, n FROM main.m;
DROP TABLE main.m;
CREATE TABLE m (id INTEGER PRIMARY KEY, a TEXT, n INTEGER DEFAULT 0);
INSERT INTO main.m (id, a, n) SELECT id, a, n FROM temp._sk_old_m ORDER BY _sk_rowid;
CREATE TRIGGER m_count AFTER UPDATE OF a ON m BEGIN UPDATE m SET n = n + 1 WHERE id = new.id; END;
DROP TABLE temp._sk_old_m;
