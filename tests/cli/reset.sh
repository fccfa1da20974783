#!/usr/bin/env bash
# schemake-reset on a real database: $1 is sqlite or pg. Every refusal leaves
# a marker row in place; every mode is checked with the database itself
# (psql / sqlite3, pg_dump, schemake-migrate status) as the oracle.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_use_dialect "${1:-sqlite}" reset

if [ "$dialect" = pg ]; then
	cp -r "$SK_SOURCE_DIR/migrations" migrations
	# objects outside the system schemas
	count_objects() {
		sql "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		     WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'"
	}
	db_id() { sk_psql postgres -At -c "SELECT oid FROM pg_database WHERE datname = '$PGDB'"; }
else
	sk_mig migrations 20240101000000 users <<'SQL'
-- migrate:up
CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL);
CREATE INDEX users_name_idx ON users (display_name);
-- migrate:down
DROP TABLE users;
SQL
	sk_mig migrations 20240102000000 items <<'SQL'
-- migrate:up
CREATE TABLE items (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES users (id), title TEXT NOT NULL);
CREATE VIEW item_titles AS SELECT title FROM items;
CREATE TABLE audit (note TEXT);
CREATE TRIGGER items_audit AFTER INSERT ON items BEGIN INSERT INTO audit VALUES ('item'); END;
-- migrate:down
DROP TRIGGER items_audit; DROP TABLE audit; DROP VIEW item_titles; DROP TABLE items;
SQL
	count_objects() { sql "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"; }
	db_id() { stat -c %i app.db; }
fi
schemake-migrate hash >/dev/null
# The schema to compare: pg_dump's output is in a stable order; sqlite3 .schema
# lists objects in creation order, so for SQLite it is compared as a set of lines.
if [ "$dialect" = pg ]; then
	schema_set() { schema; }
else
	schema_set() { schema | sort; }
fi

mkdir -p seeds seeds_bad
cat >seeds/01_users.sql <<'SQL'
-- two users
INSERT INTO users (email, display_name) VALUES ('one@example.com', 'One');
INSERT INTO users (email, display_name) VALUES ('two@example.com', 'Two');
SQL
cat >seeds/02_items.sql <<'SQL'
INSERT INTO items (owner_id, title) SELECT id, 'thing' FROM users WHERE email = 'one@example.com';
SQL
cp seeds/01_users.sql seeds_bad/01_users.sql
cat >seeds_bad/02_bad.sql <<'SQL'
INSERT INTO items (owner_id, title) SELECT id, 'thing' FROM users WHERE email = 'one@example.com';

INSERT INTO no_such_table VALUES (1);
SQL

# A migrated database with a marker row: refusals must leave it.
migrated_with_marker() {
	schemake-migrate upgrade -q >/dev/null || sk_fail "upgrade for the marker"
	sql "INSERT INTO users (email, display_name) VALUES ('marker@example.com', 'Marker')" >/dev/null
}
marker() { sql "SELECT count(*) FROM users WHERE email = 'marker@example.com'" 2>/dev/null || echo none; }
migrated_with_marker
expect_eq "$(marker)" "1" "the marker row is there"

# --- help and usage -----------------------------------------------------------
run schemake-reset --help
expect_rc 0 "--help"
expect_in "$OUT" "--force-disconnect" "--help lists the options"
expect_in "$OUT" "Examples:" "--help has examples"
expect_in "$OUT" "Exit codes:" "--help lists the exit codes"
run schemake-reset --version
expect_in "$OUT" "schemake-reset " "--version"
run schemake-reset --yes --migrate --from-dump x.sql
expect_rc 2 "--migrate and --from-dump exclude each other"
run schemake-reset --objects-only --seed-only
expect_rc 2 "--objects-only and --seed-only exclude each other"
run schemake-reset --seed-only --migrate
expect_rc 2 "--seed-only takes no --migrate"
run schemake-reset --bogus
expect_rc 2 "unknown option"

