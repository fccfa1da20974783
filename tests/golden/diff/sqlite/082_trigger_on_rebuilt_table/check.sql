UPDATE m SET a = 'y';
SELECT * FROM m;
