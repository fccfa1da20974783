INSERT INTO m (a) VALUES ('w');
SELECT * FROM m;
SELECT seq FROM sqlite_sequence WHERE name = 'm';
