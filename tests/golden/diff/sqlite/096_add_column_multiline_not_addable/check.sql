SELECT id, kind FROM events ORDER BY id;
SELECT * FROM tags ORDER BY id;
