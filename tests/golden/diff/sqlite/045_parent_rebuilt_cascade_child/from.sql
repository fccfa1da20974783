CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE);
CREATE TABLE likes (post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE, n INTEGER);
CREATE INDEX posts_user ON posts(user_id);
CREATE TRIGGER posts_touch AFTER DELETE ON posts BEGIN DELETE FROM likes WHERE post_id = old.id; END;
INSERT INTO users VALUES (1, 'a'), (2, 'b');
INSERT INTO posts VALUES (1, 1), (2, 2), (3, 2);
INSERT INTO likes VALUES (1, 1), (2, 1), (3, 5);