# --- refusals ------------------------------------------------------------------
run schemake-reset --migrate </dev/null
expect_rc 8 "no --yes and no terminal: refused"
expect_in "$ERR" "standard input is not a terminal" "the refusal says why"
expect_in "$ERR" "--yes" "the refusal says how to confirm"
expect_in "$ERR" "about to destroy" "the notice comes first"
expect_eq "$(marker)" "1" "refused without --yes: the marker survives"

if command -v script >/dev/null; then
	name=$([ "$dialect" = pg ] && echo "$PGDB" || echo app.db)
	run script -qec "schemake-reset" /dev/null <<<"not-the-name"
	expect_in "$OUT" "not confirmed" "a wrong name on the terminal is a refusal"
	expect_eq "$(marker)" "1" "wrong name typed: the marker survives"
	run script -qec "schemake-reset --migrate" /dev/null <<<"$name"
	expect_in "$OUT" "Type the database's name ($name)" "the terminal asks for the name"
	expect_eq "$(marker)" "0" "the right name typed: the database was reset"
	migrated_with_marker
fi

printf '[database]\nprotected = true\n' >schemake.ini
run schemake-reset --yes --migrate
expect_rc 8 "protected by schemake.ini: refused even with --yes"
expect_in "$ERR" "protected = true in schemake.ini" "the refusal names the rule"
expect_in "$ERR" "--force" "the refusal says how to override"
run schemake-reset --seed-only
expect_rc 8 "protected: --seed-only refused too"
expect_eq "$(marker)" "1" "protected: the marker survives"
rm schemake.ini

SCHEMAKE_ENV=production run schemake-reset --yes
expect_rc 8 "SCHEMAKE_ENV=production: refused even with --yes"
expect_in "$ERR" "SCHEMAKE_ENV=production" "the refusal names the rule"
expect_eq "$(marker)" "1" "production: the marker survives"
echo 'SCHEMAKE_ENV=production' >.env
run schemake-reset --yes
expect_rc 8 "SCHEMAKE_ENV=production in .env: refused"
expect_in "$ERR" "SCHEMAKE_ENV=production in .env" "the refusal names .env"
run schemake-reset --yes --force
expect_rc 0 "--force overrides protection"
expect_eq "$(marker)" "none" "--force: the database was reset"
rm .env
migrated_with_marker

# A bad input destroys nothing: inputs are read before anything is dropped.
run schemake-reset --yes --from-dump missing.sql
expect_rc 7 "missing dump file"
expect_in "$ERR" "missing.sql" "the missing dump is named"
expect_eq "$(marker)" "1" "missing dump: the marker survives"
printf 'INSERT INTO users VALUES (1);\nBEGIN;\n' >seeds_tx.sql
mkdir -p seeds_tx && mv seeds_tx.sql seeds_tx/01.sql
run schemake-reset --yes --migrate --seed --seeds-dir seeds_tx
expect_rc 5 "transaction control in a seed file"
expect_in "$ERR" "seeds_tx/01.sql:2:1" "it is located"
expect_eq "$(marker)" "1" "bad seed file: the marker survives"
run schemake-reset --yes --seed --seeds-dir no_such_dir
expect_rc 7 "missing seeds directory"
expect_eq "$(marker)" "1" "missing seeds directory: the marker survives"

# --- dry run -------------------------------------------------------------------
before=$(schema_set)
run schemake-reset --dry-run --migrate --seed
expect_rc 0 "--dry-run"
expect_in "$OUT" "would apply" "--dry-run tells the migrations"
expect_in "$OUT" "would run 2 seed files" "--dry-run tells the seeds"
expect_in "$OUT" "nothing was changed" "--dry-run says nothing changed"
expect_in "$ERR" "would destroy" "--dry-run shows the notice"
run schemake-reset --dry-run --objects-only
expect_rc 0 "--dry-run --objects-only"
expect_in "$OUT" "would run: DROP" "--dry-run lists the drops"
expect_eq "$(marker)" "1" "--dry-run: the marker survives"
expect_eq "$(schema_set)" "$before" "--dry-run: the schema is unchanged"

