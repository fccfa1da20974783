CREATE TABLE m (a TEXT, b TEXT, PRIMARY KEY (a));
INSERT INTO m VALUES ('x', '1'), ('y', '1');
