CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL DEFAULT '');
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), title TEXT, tag_id INTEGER REFERENCES tags(id));
CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
CREATE INDEX posts_user ON posts(user_id);
CREATE INDEX posts_tag ON posts(tag_id);
CREATE VIEW recent AS SELECT title, tag_id FROM posts ORDER BY id DESC LIMIT 10;
CREATE TRIGGER users_del AFTER DELETE ON users BEGIN DELETE FROM posts WHERE user_id = old.id; END;
