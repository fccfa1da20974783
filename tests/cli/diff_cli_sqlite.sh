#!/bin/bash
# schemake-migrate diff and check on SQLite, end to end: the desired schema
# in schema/ (with "-- schemake:rename" annotations) against the
# migrations' head, the migration written with its destructive markers and
# a warning for each on stderr, --rename on the command line, check
# refusing unreviewed destructive changes, the migration applied and
# reverted, and "no changes" once the schema is reached.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_use_dialect sqlite

mkdir -p schema
sk_mig migrations 20240101000000 init <<'SQL'
-- migrate:up
CREATE TABLE people (id INTEGER PRIMARY KEY, fullname TEXT NOT NULL, age INTEGER);
CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES people(id) ON DELETE CASCADE, name TEXT);
CREATE INDEX pets_owner ON pets(owner);
-- migrate:down
DROP TABLE pets;
DROP TABLE people;
SQL
run schemake-migrate hash
expect_rc 0 "hash"
run schemake-migrate upgrade
expect_rc 0 "upgrade to the first migration"
sql "INSERT INTO people VALUES (1, 'Ann', 30), (2, 'Bob', 40); INSERT INTO pets VALUES (1, 1, 'Rex'), (2, 2, 'Tom')"

# The desired schema: people renamed to persons, fullname to display_name,
# age dropped. Renames are hinted in schema/.
cat >schema/01_tables.sql <<'SQL'
-- schemake:rename people=persons
-- schemake:rename persons.fullname=display_name
CREATE TABLE persons (id INTEGER PRIMARY KEY, display_name TEXT NOT NULL);
CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES persons(id) ON DELETE CASCADE, name TEXT);
CREATE INDEX pets_owner ON pets(owner);
SQL

run schemake-migrate check
expect_rc 1 "check: the schema is ahead of the migrations"
expect_in "$ERR" "change" "check says what differs"

run schemake-migrate diff -m "rename people"
expect_rc 0 "diff"
expect_in "$OUT" "created migrations/" "diff names the file"
expect_in "$OUT" "1 destructive" "diff counts the destructive operation"
expect_in "$ERR" "destructive: drops column main.persons.age" "diff warns about the dropped column"
found=(migrations/*_rename_people.sql)
mig=${found[0]}
expect_eq "$([ -f "$mig" ] && echo yes)" yes "the migration file exists"
up=$(awk '/^-- migrate:down/ { exit } { print }' "$mig" 2>/dev/null)
expect_in "$up" "ALTER TABLE main.people RENAME TO persons;" "the table rename hint is used"
expect_in "$up" "RENAME COLUMN fullname TO display_name;" "the column rename hint is used"
expect_in "$up" "-- schemake:destructive drops column main.persons.age" "the destructive operation is marked"
expect_not_in "$up" "DROP TABLE main.people;" "the renamed table is not dropped and created"

# check refuses the unreviewed destructive change, until it is reviewed
run schemake-migrate check
expect_rc 1 "check refuses an unreviewed destructive change"
expect_in "$OUT" "drops column main.persons.age" "check lists it"
sed -i 's/^-- schemake:destructive /-- schemake:allow-destructive /' "$mig"
schemake-migrate hash >/dev/null
run schemake-migrate check
expect_rc 0 "check passes once the change is reviewed"

run schemake-migrate upgrade
expect_rc 0 "upgrade applies the generated migration"
expect_eq "$(sql "SELECT id, display_name FROM persons ORDER BY id" | tr '\n' ' ')" "1|Ann 2|Bob " "the rows survive the renames"
expect_eq "$(sql "SELECT count(*) FROM pets")" "2" "the children's rows survive"
sqlite3 want.db ".read schema/01_tables.sql"
run schemake-dump --database-url sqlite:app.db
got=$OUT
run schemake-dump --database-url sqlite:want.db
expect_eq "$got" "$OUT" "the database is the schema, to the byte"
run schemake-migrate diff -m again
expect_rc 0 "diff with nothing to do"
expect_in "$OUT" "no changes" "diff finds nothing"
expect_eq "$(ls migrations/*_again.sql 2>/dev/null)" "" "and writes no file"

run schemake-migrate downgrade
expect_rc 0 "downgrade reverts it"
expect_eq "$(sql "SELECT id, fullname FROM people ORDER BY id" | tr '\n' ' ')" "1|Ann 2|Bob " "the rows come back under the old names"
expect_eq "$(sql "SELECT sql FROM sqlite_schema WHERE name = 'people'")" \
	"CREATE TABLE people (id INTEGER PRIMARY KEY, fullname TEXT NOT NULL, age INTEGER)" "the old definition, to the byte"
run schemake-migrate upgrade
expect_rc 0 "upgrade again"

# --rename on the command line
cat >schema/01_tables.sql <<'SQL'
CREATE TABLE persons (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES persons(id) ON DELETE CASCADE, name TEXT);
CREATE INDEX pets_owner ON pets(owner);
SQL
run schemake-migrate diff -m "short name" --rename persons.display_name=name
expect_rc 0 "diff --rename"
expect_eq "$(grep -c '^-- schemake:destructive' migrations/*_short_name.sql)" "0" "a rename drops nothing"
expect_in "$(cat migrations/*_short_name.sql)" "RENAME COLUMN display_name TO name;" "the --rename hint is used"
run schemake-migrate upgrade
expect_rc 0 "upgrade with the renamed column"
expect_eq "$(sql "SELECT name FROM persons WHERE id = 1")" "Ann" "the value is under the new name"

# without a hint the same change is a drop and an add, and says so
cat >schema/01_tables.sql <<'SQL'
CREATE TABLE persons (id INTEGER PRIMARY KEY, label TEXT NOT NULL DEFAULT '');
CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES persons(id) ON DELETE CASCADE, name TEXT);
CREATE INDEX pets_owner ON pets(owner);
SQL
run schemake-migrate diff -m "no hint"
expect_rc 0 "diff without a hint"
expect_in "$ERR" "destructive: drops column main.persons.name" "the lost column is a warning"

sk_end