# --- the modes -----------------------------------------------------------------
run schemake-reset --yes
expect_rc 0 "plain reset"
expect_eq "$(count_objects)" "0" "plain reset: the database is empty"

run schemake-reset --yes --migrate
expect_rc 0 "reset --migrate"
expect_in "$OUT" "applied" "reset --migrate applies"
expect_eq "$(schema_set)" "$before" "reset --migrate: the schema is at head"
run schemake-migrate status --exit-code
expect_rc 0 "reset --migrate: status is clean"
expect_eq "$(marker)" "0" "reset --migrate: the marker is gone"

run schemake-reset --yes --migrate --seed
expect_rc 0 "reset --migrate --seed"
expect_in "$OUT" "seeded 3 statements from 2 files" "the seeds are reported"
expect_eq "$(sql 'SELECT count(*) FROM users')" "2" "the seeded users are there"
expect_eq "$(sql 'SELECT count(*) FROM items')" "1" "the seeded item is there"

run schemake-reset --yes --migrate --seed --seeds-dir seeds_bad
expect_rc 4 "a failing seed"
expect_in "$ERR" "seeds_bad/02_bad.sql:3:" "the error names the seed file and line"
expect_in "$ERR" "no_such_table" "the error says what failed"
expect_eq "$(printf '%s\n' "$ERR" | grep -c 'error:')" "1" "one error line"
expect_eq "$(sql 'SELECT count(*) FROM users')" "0" "a failing seed: no seed rows at all"
expect_eq "$(sql 'SELECT count(*) FROM items')" "0" "a failing seed: not the first file's either"

run schemake-reset --seed-only </dev/null
expect_rc 0 "--seed-only needs no confirmation"
expect_not_in "$ERR" "destroy" "--seed-only destroys nothing"
expect_eq "$(sql 'SELECT count(*) FROM users')" "2" "--seed-only loads the seeds"
run schemake-reset --seed-only --dry-run
expect_in "$OUT" "would run 2 seed files" "--seed-only --dry-run tells the seeds"
expect_eq "$(sql 'SELECT count(*) FROM users')" "2" "--seed-only --dry-run adds nothing"
run schemake-reset --seed-only --seeds-dir seeds_bad
expect_rc 4 "--seed-only with a failing seed"
expect_eq "$(sql 'SELECT count(*) FROM users')" "2" "--seed-only failing: nothing added"

# --from-dump with our own dump
schemake-dump -o ours.sql || sk_fail "schemake-dump"
run schemake-reset --yes --from-dump ours.sql --seed
expect_rc 0 "reset --from-dump (schemake-dump)"
expect_in "$OUT" "stamped" "the dump is stamped"
expect_eq "$(schema_set)" "$before" "--from-dump recreates the schema"
run schemake-migrate status --exit-code
expect_rc 0 "--from-dump: status shows head"
expect_eq "$(sql 'SELECT count(*) FROM users')" "2" "--from-dump --seed: seeded"

# --from-dump with the database's own dump tool
if [ "$dialect" = pg ]; then
	pg_dump --schema-only -h "$SK_PG_SOCKDIR" -p "$SK_PG_PORT" -U "$SK_PG_SUPERUSER" "$PGDB" >native.sql
	if grep -q '^\\restrict ' native.sql; then sk_pass; else sk_fail "pg_dump output has \\restrict"; fi
else
	sqlite3 app.db .dump >native.sql
	if grep -q '^BEGIN TRANSACTION;' native.sql; then sk_pass; else sk_fail "sqlite3 .dump output has BEGIN"; fi
fi
run schemake-reset --yes --from-dump native.sql
expect_rc 0 "reset --from-dump (native dump)"
expect_eq "$(schema_set)" "$before" "native dump: the schema is recreated"
run schemake-migrate status --exit-code
expect_rc 0 "native dump: status shows head"
run schemake-migrate upgrade
expect_in "$OUT" "nothing to apply" "native dump: nothing left to apply"

