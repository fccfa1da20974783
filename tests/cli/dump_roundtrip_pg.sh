#!/usr/bin/env bash
# The PostgreSQL schema dump against real databases, with psql and pg_dump
# as the oracles. For each schema of the corpus tests/golden/pg/*.sql:
#  - load it into database A; dump A with schemake (dump_driver);
#  - load that dump into a fresh database B with psql -v ON_ERROR_STOP=1:
#    pg_dump --schema-only of A and B are identical, and so are the
#    schemake dumps of A and B (and of A twice);
#  - load it as a non-superuser into a database that user owns: same again;
#  - the reader's settings (search_path, datestyle, time zone, ...) do not
#    change the dump;
#  - the dump is in canonical form (no SET, no owners, no \restrict, LF,
#    one trailing newline) and, on the server version the expected files
#    were made with, equal to tests/golden/pg/expected/<name>
#    (SK_GOLDEN_UPDATE=1 rewrites them).
# And for tests/golden/pg/reordered/<name>: the same schema made in another
# order (or by ALTERs) dumps byte-identically to <name>.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_pg_begin dump

driver=${SK_TEST_BIN:-$SK_BIN/../tests}/dump_driver
corpus=$SK_SOURCE_DIR/tests/golden/pg
[ -x "$driver" ] || { echo "no dump_driver at $driver"; exit 1; }

url() { echo "postgresql:///$1?host=$SK_PG_SOCKDIR&port=$SK_PG_PORT&user=${2:-$SK_PG_SUPERUSER}"; }

# newdb NAME [OWNER]: a fresh database, dropped at exit
newdb() {
	sk_psql postgres -c "CREATE DATABASE \"$1\"${2:+ OWNER $2}" >/dev/null
	SK_CLEANUP+=("sk_psql postgres -c 'DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)'")
}

# load DB FILE [ROLE]: psql stopping at the first error
load() {
	psql -X -q -v ON_ERROR_STOP=1 -h "$SK_PG_SOCKDIR" -p "$SK_PG_PORT" -U "${3:-$SK_PG_SUPERUSER}" \
		-d "$1" -f "$2"
}

# same_file A B WHAT
same_file() {
	if cmp -s "$1" "$2"; then
		sk_pass
	else
		RC=1 OUT=$(diff -u "$1" "$2" | head -40) ERR=''
		sk_fail "$3"
	fi
}

