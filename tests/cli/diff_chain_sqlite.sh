#!/bin/bash
# schemake-migrate diff on a long chain of SQLite foreign keys with ON DELETE
# CASCADE (each table references the previous one), more tables than
# SQLite's 500 terms of a compound SELECT:
#  - adding nullable columns to a few multi-line tables is ALTER TABLE ADD
#    COLUMN, not a rebuild of the chain (it once rebuilt all of it and
#    failed with "too many terms in compound SELECT");
#  - a change that does rebuild the first table rebuilds every child with
#    its ON DELETE key too (the migration runs in a transaction with
#    foreign keys on, where dropping a parent deletes the children's rows),
#    and its foreign key check stays within SQLite's limits;
# each migration applies with every row kept, the database then has the
# desired schema, diffing again finds nothing, and it reverts.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_use_dialect sqlite

N=520

# chain NOTES ROOT_NOT_NULL: the schema. NOTES=1 gives every 100th table
# (1, 101, ...) a "note TEXT" column, ROOT_NOT_NULL=1 makes t1.name NOT NULL.
chain() {
	local i root=''
	[ "$2" = 1 ] && root=" NOT NULL DEFAULT ''"
	printf 'CREATE TABLE t1 (\n  id INTEGER PRIMARY KEY,\n  name TEXT%s' "$root"
	[ "$1" = 1 ] && printf ',\n  note TEXT'
	printf '\n);\n'
	for ((i = 2; i <= N; i++)); do
		printf 'CREATE TABLE t%d (\n  id INTEGER PRIMARY KEY,\n' "$i"
		printf '  parent_id INTEGER REFERENCES t%d(id) ON DELETE CASCADE,\n  name TEXT' $((i - 1))
		[ "$1" = 1 ] && [ $((i % 100)) -eq 1 ] && printf ',\n  note TEXT'
		printf '\n);\n'
	done
}

# rows: one row in every table, each child row pointing at its parent's.
rows() {
	local i
	echo "BEGIN; INSERT INTO t1 (id, name) VALUES (1, 'root');"
	for ((i = 2; i <= N; i++)); do
		echo "INSERT INTO t$i (id, parent_id, name) VALUES (1, 1, 'r$i');"
	done
	echo "COMMIT;"
}

# total: the number of rows of all the chain's tables.
total() {
	local i q='SELECT 0'
	for ((i = 1; i <= N; i++)); do
		q+=" + (SELECT count(*) FROM t$i)"
	done
	sql "$q"
}

# same_as_schema WHAT: app.db has the schema of schema/ (the model of each
# table as SQLite reads it, every index), and diff finds nothing to do.
same_as_schema() {
	local q
	rm -f want.db
	sqlite3 want.db ".read schema/01_chain.sql"
	q="SELECT m.name, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk
		FROM sqlite_schema m, pragma_table_xinfo(m.name) c WHERE m.type = 'table'
		AND m.name <> 'schemake_migrations' ORDER BY 1, 2;
		SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_delete
		FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY 1, 2, 3"
	expect_eq "$(sqlite3 app.db "$q" | md5sum)" "$(sqlite3 want.db "$q" | md5sum)" \
		"$1: the tables are the desired ones"
	run schemake-migrate diff -m again
	expect_rc 0 "$1: diff again"
	expect_in "$OUT" "no changes" "$1: diff again finds nothing"
}

mkdir -p schema
{
	echo "-- migrate:up"
	chain 0 0
	echo "-- migrate:down"
} | sk_mig migrations 20240101000000 chain
run schemake-migrate hash
expect_rc 0 "hash"
run schemake-migrate -q upgrade
expect_rc 0 "upgrade to the chain"
rows | sqlite3 app.db
expect_eq "$(total)" "$N" "one row in every table"

# 1. new nullable columns on six multi-line tables: ADD COLUMN only
chain 1 0 >schema/01_chain.sql
run schemake-migrate diff -m notes
expect_rc 0 "diff: new columns on a long chain of cascading keys"
expect_in "$OUT" "created migrations/" "diff writes the migration"
mig=$(ls migrations/*_notes.sql 2>/dev/null)
up=$(awk '/^-- migrate:down/ { exit } { print }' "$mig" 2>/dev/null)
expect_eq "$(grep -c '^ALTER TABLE main\.t[0-9]* ADD COLUMN note TEXT;$' <<<"$up")" 6 \
	"each new column is one ADD COLUMN"
expect_not_in "$up" "DROP TABLE" "no table is rebuilt"
expect_not_in "$up" "pragma_foreign_key_check" "and no foreign key check is needed"
run schemake-migrate -q upgrade
expect_rc 0 "upgrade: ADD COLUMN"
expect_eq "$(total)" "$N" "ADD COLUMN keeps every row"
expect_eq "$(sql "SELECT count(*) FROM pragma_table_info('t501') WHERE name = 'note'")" 1 \
	"t501 has its new column"
same_as_schema "after ADD COLUMN"
run schemake-migrate -q downgrade
expect_rc 0 "downgrade: DROP COLUMN"
expect_eq "$(sql "SELECT count(*) FROM pragma_table_info('t501') WHERE name = 'note'")" 0 \
	"the new column is gone again"
expect_eq "$(total)" "$N" "the downgrade keeps every row"
run schemake-migrate -q upgrade
expect_rc 0 "upgrade again"

# 2. t1.name becomes NOT NULL: t1 is rebuilt, and with it every table of the
# chain (their ON DELETE CASCADE keys would empty them otherwise)
chain 1 1 >schema/01_chain.sql
run schemake-migrate diff -m root
expect_rc 0 "diff: a rebuild that cascades down the whole chain"
mig=$(ls migrations/*_root.sql 2>/dev/null)
up=$(awk '/^-- migrate:down/ { exit } { print }' "$mig" 2>/dev/null)
expect_eq "$(grep -c '^DROP TABLE main\.t[0-9]*;$' <<<"$up")" "$N" "every table of the chain is rebuilt"
# no statement may have more than 500 terms in a compound SELECT
expect_eq "$(awk '{ n = gsub(/UNION ALL/, "&"); if (n > m) m = n } END { print m + 0 }' "$mig")" 99 \
	"the foreign key check runs in statements of 100 tables"
expect_eq "$(grep -c 'pragma_foreign_key_check' "$mig")" 12 "in six statements each way"
sed -i 's/^-- schemake:destructive /-- schemake:allow-destructive /' "$mig"
schemake-migrate hash >/dev/null
run schemake-migrate -q upgrade
expect_rc 0 "upgrade: the rebuild"
expect_eq "$(total)" "$N" "the rebuild keeps every row of the chain"
expect_eq "$(sqlite3 app.db "PRAGMA foreign_key_check" | wc -l)" 0 "no foreign key violation"
same_as_schema "after the rebuild"
run schemake-migrate -q downgrade
expect_rc 0 "downgrade: the rebuild back"
expect_eq "$(total)" "$N" "and so does its down"

sk_end
