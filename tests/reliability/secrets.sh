#!/usr/bin/env bash
# Secrets: every tool, verb and error path runs with the password given
# through each channel (the URL, password_file in schemake.ini, PGPASSWORD,
# DATABASE_URL in .env) against the fixture's role sk_pw (scram over
# 127.0.0.1). Everything they print, every file they write and the history
# table are searched for the password and for a wrong one tried on the
# error paths (raw, percent-encoded, and a fragment of each): zero hits. A
# password file readable by others gives a warning in every tool, and
# generated files hold no connection settings. Needs the PostgreSQL fixture.
# shellcheck source=tests/reliability/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_pg_begin sec
export SCHEMAKE_CLUSTER_DIR=/proc/schemake-no-cluster # never fall back to a development cluster
sk_psql postgres -c "ALTER DATABASE \"$PGDB\" OWNER TO sk_pw" >/dev/null
pw=$SK_PG_PW_PASSWORD # S3cr%t pa:ss@word
wrong='Wr0ng%Pa55:w@rd'
urlenc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
enc=$(urlenc "$pw")
wenc=$(urlenc "$wrong")
hostport="127.0.0.1:$SK_PG_PORT"
needles=("$pw" "$enc" "${pw:0:6}" "$wrong" "$wenc" "${wrong:0:6}")
log=$SK_WORK/output.log
: >"$log"
ncmd=0

# sec CMD...: runs a tool, keeps everything it printed for the search.
sec() {
	run "$@"
	ncmd=$((ncmd + 1))
	printf '$ %s\n%s\n%s\n' "$*" "$OUT" "$ERR" >>"$log"
}
# sec_ok CMD...: sec, expecting exit 0
sec_ok() {
	sec "$@"
	expect_rc 0 "$channel: $*"
}

# A project: migrations (one transaction:false), seeds, a schema dump.
make_project() {
	mkdir -p "$1/migrations" "$1/seeds" "$1/secrets" "$1/gen"
	cat >"$1/migrations/20240101000000_users.sql" <<'SQL'
-- migrate:up
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE);
-- migrate:down
DROP TABLE users;
SQL
	cat >"$1/migrations/20240102000000_items.sql" <<'SQL'
-- migrate:up
CREATE TABLE items (id integer PRIMARY KEY, owner integer REFERENCES users (id), title text);
CREATE TYPE mood AS ENUM ('ok', 'meh');
-- migrate:down
DROP TYPE mood;
DROP TABLE items;
SQL
	cat >"$1/migrations/20240103000000_index.sql" <<'SQL'
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY items_title_idx ON items (title);
-- migrate:down transaction:false
DROP INDEX CONCURRENTLY items_title_idx;
SQL
	printf "INSERT INTO users VALUES (1, 'one@example.com');\n" >"$1/seeds/01_users.sql"
	(cd "$1" && schemake-migrate -u sqlite::memory: hash >/dev/null)
}