server_major=$(sk_psql postgres -Atc "SELECT current_setting('server_version_num')::int / 10000")
golden_major=15
n=0
for f in "$corpus"/*.sql; do
	name=$(basename "$f" .sql)
	n=$((n + 1))
	a="${PGDB}_a$n" b="${PGDB}_b$n" c="${PGDB}_c$n"
	newdb "$a"
	newdb "$b"
	newdb "$c" sk_user

	run load "$a" "$f"
	expect_rc 0 "$name: the corpus file loads"
	"$driver" "$(url "$a")" >"$name.a.sql" 2>"$name.a.err"
	RC=$? OUT='' ERR=$(cat "$name.a.err")
	expect_rc 0 "$name: dump A"
	"$driver" "$(url "$a")" >"$name.a2.sql"
	same_file "$name.a.sql" "$name.a2.sql" "$name: dumping twice gives the same bytes"

	# canonical form
	run grep -nE $'^(SET |SELECT pg_catalog.set_config|\\\\)|OWNER TO|\r' "$name.a.sql"
	expect_rc 1 "$name: no SET, owner, psql meta-command or CR in the dump"
	expect_eq "$(tail -c 1 "$name.a.sql" | od -An -c | tr -d ' ')" '\n' "$name: ends with a newline"
	expect_eq "$(tail -c 2 "$name.a.sql" | od -An -c | tr -d ' ')" ';\n' "$name: exactly one trailing newline"
	run grep -c 'schemake_migrations' "$name.a.sql"
	expect_eq "$OUT" 0 "$name: the history table is left out"

	# the dump loads into an empty database, and gives the same schema
	run load "$b" "$name.a.sql"
	expect_rc 0 "$name: the dump loads into an empty database"
	[ "$RC" -eq 0 ] || echo "$ERR" | head -5 >&2
	sk_pg_schema "$a" >"$name.pgdump.a"
	sk_pg_schema "$b" >"$name.pgdump.b"
	same_file "$name.pgdump.a" "$name.pgdump.b" "$name: pg_dump of A and of B are identical"
	"$driver" "$(url "$b")" >"$name.b.sql"
	same_file "$name.a.sql" "$name.b.sql" "$name: dumping B gives the dump of A"

	# a non-superuser owning the database loads it too
	run load "$c" "$name.a.sql" sk_user
	expect_rc 0 "$name: the dump loads as the owner of the database (not a superuser)"
	[ "$RC" -eq 0 ] || echo "$ERR" | head -5 >&2
	sk_pg_schema "$c" >"$name.pgdump.c"
	same_file "$name.pgdump.a" "$name.pgdump.c" "$name: pg_dump after loading as the owner is identical"
	"$driver" "$(url "$c")" >"$name.c.sql"
	same_file "$name.a.sql" "$name.c.sql" "$name: dumping it gives the dump of A"

	# golden output
	exp=$corpus/expected/$name.sql
	if [ "${SK_GOLDEN_UPDATE:-}" = 1 ] && [ "$server_major" = "$golden_major" ]; then
		mkdir -p "$corpus/expected"
		cp "$name.a.sql" "$exp"
	fi
	if [ "$server_major" = "$golden_major" ]; then
		same_file "$exp" "$name.a.sql" "$name: the dump is tests/golden/pg/expected/$name.sql"
	fi

	# the same schema made in another order
	if [ -f "$corpus/reordered/$name.sql" ]; then
		r="${PGDB}_r$n"
		newdb "$r"
		run load "$r" "$corpus/reordered/$name.sql"
		expect_rc 0 "$name: the reordered file loads"
		"$driver" "$(url "$r")" >"$name.r.sql"
		same_file "$name.a.sql" "$name.r.sql" "$name: made in another order, the dump is the same"
		sk_pg_schema "$r" >"$name.pgdump.r"
		same_file "$name.pgdump.a" "$name.pgdump.r" "$name: (and so is pg_dump's)"
	fi
	# the reader's session settings do not change a byte
	sk_psql postgres -c "ALTER DATABASE \"$a\" SET search_path = app, public" \
		-c "ALTER DATABASE \"$a\" SET datestyle = 'SQL, DMY'" -c "ALTER DATABASE \"$a\" SET timezone = 'Asia/Tokyo'" \
		-c "ALTER DATABASE \"$a\" SET intervalstyle = 'sql_standard'" \
		-c "ALTER DATABASE \"$a\" SET quote_all_identifiers = on" \
		-c "ALTER DATABASE \"$a\" SET extra_float_digits = 0" -c "ALTER DATABASE \"$a\" SET bytea_output = 'escape'" \
		>/dev/null
	"$driver" "$(url "$a")" >"$name.a3.sql"
	same_file "$name.a.sql" "$name.a3.sql" "$name: other session settings give the same dump"

	sk_psql postgres -c "DROP DATABASE \"$a\" WITH (FORCE)" -c "DROP DATABASE \"$b\" WITH (FORCE)" \
		-c "DROP DATABASE \"$c\" WITH (FORCE)" >/dev/null
done
expect_eq "$([ "$n" -ge 5 ] && echo yes)" yes "the corpus has its files"

# --history keeps the history table
newdb "${PGDB}_h"
sk_psql "${PGDB}_h" -c "CREATE TABLE schemake_migrations (version text PRIMARY KEY)" >/dev/null
run "$driver" "$(url "${PGDB}_h")" --history
expect_in "$OUT" "CREATE TABLE public.schemake_migrations" "--history dumps the history table"
run "$driver" "$(url "${PGDB}_h")"
expect_eq "$OUT" "" "without --history an otherwise empty database dumps as nothing"

sk_end
