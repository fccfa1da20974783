-- The stored text is kept as written: comments, tabs and line breaks inside
-- statements survive, while SQLite itself rewrites the head ("create table
-- if not exists" is stored as "CREATE TABLE"). A trigger body whose comments
-- and strings hold "END;". In canonical order.
create table if not exists lower_case(a int, b text);

CREATE TABLE notes (
	-- the key
	id INTEGER PRIMARY KEY, /* a block comment; with a semicolon */
	body TEXT NOT NULL DEFAULT '' -- a trailing comment
	,   tags    TEXT
)  ;

CREATE TABLE t2 (x) /* after the parenthesis */ ;

CREATE    INDEX
    notes_tags   ON notes(tags)
    -- comment inside the index
    WHERE tags IS NOT NULL;

CREATE VIEW notes_view AS
    SELECT id, body -- the text
    FROM notes /* all of them */;

CREATE TRIGGER notes_touch AFTER UPDATE ON notes
BEGIN
    -- END; in a comment
    UPDATE notes SET tags = 'END;' WHERE id = new.id AND tags IS NULL; /* END; */
END;