# every command and verb, in a project configured for one channel
all_commands() {
	sec_ok schemake-migrate status
	sec_ok schemake-migrate upgrade
	sec_ok schemake-migrate current
	sec_ok schemake-migrate current --json
	sec_ok schemake-migrate history
	sec_ok schemake-migrate history --json
	sec_ok schemake-migrate status --json
	sec_ok schemake-migrate status --exit-code
	sec_ok schemake-migrate heads
	sec_ok schemake-migrate show
	sec_ok schemake-migrate show 20240102
	sec_ok schemake-migrate verify
	sec_ok schemake-migrate verify --offline
	sec_ok schemake-migrate downgrade --dry-run
	sec_ok schemake-migrate downgrade -2
	sec_ok schemake-migrate upgrade --dry-run
	sec_ok schemake-migrate up +1
	sec_ok schemake-migrate stamp base
	sec_ok schemake-migrate stamp head
	sec_ok schemake-migrate new "add notes"
	sec_ok schemake-migrate upgrade --single-transaction
	sec_ok schemake-migrate hash
	sec_ok schemake migrate status
	sec schemake-migrate server status
	sec_ok schemake-dump
	sec_ok schemake-dump -f json
	sec_ok schemake-dump -o gen/schema.sql --json-output gen/schema.json
	sec_ok schemake-dump --with-versions -o gen/versions.sql
	sec_ok schemake-dump --from-migrations migrations -o gen/replayed.sql
	sec_ok schemake-codegen -t all -o gen/code
	sec_ok schemake-codegen --from-snapshot gen/schema.json -t all -o gen/code2
	sec_ok schemake-prepare-init gen/schema.sql -o gen/init.sql
	sec_ok schemake-reset --dry-run --migrate --seed
	sec_ok schemake-reset --yes --migrate --seed
	sec_ok schemake-reset --yes --objects-only --migrate
	sec_ok schemake-reset --seed-only
	sec_ok schemake-reset --yes --from-dump gen/schema.sql
	sec_ok schemake-migrate status
	# error paths with the right password
	sec schemake-reset --migrate </dev/null
	expect_rc 8 "$channel: reset without confirmation"
	SCHEMAKE_ENV=production sec schemake-reset --yes --migrate
	expect_rc 8 "$channel: protected reset"
	sec schemake-migrate upgrade 29991231
	expect_rc 2 "$channel: unknown revision"
	printf -- '-- migrate:up\nCREATE TABLE broken (id int REFERENCES nowhere (id));\n' >migrations/29990101000000_broken.sql
	sec schemake-migrate hash
	sec schemake-migrate upgrade
	expect_rc 4 "$channel: failing migration"
	sec schemake-dump --from-migrations migrations
	expect_rc 4 "$channel: failing replay"
	# a lock held elsewhere: the upgrade times out
	sk_psql "$PGDB" -c "SELECT pg_advisory_lock(x'736b6d6967726174'::bigint), pg_sleep(5)" >/dev/null 2>&1 &
	local holder=$! _
	for _ in $(seq 1 50); do
		[ "$(sk_psql "$PGDB" -At -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" = 1 ] && break
		sleep 0.1
	done
	sec schemake-migrate upgrade --lock-timeout 200
	expect_rc 6 "$channel: lock timeout"
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
	rm migrations/29990101000000_broken.sql
	sec schemake-migrate hash
	sec schemake-dump -o no/such/dir/schema.sql
	expect_rc 7 "$channel: unwritable output"
}

# the same tools where the connection fails (SETUP configures the project)
failing_connection() { # WHAT
	local what=$1 cmds=("schemake-migrate status" "schemake-migrate upgrade" "schemake-dump" "schemake-codegen -t all -o gen/bad")
	# (schemake-reset creates a database that does not exist, and a scratch
	# database needs only the server)
	[ "$what" = "unknown database" ] ||
		cmds+=("schemake-reset --dry-run --migrate" "schemake-reset --yes --migrate" "schemake-dump --from-migrations migrations")
	for cmd in "${cmds[@]}"; do
		# shellcheck disable=SC2086
		sec $cmd
		expect_rc 3 "$channel: $what: $cmd"
		expect_one_line "$ERR" "$channel: $what: $cmd: one line"
	done
}

