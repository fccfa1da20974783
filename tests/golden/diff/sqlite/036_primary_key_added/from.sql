CREATE TABLE m (code TEXT, label TEXT);
INSERT INTO m VALUES ('a', 'A'), ('b', 'B');
DELETE FROM m WHERE code = 'a';
INSERT INTO m VALUES ('c', 'C');
