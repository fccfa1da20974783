-- Constraints: primary keys (single, composite), UNIQUE (column, table,
-- named), CHECK (named and unnamed, column and table level), foreign keys
-- (column and table level, implicit parent key, self-reference, every
-- action, MATCH, DEFERRABLE INITIALLY DEFERRED / IMMEDIATE, NOT DEFERRABLE)
-- and generated columns, VIRTUAL and STORED. In canonical order.
CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CONSTRAINT authors_name_nonempty CHECK (length(name) > 0),
    email TEXT UNIQUE,
    CONSTRAINT authors_name_email_key UNIQUE (name, email)
);

CREATE TABLE book_tags (
    book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    tag TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (book_id, tag)
) WITHOUT ROWID;

CREATE TABLE books (
    id INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL CONSTRAINT books_author_fk REFERENCES authors ON UPDATE CASCADE ON DELETE RESTRICT,
    editor_id INTEGER REFERENCES authors (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    isbn TEXT NOT NULL,
    title TEXT NOT NULL,
    pages INTEGER CHECK (pages > 0),
    price NUMERIC CHECK (price >= 0) CHECK (price < 10000),
    title_upper TEXT GENERATED ALWAYS AS (upper(title)) VIRTUAL,
    title_len INTEGER AS (length(title)) STORED,
    series_id INTEGER,
    series_no INTEGER,
    CONSTRAINT books_isbn_key UNIQUE (isbn),
    CONSTRAINT books_pages_price CHECK (pages IS NULL OR price IS NULL OR price / pages < 10),
    FOREIGN KEY (series_id, series_no) REFERENCES series_entries (series_id, no)
        ON UPDATE SET NULL ON DELETE SET DEFAULT MATCH SIMPLE NOT DEFERRABLE
);

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories (id) ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE,
    name TEXT NOT NULL,
    UNIQUE (parent_id, name),
    CHECK (parent_id IS NULL OR parent_id <> id)
);

CREATE TABLE series_entries (
    series_id INTEGER NOT NULL,
    no INTEGER NOT NULL,
    title TEXT,
    PRIMARY KEY (series_id, no),
    CONSTRAINT series_entries_fk FOREIGN KEY (series_id) REFERENCES categories (id) DEFERRABLE INITIALLY DEFERRED
);