run_channel() { # NAME
	channel=$1
	local dir=$SK_WORK/$channel
	make_project "$dir"
	cd "$dir" || return
	sk_psql postgres -c "DROP DATABASE IF EXISTS \"$PGDB\" WITH (FORCE)" -c "CREATE DATABASE \"$PGDB\" OWNER sk_pw" >/dev/null
	unset DATABASE_URL PGPASSWORD
	case $channel in
	url) export DATABASE_URL="postgresql://sk_pw:$enc@$hostport/$PGDB" ;;
	password_file)
		printf '%s\n' "$pw" >secrets/pw.txt
		chmod 600 secrets/pw.txt
		printf '[database]\nurl = postgresql://sk_pw@%s/%s\npassword_file = secrets/pw.txt\n' "$hostport" "$PGDB" >schemake.ini
		;;
	pgpassword) export DATABASE_URL="postgresql://sk_pw@$hostport/$PGDB" PGPASSWORD=$pw ;;
	dotenv)
		printf 'DATABASE_URL=postgresql://sk_pw:%s@%s/%s\n' "$enc" "$hostport" "$PGDB" >.env
		chmod 600 .env
		;;
	esac
	all_commands
	# the masked URL is what is shown: the search below is not vacuous
	run schemake-reset --dry-run --migrate
	case $channel in
	url | dotenv) expect_in "$ERR" "sk_pw:****@$hostport" "$channel: the URL is shown masked" ;;
	esac

	# wrong settings: a closed port, an unknown database, a wrong password
	case $channel in
	url)
		export DATABASE_URL="postgresql://sk_pw:$enc@127.0.0.1:1/$PGDB"
		failing_connection "closed port"
		export DATABASE_URL="postgresql://sk_pw:$enc@$hostport/${PGDB}_missing"
		failing_connection "unknown database"
		export DATABASE_URL="postgresql://sk_pw:$wenc@$hostport/$PGDB"
		failing_connection "wrong password"
		sec schemake-migrate status --database-url "postgresql://sk_pw:$wenc@$hostport/$PGDB?sslmode=bogus"
		expect_rc 3 "url: invalid option with a password"
		sec schemake-migrate status --database-url "postgresq://sk_pw:$wenc@$hostport/$PGDB"
		expect_rc 3 "url: mistyped scheme with a password"
		;;
	password_file)
		printf '%s\n' "$wrong" >secrets/pw.txt
		failing_connection "wrong password"
		printf '[database]\nurl = postgresql://sk_pw@127.0.0.1:1/%s\npassword_file = secrets/pw.txt\n' "$PGDB" >schemake.ini
		failing_connection "closed port"
		# readable by others: every tool warns
		printf '%s\n' "$pw" >secrets/pw.txt
		printf '[database]\nurl = postgresql://sk_pw@%s/%s\npassword_file = secrets/pw.txt\n' "$hostport" "$PGDB" >schemake.ini
		chmod 644 secrets/pw.txt
		for cmd in "schemake-migrate status" "schemake-dump" "schemake-codegen -t dot -o gen/warn" "schemake-reset --dry-run --migrate"; do
			# shellcheck disable=SC2086
			sec $cmd
			expect_rc 0 "$cmd with a readable password file"
			expect_in "$ERR" "warning: password file '$dir/secrets/pw.txt' is readable by other users; 'chmod 600' it" "$cmd warns about a password file readable by others"
		done
		chmod 600 secrets/pw.txt
		;;
	pgpassword)
		export PGPASSWORD=$wrong
		failing_connection "wrong password"
		;;
	dotenv)
		printf 'DATABASE_URL=postgresql://sk_pw:%s@%s/%s\n' "$wenc" "$hostport" "$PGDB" >.env
		failing_connection "wrong password"
		printf 'DATABASE_URL=postgresql://sk_pw:%s@127.0.0.1:1/%s\n' "$enc" "$PGDB" >.env
		failing_connection "closed port"
		;;
	esac
	unset DATABASE_URL PGPASSWORD
	cd "$SK_WORK" || return
}

# SK_REL_CHANNELS: a subset (the asan preset takes two: the other two
# exercise the same code in the tools)
channels=${SK_REL_CHANNELS:-url password_file pgpassword dotenv}
for c in $channels; do
	run_channel "$c"
done

# The search. Inputs that hold a password on purpose are left out: .env,
# secrets/, schemake.ini (a URL there has none), our own log's commands.
hits() { # FILE...
	local n
	for n in "${needles[@]}"; do grep -lF -- "$n" "$@" 2>/dev/null; done | sort -u
}
RC=0 OUT="" ERR=""
found=$(grep -v '^\$ ' "$log" | hits /dev/stdin)
expect_eq "$found" "" "no password in the output of $ncmd commands"
# shellcheck disable=SC2046,SC2086
mapfile -t written < <(find $(printf "$SK_WORK/%s " $channels) -type f \
	! -name .env ! -path '*/secrets/*' ! -name schemake.ini)
expect_eq "$(hits "${written[@]}")" "" "no password in any of the ${#written[@]} files written"
sk_psql "$PGDB" -At -c "SELECT * FROM schemake_migrations" >history.txt
expect_eq "$(hits history.txt)" "" "no password in the history table"
sk_psql postgres -At -c "SELECT datname, application_name, query FROM pg_stat_activity" >activity.txt
expect_eq "$(hits activity.txt)" "" "no password in pg_stat_activity"

# generated files hold no connection settings
mapfile -t generated < <(find "$SK_WORK"/*/gen "$SK_WORK"/*/migrations -type f)
settings=$(grep -lF -e "127.0.0.1" -e "sk_pw" -e "$PGDB" -e "$SK_PG_SOCKDIR" -e "postgresql://" -e "port=" \
	"${generated[@]}" 2>/dev/null || true)
expect_eq "$settings" "" "no connection settings in the ${#generated[@]} generated files"
echo "secrets: $ncmd commands over the channels $channels, ${#written[@]} files and the history table searched"
[ -n "${SK_REL_REPORT:-}" ] && echo "secrets commands=$ncmd files=${#written[@]} failed=$SK_FAILED" >>"$SK_REL_REPORT"
sk_end
