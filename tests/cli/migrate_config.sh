#!/usr/bin/env bash
# Where the database comes from (flag > DATABASE_URL > .env > schemake.ini),
# passwords from every channel, and connection errors that are one line and
# never contain the password. Needs the PostgreSQL fixture.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_pg_begin cfg
sk_psql postgres -c "GRANT ALL ON DATABASE \"$PGDB\" TO sk_pw" >/dev/null
sk_psql "$PGDB" -c "GRANT ALL ON SCHEMA public TO sk_pw" >/dev/null
pw=$SK_PG_PW_PASSWORD # S3cr%t pa:ss@word
enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$pw")

sk_mig migrations 20240101000000 one <<'SQL'
-- migrate:up
CREATE TABLE one (id integer);
-- migrate:down
DROP TABLE one;
SQL

no_secret() { # TEXT WHAT
	expect_not_in "$1" "$pw" "$2: no password"
	expect_not_in "$1" "S3cr" "$2: no part of the password"
	expect_not_in "$1" "wrongpass" "$2: no wrong password"
}

# Precedence, shown with SQLite files: each level wins over the next.
printf '[database]\nurl = sqlite:ini.db\n' >schemake.ini
run schemake-migrate upgrade
expect_rc 0 "schemake.ini url"
[ -f ini.db ] && sk_pass || sk_fail "schemake.ini url used"
printf 'DATABASE_URL=sqlite:dotenv.db # the .env one\n' >.env
run schemake-migrate upgrade
[ -f dotenv.db ] && sk_pass || sk_fail ".env beats schemake.ini"
DATABASE_URL=sqlite:env.db run schemake-migrate upgrade
[ -f env.db ] && sk_pass || sk_fail "DATABASE_URL beats .env"
DATABASE_URL=sqlite:env.db run schemake-migrate upgrade --database-url sqlite:flag.db
[ -f flag.db ] && sk_pass || sk_fail "--database-url beats DATABASE_URL"
mkdir -p other/migrations && cp migrations/* other/migrations/
run schemake-migrate -C other upgrade --database-url sqlite:other.db
[ -f other/other.db ] || [ -f other.db ] && sk_pass || sk_fail "-C runs in the project dir"
rm -f .env schemake.ini

# PostgreSQL over TCP with password authentication, password from each channel.
host_url="postgresql://sk_pw@127.0.0.1:$SK_PG_PORT/$PGDB"
run schemake-migrate status --database-url "postgresql://sk_pw:$enc@127.0.0.1:$SK_PG_PORT/$PGDB"
expect_rc 0 "password in the URL (percent-encoded)"
no_secret "$OUT$ERR" "URL password"
printf '%s\n' "$pw" >pw.txt
chmod 600 pw.txt
run schemake-migrate status --database-url "$host_url" --password-file pw.txt
expect_rc 0 "password file (literal %, spaces, colon, at)"
no_secret "$OUT$ERR" "password file"
expect_not_in "$ERR" "readable by other users" "no warning for a private password file"
chmod 644 pw.txt
run schemake-migrate status --database-url "$host_url" --password-file pw.txt
expect_rc 0 "world-readable password file still works"
expect_in "$ERR" "warning: password file" "warns about a world-readable password file"
no_secret "$ERR" "password file warning"
chmod 600 pw.txt
mkdir -p secrets && cp pw.txt secrets/postgres_password.txt
printf '[database]\nurl = %s\npassword_file = secrets/postgres_password.txt\n' "$host_url" >schemake.ini
run schemake-migrate upgrade
expect_rc 0 "password_file from schemake.ini"
no_secret "$OUT$ERR" "ini password file"
expect_eq "$(sk_psql "$PGDB" -At -c 'SELECT count(*) FROM schemake_migrations')" "1" "upgrade over TCP applied"
rm schemake.ini
PGPASSWORD=$pw run schemake-migrate status --database-url "$host_url"
expect_rc 0 "PGPASSWORD from libpq's environment"
printf "DATABASE_URL='postgresql://sk_pw:%s@127.0.0.1:%s/%s'\n" "$enc" "$SK_PG_PORT" "$PGDB" >.env
run schemake-migrate status
expect_rc 0 "URL with password from .env"
no_secret "$OUT$ERR" ".env password"
rm .env
mkdir -p home
printf '127.0.0.1:%s:*:sk_pw:%s\n' "$SK_PG_PORT" "$(printf '%s' "$pw" | sed 's/[\\:]/\\&/g')" >home/.pgpass
chmod 600 home/.pgpass
HOME=$PWD/home run schemake-migrate status --database-url "$host_url"
expect_rc 0 "~/.pgpass supplies the password"
printf '[skservice]\nhost=127.0.0.1\nport=%s\nuser=sk_pw\ndbname=%s\n' "$SK_PG_PORT" "$PGDB" >services.conf
PGSERVICEFILE=$PWD/services.conf PGPASSWORD=$pw run schemake-migrate status --database-url "service=skservice"
expect_rc 0 "PGSERVICE-style service= keyword string"
PGSERVICEFILE=$PWD/services.conf PGSERVICE=skservice PGPASSWORD=$pw run schemake-migrate status --database-url "postgresql://"
expect_rc 0 "PGSERVICE from the environment"
PGHOST=$SK_PG_SOCKDIR PGPORT=$SK_PG_PORT PGUSER=$SK_PG_SUPERUSER PGDATABASE=$PGDB run schemake-migrate status --database-url "postgresql://"
expect_rc 0 "PGHOST/PGPORT/PGUSER/PGDATABASE fill an empty URL"

# Errors: one line, exit 3, no password.
run schemake-migrate status --database-url "postgresql://sk_pw:wrongpass@127.0.0.1:$SK_PG_PORT/$PGDB"
expect_rc 3 "wrong password"
expect_one_line "$ERR" "wrong password"
expect_in "$ERR" "password authentication failed" "wrong password message"
no_secret "$ERR" "wrong password"
expect_in "$ERR" "****" "wrong password: URL masked"
run schemake-migrate status --database-url "postgresql://sk_pw:$enc@127.0.0.1:1/$PGDB"
expect_rc 3 "unreachable server"
expect_one_line "$ERR" "unreachable server"
no_secret "$ERR" "unreachable server"
run schemake-migrate status --database-url "postgresql://sk_pw:$enc@127.0.0.1:$SK_PG_PORT/no_such_db_here"
expect_rc 3 "missing database"
expect_one_line "$ERR" "missing database"
expect_in "$ERR" "no_such_db_here" "missing database named"
no_secret "$ERR" "missing database"
printf '[database]\nurl = %s\npassword_file = secrets/nope.txt\n' "$host_url" >schemake.ini
run schemake-migrate status
expect_rc 3 "missing password_file"
expect_one_line "$ERR" "missing password_file"
expect_in "$ERR" "secrets/nope.txt" "missing password_file named"
rm schemake.ini
run schemake-migrate status --database-url "mysql://root:topsecret@host/db"
expect_rc 3 "unsupported scheme"
expect_one_line "$ERR" "unsupported scheme"
expect_not_in "$ERR" "topsecret" "unsupported scheme hides the password"
run schemake-migrate status --database-url "sqlite:/nonexistent/dir/app.db"
expect_rc 3 "sqlite file in a missing directory"
expect_one_line "$ERR" "sqlite missing directory"
printf 'garbage that is not a database, at least 100 bytes long ...........................................\n' >notadb.db
run schemake-migrate status --database-url "sqlite:notadb.db"
expect_rc 3 "not a SQLite database"
expect_one_line "$ERR" "not a SQLite database"

# Lock timeout: another session holds the migration lock.
export DATABASE_URL="$PGURL"
sk_psql "$PGDB" -c "SELECT pg_advisory_lock(8316861436344295796); SELECT pg_sleep(4)" >/dev/null &
holder=$!
SK_CLEANUP+=("kill $holder")
# (on a loaded machine the holder can take a while to connect)
for _ in $(seq 1 100); do
	[ "$(sk_psql "$PGDB" -At -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ] && break
	sleep 0.05
done
sk_mig migrations 20240102000000 two <<'SQL'
-- migrate:up
CREATE TABLE two (id integer);
-- migrate:down
DROP TABLE two;
SQL
run schemake-migrate upgrade --lock-timeout 500
expect_rc 6 "lock timeout"
expect_in "$ERR" "waiting" "says that it waits"
expect_in "$ERR" "timed out" "says that it timed out"
run schemake-migrate upgrade --lock-timeout 20000
expect_rc 0 "waits for the lock, then applies"
expect_in "$ERR" "waiting" "said that it waited"
wait "$holder" 2>/dev/null
expect_eq "$(sk_psql "$PGDB" -At -c 'SELECT count(*) FROM schemake_migrations')" "2" "applied after waiting"

# SQLite: a writer holds the database; upgrade times out, then succeeds.
export DATABASE_URL="sqlite:locked.db"
python3 -c 'import sqlite3, time; c = sqlite3.connect("locked.db", isolation_level=None); c.execute("BEGIN IMMEDIATE"); c.execute("CREATE TABLE hold (x)"); open("locked.db.held", "w").close(); time.sleep(3); c.execute("COMMIT")' &
holder=$!
for _ in $(seq 1 100); do [ -f locked.db.held ] && break; sleep 0.05; done
run schemake-migrate upgrade --lock-timeout 300
expect_rc 6 "sqlite lock timeout"
expect_in "$ERR" "waiting" "sqlite: says that it waits"
wait "$holder"
run schemake-migrate upgrade
expect_rc 0 "sqlite upgrade after the writer is done"


# The directory is read while the connection is made (db/open.c); a bad
# directory is still the error reported, and it leaves no trace.
unset DATABASE_URL
run schemake-migrate -u "postgresql://nobody@127.0.0.1:1/nowhere" -d no/such/dir upgrade
expect_rc 7 "bad directory beats an unreachable server"
expect_in "$ERR" "migrations directory 'no/such/dir' does not exist" "names the directory, not the server"
expect_one_line "$ERR" "bad directory with an unreachable server"
run schemake-migrate -u "postgresql://nobody@127.0.0.1:1/nowhere" status
expect_rc 3 "unreachable server, good directory: a connection error"
expect_one_line "$ERR" "connection error"
run schemake-migrate -u sqlite:never.db -d no/such/dir status
expect_rc 7 "bad directory, new SQLite file"
[ ! -e never.db ] && sk_pass || sk_fail "a failed run creates no SQLite file"
run schemake-migrate -u sqlite:never.db -d no/such/dir stamp head
expect_rc 7 "stamp: bad directory, new SQLite file"
[ ! -e never.db ] && sk_pass || sk_fail "a failed stamp creates no SQLite file"
run schemake-migrate -u sqlite:locked.db upgrade
before=$(sqlite3 locked.db 'SELECT count(*) FROM schemake_migrations')
run schemake-migrate -u sqlite:locked.db -d not_a_dir_either upgrade
expect_rc 7 "bad directory, existing SQLite file"
expect_eq "$(sqlite3 locked.db 'SELECT count(*) FROM schemake_migrations')" "$before" "existing file untouched"
run schemake-migrate -u sqlite:locked.db status
expect_rc 0 "status on the existing file (opened early)"
expect_in "$OUT" "20240101000000" "status lists the migration"

sk_end
