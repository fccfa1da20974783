CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, legacy TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), title TEXT);
CREATE TABLE old_stuff (x);
CREATE INDEX posts_user ON posts(user_id);
CREATE VIEW recent AS SELECT title FROM posts ORDER BY id DESC LIMIT 10;
CREATE TRIGGER users_del AFTER DELETE ON users BEGIN DELETE FROM posts WHERE user_id = old.id; END;
INSERT INTO users VALUES (1, 'a', 'l'), (2, 'b', 'm');
INSERT INTO posts VALUES (1, 1, 't1'), (2, 2, 't2');
INSERT INTO old_stuff VALUES (1);
