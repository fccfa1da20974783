#!/usr/bin/env bash
# valgrind memcheck over a representative set of CLI commands (every tool,
# the migrate verbs on SQLite and PostgreSQL, success and error paths),
# against a build without sanitizers: no memory error and no definite leak
# (--error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite).
# Skips when valgrind is missing or the tools are built with ASan.
# shellcheck source=tests/reliability/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
export SCHEMAKE_CLUSTER_DIR=/proc/schemake-no-cluster
if ! command -v valgrind >/dev/null 2>&1; then
	echo "SKIP: valgrind is not installed (apt-get install valgrind)"
	exit 0
fi
if ldd "$SK_BIN/schemake-migrate" 2>/dev/null | grep -q libasan; then
	echo "SKIP: the tools are built with AddressSanitizer; valgrind needs the plain build (preset ci)"
	exit 0
fi
# The short form (ctest) runs the commands marked "vg"; `just soak` sets
# SK_REL_VALGRIND_FULL=1 and runs the "vgx" ones too.
full=${SK_REL_VALGRIND_FULL:-}
ncmd=0
# vgx RC CMD...: vg in the long form only
vgx() { if [ -n "$full" ]; then vg "$@"; fi; }
# vgs RC CMD...: a step the others need: vg in the long form, else plainly
vgs() { if [ -n "$full" ]; then vg "$@"; else shift; "$@" >/dev/null 2>&1; fi; }
# vg RC CMD...: runs CMD under memcheck; expects exit RC and a clean report.
vg() {
	local want=$1 logs
	shift
	rm -f vg.*.log
	run valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--show-leak-kinds=definite --track-fds=no --log-file="$SK_WORK/vg.%p.log" "$@"
	ncmd=$((ncmd + 1))
	logs=$(cat vg.*.log 2>/dev/null)
	if [ "$RC" -eq "$want" ] && [ -z "$logs" ]; then
		sk_pass
	else
		ERR="$ERR
$logs"
		sk_fail "valgrind: $* (expected exit $want)"
	fi
}

mkdir -p migrations seeds
cat >migrations/20240101000000_users.sql <<'SQL'
-- migrate:up
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE, note text);
CREATE INDEX users_note_idx ON users (note);
CREATE VIEW user_emails AS SELECT email FROM users;
-- migrate:down
DROP VIEW user_emails;
DROP TABLE users;
SQL
cat >migrations/20240102000000_items.sql <<'SQL'
-- migrate:up transaction:false
CREATE TABLE items (id integer PRIMARY KEY, owner integer REFERENCES users (id), title text DEFAULT 'x');
-- migrate:down
DROP TABLE items;
SQL
printf "INSERT INTO users (id, email) VALUES (1, 'a@example.com');\n" >seeds/01.sql
schemake-migrate -u sqlite::memory: hash >/dev/null

# --- SQLite -------------------------------------------------------------------
export DATABASE_URL=sqlite:app.db
vgx 0 schemake-migrate new "add notes"
vgs 0 schemake-migrate hash
vgx 0 schemake-migrate upgrade --dry-run
vg 0 schemake-migrate upgrade
vgx 0 schemake-migrate status
vg 0 schemake-migrate status --json
vgx 0 schemake-migrate current --json
vgx 0 schemake-migrate history --json
vgx 0 schemake-migrate heads
vgx 0 schemake-migrate show 20240101
vgx 0 schemake-migrate verify
vg 0 schemake-dump -o schema.sql --json-output schema.json
vgx 0 schemake-dump --from-migrations migrations --with-versions
vgx 0 schemake-dump --from-snapshot schema.json
vg 0 schemake-codegen --from-snapshot schema.json -t all -o gen
vgx 0 schemake-codegen -t c --name app -o gen
vg 0 schemake-prepare-init schema.sql -o init.sql
vg 0 schemake-reset --dry-run --migrate --seed
vgx 0 schemake-reset --yes --migrate --seed -q
vgx 0 schemake migrate status
vg 0 schemake-migrate downgrade -2
vgx 0 schemake-migrate stamp head
# error paths
vgx 2 schemake-migrate upgrade 2099
vgx 2 schemake-migrate bogus
vg 3 schemake-migrate -u 'mysql://u:pw@h/db' status
vgx 7 schemake-migrate -d no/such/dir status
printf -- '-- migrate:up\nINSERT INTO nowhere VALUES (1);\n' >migrations/20990101000000_broken.sql
vgx 5 schemake-migrate upgrade
vgs 0 schemake-migrate hash
vg 4 schemake-migrate upgrade
printf -- "-- migrate:up\nSELECT 'open;\n" >migrations/20990102000000_bad.sql
vgx 5 schemake-dump --from-migrations migrations
rm migrations/2099*
vgs 0 schemake-migrate hash
vgx 5 schemake-codegen --from-snapshot init.sql -t all -o gen
printf 'CREATE TABLE a (x int)\n\\connect other\n;\n' >bad_dump.sql
vgx 5 schemake-prepare-init bad_dump.sql
vgx 8 schemake-reset --migrate </dev/null

# --- PostgreSQL ------------------------------------------------------------------------
if [ -n "${SK_TEST_PG_ENV:-}" ] && [ -f "$SK_TEST_PG_ENV" ]; then
	sk_pg_begin vg
	export DATABASE_URL=$PGURL
	vg 0 schemake-migrate upgrade
	vg 0 schemake-migrate status --json
	vgx 0 schemake-migrate history
	vgx 0 schemake-migrate downgrade -1
	vgx 0 schemake-migrate upgrade --single-transaction
	vgx 0 schemake-dump -o pg.sql --json-output pg.json
	vg 0 schemake-dump --from-migrations migrations
	vg 0 schemake-codegen -t all -o pggen
	pg_dump --schema-only -h "$SK_PG_SOCKDIR" -p "$SK_PG_PORT" -U "$SK_PG_SUPERUSER" "$PGDB" >pg_dump.sql
	vgx 0 schemake-prepare-init --strip-grants pg_dump.sql -o pg_init.sql
	vg 0 schemake-reset --dry-run --migrate
	vgx 0 schemake-reset --yes --objects-only --migrate --seed -q
	vgx 0 schemake-reset --yes --migrate -q
	vg 3 schemake-migrate -u "postgresql://sk_pw:wrong@127.0.0.1:$SK_PG_PORT/$PGDB" status
	vgx 3 schemake-dump -u "postgresql://u@127.0.0.1:1/db"
	# the migration lock held by another session: a lock timeout
	sk_psql "$PGDB" -c "SELECT pg_advisory_lock(x'736b6d6967726174'::bigint), pg_sleep(20)" >/dev/null 2>&1 &
	holder=$!
	for _ in $(seq 1 50); do
		[ "$(sk_psql "$PGDB" -At -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" = 1 ] && break
		sleep 0.1
	done
	vg 6 schemake-migrate downgrade --lock-timeout 100
	kill "$holder" 2>/dev/null
	sk_psql postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$PGDB' AND pid <> pg_backend_pid()" >/dev/null
else
	echo "SKIP: the PostgreSQL commands (no fixture)"
fi
echo "valgrind: $ncmd commands"
[ -n "${SK_REL_REPORT:-}" ] && echo "valgrind commands=$ncmd failed=$SK_FAILED" >>"$SK_REL_REPORT"
sk_end
