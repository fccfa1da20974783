SELECT * FROM users ORDER BY id;
SELECT * FROM posts ORDER BY id;
SELECT * FROM likes ORDER BY post_id;
