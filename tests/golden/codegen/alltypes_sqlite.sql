-- Every column type schemake-codegen maps for SQLite, NOT NULL and nullable,
-- plus the shapes the generators care about (see alltypes_pg.sql).
CREATE TABLE alltypes (
    id INTEGER PRIMARY KEY,
    c_integer INTEGER NOT NULL,
    c_integer_n INTEGER,
    c_int INT,
    c_bigint BIGINT NOT NULL,
    c_smallint SMALLINT,
    c_tinyint TINYINT,
    c_real REAL NOT NULL,
    c_real_n REAL,
    c_double DOUBLE,
    c_double_precision DOUBLE PRECISION,
    c_float FLOAT,
    c_text TEXT NOT NULL,
    c_text_n TEXT,
    c_varchar VARCHAR(40) NOT NULL,
    c_varchar_n varchar(40),
    c_char CHAR(5),
    c_nvarchar NVARCHAR(10),
    c_clob CLOB,
    c_blob BLOB NOT NULL,
    c_blob_n BLOB,
    c_numeric NUMERIC NOT NULL,
    c_numeric_n NUMERIC,
    c_decimal DECIMAL(10,2),
    c_boolean BOOLEAN NOT NULL,
    c_boolean_n BOOLEAN,
    c_date DATE,
    c_datetime DATETIME NOT NULL,
    c_datetime_n DATETIME,
    c_timestamp TIMESTAMP,
    c_time TIME,
    c_json JSON,
    c_uuid UUID,
    c_untyped,
    c_with_default TEXT NOT NULL DEFAULT 'none',
    c_now TEXT DEFAULT (datetime('now')),
    c_generated INTEGER GENERATED ALWAYS AS (c_bigint / 2) VIRTUAL,
    CONSTRAINT alltypes_integer_check CHECK (c_integer <> 7)
);
CREATE INDEX alltypes_text_idx ON alltypes (c_text);
CREATE UNIQUE INDEX alltypes_lower_idx ON alltypes (lower(c_varchar)) WHERE c_boolean;
CREATE INDEX alltypes_desc_idx ON alltypes (c_bigint DESC, c_integer);

CREATE TABLE person (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    manager_id INTEGER REFERENCES person (id) ON DELETE SET NULL
);

CREATE TABLE passport (
    person_id INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    number TEXT NOT NULL UNIQUE
);

CREATE TABLE message (
    id INTEGER PRIMARY KEY,
    sender_id INTEGER NOT NULL REFERENCES person (id),
    recipient_id INTEGER REFERENCES person (id) ON UPDATE CASCADE,
    body TEXT NOT NULL DEFAULT ''
);

CREATE TABLE tag (
    id INTEGER PRIMARY KEY,
    label VARCHAR(20) NOT NULL,
    CONSTRAINT tag_label_key UNIQUE (label)
);

CREATE TABLE person_tag (
    person_id INTEGER REFERENCES person (id) ON DELETE CASCADE,
    tag_id INTEGER REFERENCES tag (id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, tag_id)
);

CREATE TABLE event_log (
    at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    what TEXT
);

CREATE TABLE "Weird Names" (
    id INTEGER PRIMARY KEY,
    "class" TEXT,
    "my col" TEXT,
    "my_col" TEXT,
    "2fa" BOOLEAN,
    "metadata" TEXT,
    "Mixed Case" INTEGER,
    "żółć" TEXT,
    "json" JSON,
    "_private" TEXT,
    "type" TEXT,
    CONSTRAINT weird_my_col_key UNIQUE ("my col")
);
CREATE INDEX weird_class_idx ON "Weird Names" ("class", "Mixed Case");

CREATE TABLE weird_ref (
    id INTEGER PRIMARY KEY,
    "ref col" TEXT REFERENCES "Weird Names" ("my col")
);
