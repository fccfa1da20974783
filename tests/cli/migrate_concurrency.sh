#!/usr/bin/env bash
# 8 concurrent upgrades of one database apply each migration exactly once and
# all exit 0; a no-op upgrade does not wait for another's lock; on SQLite the
# journal mode is restored after an upgrade, also after a killed one. $1 is
# sqlite or pg.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_use_dialect "${1:-sqlite}" conc

sk_mig migrations 20240101000000 log <<'SQL'
-- migrate:up
CREATE TABLE applied_log (version text NOT NULL);
-- migrate:down
DROP TABLE applied_log;
SQL
# Each migration fails if it runs twice (CREATE TABLE) and logs itself.
for i in $(seq 1 20); do
	v=$(printf '202402%02d000000' "$i")
	sk_mig migrations "$v" "step_$i" <<SQL
-- migrate:up
CREATE TABLE t_$i (id integer PRIMARY KEY, payload text);
INSERT INTO t_$i VALUES (1, 'x');
INSERT INTO applied_log VALUES ('$v');
-- migrate:down
DROP TABLE t_$i;
SQL
done
schemake-migrate hash >/dev/null

for round in 1 2; do
	pids=()
	for p in $(seq 1 8); do
		schemake-migrate upgrade >"out.$p" 2>"err.$p" &
		pids+=($!)
	done
	failures=0
	for p in $(seq 1 8); do
		if ! wait "${pids[$((p - 1))]}"; then
			failures=$((failures + 1))
			echo "upgrader $p failed:" >&2
			cat "err.$p" >&2
		fi
	done
	RC=$failures OUT="" ERR=""
	expect_eq "$failures" "0" "round $round: all 8 upgraders exit 0"
	expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "21" "round $round: 21 history rows"
	expect_eq "$(sql "SELECT count(*) FROM applied_log")" "20" "round $round: each migration ran once"
	expect_eq "$(sql "SELECT count(DISTINCT version) FROM applied_log")" "20" "round $round: no migration twice"
	total=$(cat out.* | grep -c '^applied 2024' || true)
	expect_eq "$total" "21" "round $round: the upgraders together report 21 applied migrations"
	# Second round: back to base, with one downgrade process, then race again.
	schemake-migrate downgrade base >/dev/null
	sql "SELECT count(*) FROM schemake_migrations" >/dev/null
done

# A no-op upgrade at the head reads the history once and takes no lock, so
# another upgrader holding the lock does not hold it up.
schemake-migrate upgrade >/dev/null
if [ "$dialect" = pg ]; then
	sk_psql "$PGDB" -c "SELECT pg_advisory_lock(8316861436344295796); SELECT pg_sleep(3)" >/dev/null &
	holder=$!
	sleep 0.7
	run schemake-migrate upgrade --lock-timeout 300
	expect_rc 0 "no-op upgrade while another holds the lock"
	expect_in "$OUT" "nothing to apply" "no-op upgrade says so"
	expect_not_in "$ERR" "waiting" "no-op upgrade did not wait for the lock"
	wait "$holder"
else
	# Upgrades run in WAL mode and put the database's own mode back.
	expect_eq "$(sqlite3 app.db 'PRAGMA journal_mode')" "delete" "journal mode restored after the races"
	if [ ! -e app.db-schemake-mode ] && [ ! -e app.db-wal ]; then sk_pass; else sk_fail "no mode file or WAL left"; fi
	flock app.db sleep 3 &
	holder=$!
	sleep 0.7
	run schemake-migrate upgrade --lock-timeout 300
	expect_rc 0 "no-op upgrade while another holds the file lock"
	expect_not_in "$ERR" "waiting" "no-op upgrade did not wait for the lock"
	wait "$holder"
	# What a killed run leaves: the database in WAL mode and the mode file.
	# The next connection that gets the lock restores the mode.
	schemake-migrate downgrade -3 >/dev/null
	sqlite3 app.db 'PRAGMA journal_mode = WAL' >/dev/null
	printf 'delete' >app.db-schemake-mode
	run schemake-migrate upgrade
	expect_rc 0 "upgrade after a killed run"
	expect_eq "$(sqlite3 app.db 'PRAGMA journal_mode')" "delete" "a killed run's journal mode is restored"
	if [ ! -e app.db-schemake-mode ]; then sk_pass; else sk_fail "the mode file is removed"; fi
	sqlite3 app.db 'PRAGMA journal_mode = WAL' >/dev/null
	printf 'delete' >app.db-schemake-mode
	run schemake-migrate status
	expect_eq "$(sqlite3 app.db 'PRAGMA journal_mode')" "delete" "any connection restores a killed run's mode"
	# A database its owner keeps in WAL mode stays there.
	schemake-migrate downgrade -3 >/dev/null
	sqlite3 app.db 'PRAGMA journal_mode = WAL' >/dev/null
	run schemake-migrate upgrade
	expect_rc 0 "upgrade of a WAL database"
	expect_eq "$(sqlite3 app.db 'PRAGMA journal_mode')" "wal" "a WAL database stays in WAL mode"
	expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "21" "all applied in WAL mode"
fi

sk_end
