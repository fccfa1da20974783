#!/bin/bash
# The SQLite schema dump, round trip, with sqlite3 as the oracle. For each
# corpus file tests/golden/sqlite/*.sql (written in the dump's canonical
# order):
#   sqlite3 a.db < corpus; dump a; sqlite3 b.db < dump (no error);
#   .schema of a == .schema of b, byte for byte; the same objects with the
#   same stored SQL; dump of b == dump of a; dumping twice gives the same
#   bytes; b passes foreign_key_check and integrity_check.
# For each tests/golden/sqlite/reordered/<name>.sql (the same schema as
# <name>.sql, created in another order): its dump is byte-identical to the
# original's.
#
# The dump comes from the test driver $SK_TEST_BIN/dump_driver URL, which
# prints sk_emit_sql of the introspected model.
. "$(dirname "$0")/lib.sh"
sk_begin

CORPUS=$SK_SOURCE_DIR/tests/golden/sqlite
DRIVER=${SK_TEST_BIN:-}/dump_driver
if [ -z "${SK_TEST_BIN:-}" ] || [ ! -x "$DRIVER" ]; then
	echo "FAIL: no dump driver (SK_TEST_BIN=${SK_TEST_BIN:-unset})" >&2
	exit 1
fi

# dump DB OUT: our dump of DB into the file OUT; RC, OUT (its start) and
# ERR as run sets them, for expect_*.
# shellcheck disable=SC2034
dump() {
	"$DRIVER" "sqlite:$1" >"$2" 2>dump.err
	RC=$?
	OUT=$(head -c 2000 "$2")
	ERR=$(cat dump.err)
}

# load DB FILE: runs FILE with sqlite3, stopping at the first error.
load() {
	run sqlite3 -bail "$1" <"$2"
}

# Every object with its stored SQL, in an order that does not depend on
# the order of creation.
objects() {
	sqlite3 "$1" "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"
}

# expect_same_file A B WHAT: the two files are byte-identical.
expect_same_file() {
	if cmp -s "$1" "$2"; then
		sk_pass
	else
		OUT=$(diff "$1" "$2" | head -20)
		sk_fail "$3: $1 and $2 differ"
	fi
}

nfiles=0
for f in "$CORPUS"/*.sql; do
	n=$(basename "$f" .sql)
	nfiles=$((nfiles + 1))

	load "$n.a.db" "$f"
	expect_rc 0 "$n: the corpus loads"
	expect_eq "$ERR" "" "$n: the corpus loads without messages"

	dump "$n.a.db" "$n.a.sql"
	expect_rc 0 "$n: dump"
	expect_eq "$ERR" "" "$n: dump writes nothing on stderr"
	# canonical form: LF only, one trailing newline, no PRAGMA or transaction
	if [ -s "$n.a.sql" ] && [ "$(tail -c 1 "$n.a.sql" | od -An -c | tr -d ' ')" = '\n' ] &&
		[ "$(tail -c 2 "$n.a.sql" | od -An -c | tr -d ' ')" != '\n\n' ]; then
		sk_pass
	else
		sk_fail "$n: the dump ends with exactly one newline"
	fi
	expect_not_in "$(cat "$n.a.sql")" $'\r' "$n: no CR in the dump"
	run grep -Eci '^(PRAGMA|BEGIN TRANSACTION|COMMIT)' "$n.a.sql"
	expect_eq "$OUT" "0" "$n: no PRAGMA, BEGIN or COMMIT lines"

	load "$n.b.db" "$n.a.sql"
	expect_rc 0 "$n: the dump loads into an empty database"
	expect_eq "$ERR" "" "$n: the dump loads without messages"

	sqlite3 "$n.a.db" .schema >"$n.a.schema"
	sqlite3 "$n.b.db" .schema >"$n.b.schema"
	expect_same_file "$n.a.schema" "$n.b.schema" "$n: .schema of the loaded dump"
	objects "$n.a.db" >"$n.a.objects"
	objects "$n.b.db" >"$n.b.objects"
	expect_same_file "$n.a.objects" "$n.b.objects" "$n: the same objects with the same SQL"

	dump "$n.b.db" "$n.b.sql"
	expect_rc 0 "$n: dump of the loaded dump"
	expect_same_file "$n.a.sql" "$n.b.sql" "$n: dump of the loaded dump"
	dump "$n.a.db" "$n.a2.sql"
	expect_same_file "$n.a.sql" "$n.a2.sql" "$n: dumping twice"

	run sqlite3 "$n.b.db" "PRAGMA foreign_key_check"
	expect_rc 0 "$n: foreign_key_check runs"
	expect_eq "$OUT" "" "$n: foreign_key_check finds nothing"
	run sqlite3 "$n.b.db" "PRAGMA integrity_check"
	expect_eq "$OUT" "ok" "$n: integrity_check"
done
if [ "$nfiles" -ge 5 ]; then sk_pass; else sk_fail "the corpus has $nfiles files"; fi

nreordered=0
for f in "$CORPUS"/reordered/*.sql; do
	n=$(basename "$f" .sql)
	nreordered=$((nreordered + 1))
	load "$n.r.db" "$f"
	expect_rc 0 "reordered $n: loads"
	dump "$n.r.db" "$n.r.sql"
	expect_rc 0 "reordered $n: dump"
	expect_same_file "$n.a.sql" "$n.r.sql" "reordered $n: same dump as the original"
	objects "$n.r.db" >"$n.r.objects"
	expect_same_file "$n.a.objects" "$n.r.objects" "reordered $n: same objects as the original"
	# and the creation order really differs
	sqlite3 "$n.r.db" .schema >"$n.r.schema"
	if cmp -s "$n.a.schema" "$n.r.schema"; then
		sk_fail "reordered $n: created in the same order as the original"
	else
		sk_pass
	fi
done
if [ "$nreordered" -ge 1 ]; then sk_pass; else sk_fail "no reordered corpus file"; fi

# The history table is not part of the dump; the rest of the database is.
sqlite3 hist.db "CREATE TABLE schemake_migrations (version TEXT PRIMARY KEY); CREATE TABLE t (a INT)"
dump hist.db hist.sql
expect_rc 0 "history: dump"
expect_eq "$(cat hist.sql)" "CREATE TABLE t (a INT);" "history: only the user's table"

# An empty database dumps to an empty file.
sqlite3 empty.db "PRAGMA user_version = 1"
dump empty.db empty.sql
expect_rc 0 "empty: dump"
if [ -f empty.sql ] && [ ! -s empty.sql ]; then
	sk_pass
else
	sk_fail "empty: the dump of an empty database is empty"
fi

sk_end
