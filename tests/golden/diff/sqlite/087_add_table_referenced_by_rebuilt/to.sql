CREATE TABLE categories (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT, category_id INTEGER REFERENCES categories(id) ON DELETE SET NULL, CHECK (title <> ''));
