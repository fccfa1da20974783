-- Tables: declared types, NOT NULL, literal and expression defaults,
-- AUTOINCREMENT, STRICT, WITHOUT ROWID. Objects are written in the dump's
-- canonical order (tables by name, then indexes by name, views by
-- dependencies, triggers by name), so `sqlite3 .schema` of the loaded dump
-- equals this file's, statement for statement.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    display_name VARCHAR(100),
    balance NUMERIC(12, 2) NOT NULL DEFAULT 0.00,
    credit DOUBLE PRECISION DEFAULT -1.5,
    flags UNSIGNED BIG INT DEFAULT 0x1F,
    avatar BLOB DEFAULT X'00FF',
    note TEXT DEFAULT 'it''s "quoted"',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TEXT DEFAULT (datetime('now', 'localtime')),
    score REAL DEFAULT (abs(-2) * 3.5),
    untyped,
    empty_default DEFAULT NULL
);

CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, payload ANY, weight REAL DEFAULT 1.0) STRICT;

CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;

CREATE TABLE log (seq INTEGER PRIMARY KEY AUTOINCREMENT, msg TEXT NOT NULL COLLATE NOCASE, level INT DEFAULT +3);

CREATE TABLE points (
    x INT NOT NULL,
    y INT NOT NULL,
    label TEXT,
    PRIMARY KEY (x, y)
) STRICT, WITHOUT ROWID;

CREATE TABLE "typed" (
    a INT, b INTEGER, c TINYINT, d SMALLINT, e MEDIUMINT, f BIGINT, g INT2, h INT8,
    i CHARACTER(20), j VARYING CHARACTER(255), k NCHAR(55), l NATIVE CHARACTER(70),
    m NVARCHAR(100), n CLOB, o DOUBLE, p FLOAT, q DECIMAL(10,5), r DATE, s "custom type",
    t BOOLEAN, u ANY
);