printf 'CREATE TABLE ok_table (a integer);\nCREATE TABLE broken (a no_such_type;\n' >broken.sql
run schemake-reset --yes --from-dump broken.sql
expect_rc 4 "a failing dump"
expect_in "$ERR" "broken.sql:2:" "the failing dump statement is located"
expect_eq "$(count_objects)" "0" "a failing dump is rolled back whole"

# --objects-only: the database itself stays
migrated_with_marker
id_before=$(db_id)
run schemake-reset --yes --objects-only
expect_rc 0 "--objects-only"
expect_eq "$(count_objects)" "0" "--objects-only: nothing left"
expect_eq "$(db_id)" "$id_before" "--objects-only: the same database"
run schemake-reset --yes --objects-only --migrate --seed
expect_rc 0 "--objects-only --migrate --seed"
expect_eq "$(schema_set)" "$before" "--objects-only --migrate: at head"
expect_eq "$(sql 'SELECT count(*) FROM users')" "2" "--objects-only --seed: seeded"

if [ "$dialect" = pg ]; then
	# Objects-only as the non-superuser owner (the usual drop-all case).
	owned=sk_owned_$$_$RANDOM
	sk_psql postgres -c "CREATE DATABASE \"$owned\" OWNER sk_user" >/dev/null
	SK_CLEANUP+=("sk_psql postgres -c 'DROP DATABASE IF EXISTS \"$owned\" WITH (FORCE)'")
	owned_url="postgresql:///$owned?host=$SK_PG_SOCKDIR&port=$SK_PG_PORT&user=sk_user"
	run schemake-migrate upgrade --database-url "$owned_url"
	expect_rc 0 "upgrade as sk_user"
	sk_psql "$owned" -c "SET ROLE sk_user; CREATE SCHEMA app; CREATE TABLE app.t (a int);" >/dev/null
	oid_owned=$(sk_psql postgres -At -c "SELECT oid FROM pg_database WHERE datname = '$owned'")
	run schemake-reset --yes --objects-only --database-url "$owned_url"
	expect_rc 0 "--objects-only as the non-superuser owner"
	expect_in "$ERR" "'app', 'public'" "the notice lists the schemas"
	expect_eq "$(sk_psql "$owned" -At -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'")" "0" "sk_user: everything dropped"
	expect_eq "$(sk_psql "$owned" -At -c "SELECT string_agg(nspname, ',') FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'")" "public" "only public is left"
	expect_eq "$(sk_psql "$owned" -At -c "SELECT pg_get_userbyid(nspowner) || ' ' || nspacl::text FROM pg_namespace WHERE nspname = 'public'")" \
		"pg_database_owner {pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}" "public is as a new database has it"
	expect_eq "$(sk_psql postgres -At -c "SELECT oid FROM pg_database WHERE datname = '$owned'")" "$oid_owned" "sk_user: the same database"
	run schemake-reset --yes --objects-only --migrate --database-url "$owned_url"
	expect_rc 0 "--objects-only --migrate as sk_user"
	run schemake-migrate status --exit-code --database-url "$owned_url"
	expect_rc 0 "sk_user: at head"
	run schemake-reset --yes --database-url "$owned_url"
	expect_rc 0 "sk_user may drop and recreate the database it owns"
	expect_eq "$(sk_psql postgres -At -c "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$owned'")" "sk_user" "recreated with its owner"

	# Another session on the database.
	migrated_with_marker
	psql -X -q -h "$SK_PG_SOCKDIR" -p "$SK_PG_PORT" -U sk_user -d "$PGDB" -c 'SELECT pg_sleep(30)' >/dev/null 2>&1 &
	sleeper=$!
	SK_CLEANUP+=("kill $sleeper")
	for _ in $(seq 50); do
		[ "$(sk_psql postgres -At -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$PGDB' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()")" = 1 ] && break
		sleep 0.1
	done
	run schemake-reset --yes --migrate
	expect_rc 8 "another session: refused"
	expect_in "$ERR" "1 other session is connected" "the refusal counts the sessions"
	expect_in "$ERR" "--force-disconnect" "the refusal says how to override"
	expect_eq "$(marker)" "1" "another session: the marker survives"
	run schemake-reset --yes --objects-only
	expect_rc 8 "another session: --objects-only refused too"
	run schemake-reset --yes --migrate --force-disconnect
	expect_rc 0 "--force-disconnect"
	expect_in "$ERR" "terminated" "the notice says the session is terminated"
	expect_eq "$(marker)" "0" "--force-disconnect: reset"
	if wait "$sleeper"; then sk_fail "the other session was terminated"; else sk_pass; fi

	# A password URL: the notice shows the database, never the password.
	pwdb=sk_pwdb_$$_$RANDOM
	sk_psql postgres -c "CREATE DATABASE \"$pwdb\" OWNER $SK_PG_PW_ROLE" >/dev/null
	SK_CLEANUP+=("sk_psql postgres -c 'DROP DATABASE IF EXISTS \"$pwdb\" WITH (FORCE)'")
	enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$SK_PG_PW_PASSWORD")
	run schemake-reset --yes --migrate --database-url "postgresql://$SK_PG_PW_ROLE:$enc@127.0.0.1:$SK_PG_PORT/$pwdb"
	expect_rc 0 "reset over a password URL"
	expect_in "$ERR" "about to destroy database '$pwdb'" "the notice names the database"
	expect_in "$ERR" "127.0.0.1" "the notice names the host"
	expect_in "$ERR" "$SK_PG_PW_ROLE:****@" "the notice masks the password"
	expect_not_in "$ERR$OUT" "$SK_PG_PW_PASSWORD" "no password in the output"
	expect_not_in "$ERR$OUT" "$enc" "no encoded password in the output"
	expect_not_in "$ERR$OUT" "S3cr" "not even part of it"
	# A database that does not exist yet is created without asking.
	newdb=sk_new_$$_$RANDOM
	SK_CLEANUP+=("sk_psql postgres -c 'DROP DATABASE IF EXISTS \"$newdb\" WITH (FORCE)'")
	run schemake-reset --migrate --database-url "postgresql:///$newdb?host=$SK_PG_SOCKDIR&port=$SK_PG_PORT&user=sk_user" </dev/null
	expect_rc 0 "a new database needs no confirmation"
	expect_in "$ERR" "does not exist yet" "the notice says so"
	expect_eq "$(sk_psql postgres -At -c "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$newdb'")" "sk_user" "created owned by the connecting role"

	run schemake-reset --yes --database-url "postgresql://$SK_PG_PW_ROLE:wrong@127.0.0.1:$SK_PG_PORT/$pwdb"
	expect_rc 3 "a wrong password is a connection error"
	expect_not_in "$ERR" "wrong" "a wrong password is not shown either"
else
	# Not an SQLite file: never deleted.
	echo "important notes" >notes.txt
	run schemake-reset --yes --database-url sqlite:notes.txt
	expect_rc 8 "a file that is not an SQLite database: refused"
	expect_eq "$(cat notes.txt)" "important notes" "the file is untouched"
	# Side files go with the database.
	: >app.db-wal
	: >app.db-shm
	: >app.db-journal
	run schemake-reset --yes
	expect_rc 0 "reset with side files"
	if [ ! -e app.db-wal ] && [ ! -e app.db-shm ] && [ ! -e app.db-journal ]; then sk_pass; else sk_fail "side files removed"; fi
	expect_in "$ERR" "about to destroy database file 'app.db'" "the notice names the file"
	run schemake-reset --yes --database-url sqlite::memory:
	expect_rc 2 "an in-memory database has nothing to reset"
	# A database that does not exist yet is created without asking.
	run schemake-reset --migrate --database-url sqlite:fresh.db </dev/null
	expect_rc 0 "a new database needs no confirmation"
	expect_in "$ERR" "does not exist yet" "the notice says so"
fi

sk_end
