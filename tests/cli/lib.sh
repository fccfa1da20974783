# Shared helpers for the CLI tests (bash). A test script sources this file,
# calls sk_begin, runs the built tools against real databases, asserts, and
# ends with sk_end, which prints "N passed, M failed" and sets the exit code.
#
# Environment (set by ctest): SK_BIN (built tools), SK_SOURCE_DIR,
# SK_TEST_TMP (scratch root), SK_TEST_PG_ENV (the PostgreSQL fixture's env file).

set -u
SK_PASSED=0
SK_FAILED=0
SK_CLEANUP=()

sk_begin() {
	local name
	name=$(basename "${BASH_SOURCE[1]}" .sh)
	mkdir -p "${SK_TEST_TMP:-/tmp}"
	SK_WORK=$(mktemp -d "${SK_TEST_TMP:-/tmp}/$name.XXXXXX")
	chmod 755 "$SK_WORK"
	cd "$SK_WORK" || exit 1
	trap sk_cleanup EXIT
	export PATH="$SK_BIN:$PATH"
	unset DATABASE_URL SCHEMAKE_ENV PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSERVICE
	export NO_COLOR=1
}

sk_cleanup() {
	local c
	for c in "${SK_CLEANUP[@]+"${SK_CLEANUP[@]}"}"; do
		eval "$c" >/dev/null 2>&1 || true
	done
	cd / && rm -rf "$SK_WORK"
}

# Loads the PostgreSQL fixture and creates a fresh database; sets PGURL (a
# URL for it) and PGDB, and psql_db to run SQL there. Dropped at exit.
sk_pg_begin() {
	[ -n "${SK_TEST_PG_ENV:-}" ] && [ -f "$SK_TEST_PG_ENV" ] || { echo "no PostgreSQL fixture"; exit 1; }
	# shellcheck disable=SC1090
	. "$SK_TEST_PG_ENV"
	PGDB="sk_${1:-t}_$$_$RANDOM"
	PGURL="postgresql:///$PGDB?host=$SK_PG_SOCKDIR&port=$SK_PG_PORT&user=$SK_PG_SUPERUSER"
	sk_psql postgres -c "CREATE DATABASE \"$PGDB\"" >/dev/null
	SK_CLEANUP+=("sk_psql postgres -c 'DROP DATABASE IF EXISTS \"$PGDB\" WITH (FORCE)'")
}

# sk_psql DB ARGS...: psql as the fixture's superuser, quiet, stopping on errors.
sk_psql() {
	local db=$1
	shift
	psql -X -q -v ON_ERROR_STOP=1 -h "$SK_PG_SOCKDIR" -p "$SK_PG_PORT" -U "$SK_PG_SUPERUSER" -d "$db" "$@"
}

# The schema of the test database as pg_dump shows it, without the history
# table and without \restrict lines (their key is random).
sk_pg_schema() {
	pg_dump --schema-only --no-owner -h "$SK_PG_SOCKDIR" -p "$SK_PG_PORT" -U "$SK_PG_SUPERUSER" \
		--exclude-table=schemake_migrations "${1:-$PGDB}" | grep -v '^\\\(un\)\?restrict '
}

sk_sqlite_schema() {
	sqlite3 "$1" .schema | awk '/^CREATE TABLE schemake_migrations/ { skip = 1 } !skip { print } skip && /\);$/ { skip = 0 }'
}

# sk_use_dialect sqlite|pg NAME: points DATABASE_URL at a fresh database of
# that dialect and defines sql QUERY (one value per line) and schema (the
# oracle's view of the schema: pg_dump or sqlite3 .schema).
sk_use_dialect() {
	dialect=${1:-sqlite}
	if [ "$dialect" = pg ]; then
		sk_pg_begin "${2:-t}"
		export DATABASE_URL="$PGURL"
		sql() { sk_psql "$PGDB" -At -c "$1"; }
		schema() { sk_pg_schema; }
	else
		export DATABASE_URL="sqlite:app.db"
		sql() { sqlite3 app.db "$1"; }
		schema() { sk_sqlite_schema app.db; }
	fi
}

# run CMD...: runs a command, capturing its exit status in RC, stdout in OUT
# and stderr in ERR.
run() {
	local o e
	o=$(mktemp) e=$(mktemp)
	"$@" >"$o" 2>"$e"
	RC=$?
	OUT=$(cat "$o")
	ERR=$(cat "$e")
	rm -f "$o" "$e"
}

sk_pass() { SK_PASSED=$((SK_PASSED + 1)); }
sk_fail() {
	SK_FAILED=$((SK_FAILED + 1))
	echo "FAIL: $*" >&2
	echo "  exit: ${RC:-?}" >&2
	echo "  stdout: ${OUT:-}" | head -20 >&2
	echo "  stderr: ${ERR:-}" | head -20 >&2
}

# expect_rc N WHAT: the last run exited with N.
expect_rc() {
	if [ "$RC" -eq "$1" ]; then sk_pass; else sk_fail "$2: expected exit $1, got $RC"; fi
}
# expect_in TEXT NEEDLE WHAT
expect_in() {
	case "$1" in
	*"$2"*) sk_pass ;;
	*) sk_fail "$3: expected to find '$2'" ;;
	esac
}
expect_not_in() {
	case "$1" in
	*"$2"*) sk_fail "$3: did not expect '$2'" ;;
	*) sk_pass ;;
	esac
}
expect_eq() {
	if [ "$1" == "$2" ]; then sk_pass; else sk_fail "$3: expected '$2', got '$1'"; fi
}
# expect_one_line TEXT WHAT: TEXT is exactly one line.
expect_one_line() {
	local n
	n=$(printf '%s' "$1" | grep -c '')
	if [ "$n" -eq 1 ]; then sk_pass; else sk_fail "$2: expected one line, got $n: $1"; fi
}

sk_end() {
	echo "$SK_PASSED passed, $SK_FAILED failed"
	[ "$SK_FAILED" -eq 0 ]
}

# A migration file: sk_mig DIR VERSION NAME <<'SQL' ... SQL
sk_mig() {
	mkdir -p "$1"
	cat >"$1/$2_$3.sql"
}
