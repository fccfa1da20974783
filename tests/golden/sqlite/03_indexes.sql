-- Indexes: unique, partial, expression, DESC, COLLATE NOCASE, multi-column,
-- a quoted name. In canonical order.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    first_name TEXT,
    last_name TEXT NOT NULL,
    email TEXT,
    born DATE,
    deleted_at TEXT,
    data TEXT
);

CREATE TABLE visits (
    person_id INTEGER NOT NULL REFERENCES people (id),
    at TEXT NOT NULL,
    page TEXT
);

CREATE INDEX "Visits By Page" ON visits (page) WHERE page IS NOT NULL AND page <> '';

CREATE UNIQUE INDEX people_email_key ON people (email COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE INDEX people_json_kind ON people (json_extract(data, '$.kind'));

CREATE INDEX people_lower_name ON people (lower(last_name), lower(first_name) DESC);

CREATE INDEX people_name ON people (last_name ASC, first_name COLLATE NOCASE DESC);

CREATE INDEX visits_person_at ON visits (person_id, at DESC);
