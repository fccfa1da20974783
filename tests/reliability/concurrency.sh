#!/usr/bin/env bash
# Concurrency at scale: SK_REL_PROCS (16) upgraders started together on one
# fresh database, SK_REL_ROUNDS (3) times; a quarter of them with a short
# --lock-timeout. Every migration (every 10th transaction:false) is applied
# exactly once, reported by exactly one process, and every process exits 0
# or with a clear lock timeout (exit 6). Then upgrades racing downgrades
# leave the schema and the history in agreement, and (PostgreSQL)
# schemake-reset refuses while another session is connected, changing
# nothing, until --force-disconnect. $1 is sqlite or pg.
# shellcheck source=tests/reliability/lib.sh
. "$(dirname "$0")/lib.sh"
rel_sqlite_tmpfs "${1:-sqlite}"
sk_begin
sk_use_dialect "${1:-sqlite}" conc
procs=${SK_REL_PROCS:-16}
rounds=${SK_REL_ROUNDS:-3}
nmig=${SK_REL_MIGRATIONS:-30}
rel_gen_migrations migrations "$nmig" 10 0
total=$((nmig + 1))
echo "concurrency $dialect: $procs processes x $rounds rounds, $nmig migrations"

# check_outcomes WHAT: every process exited 0 or 6 (with the lock-timeout
# message), and stderr held nothing else than "waiting" warnings.
timeouts=0
check_outcomes() {
	local p rc bad=0
	for p in $(seq 1 "$procs"); do
		rc=$(cat "rc.$p")
		if [ "$rc" -eq 6 ]; then
			timeouts=$((timeouts + 1))
			grep -q '^schemake-migrate: error: timed out after [0-9]* ms waiting for the migration lock (hint: ' "err.$p" || bad=1
		elif [ "$rc" -ne 0 ]; then
			bad=1
		fi
		if grep -v '^schemake-migrate: warning: waiting: the migration lock$' "err.$p" |
			grep -qv '^schemake-migrate: error: timed out after'; then
			bad=1
		fi
		if [ "$bad" = 1 ]; then
			RC=$rc OUT=$(cat "out.$p") ERR=$(cat "err.$p")
			sk_fail "$1: process $p"
			return
		fi
	done
	sk_pass
}

# launch P CMD...: starts process P in the background.
launch() {
	local p=$1
	shift
	("$@" >"out.$p" 2>"err.$p"; echo $? >"rc.$p") &
}

for round in $(seq 1 "$rounds"); do
	rel_fresh_db
	rm -f out.* err.* rc.*
	for p in $(seq 1 "$procs"); do
		if [ $((p % 4)) -eq 0 ]; then
			launch "$p" schemake-migrate upgrade --lock-timeout $((RANDOM % 20))
		else
			launch "$p" schemake-migrate upgrade
		fi
	done
	wait
	check_outcomes "round $round"
	RC=0 OUT="" ERR=""
	expect_eq "$(cat out.* | grep -c '^applied 20' || true)" "$total" "round $round: $total migrations reported applied in all"
	expect_eq "$(cat out.* | grep '^applied 20' | sort | uniq -d | head -1)" "" "round $round: no migration reported twice"
	if rel_check final >check.out; then sk_pass; else sk_fail "round $round: $(head -5 check.out)"; fi
done

# upgrade racing downgrade: half the processes go to head, half to base.
for round in $(seq 1 "$rounds"); do
	rm -f out.* err.* rc.*
	for p in $(seq 1 "$procs"); do
		if [ $((p % 2)) -eq 0 ]; then
			launch "$p" schemake-migrate upgrade
		else
			launch "$p" schemake-migrate downgrade base
		fi
	done
	wait
	check_outcomes "race $round"
	if rel_check mid >check.out; then sk_pass; else sk_fail "race $round: $(head -5 check.out)"; fi
done
run schemake-migrate upgrade -q --lock-timeout 10000
expect_rc 0 "upgrade after the races"
if rel_check final >check.out; then sk_pass; else sk_fail "after the races: $(head -5 check.out)"; fi

if [ "$dialect" = sqlite ]; then
	# A reader holding SQLite's shared lock (an upgrader starting up, an
	# application) makes a run that holds the migration lock wait at its
	# next write; a small --lock-timeout is for the migration lock, and must
	# not cut a transaction:false migration off between two statements.
	mkdir -p reader/migrations
	printf -- '-- migrate:up transaction:false\nCREATE TABLE r1 (id integer);\nCREATE TABLE r2 (id integer);\nCREATE TABLE r3 (id integer);\n' \
		>reader/migrations/20240101000000_three.sql
	(cd reader && schemake-migrate -u sqlite::memory: hash >/dev/null && sqlite3 app.db 'CREATE TABLE seen (x integer)' &&
		schemake-migrate -u sqlite:app.db stamp base >/dev/null) # the history table exists: the first write is the migration's
	python3 - "$PWD/reader/app.db" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN")
c.execute("SELECT count(*) FROM seen").fetchall()
open(sys.argv[1] + ".reading", "w").close()
time.sleep(1.5)
c.execute("COMMIT")
PY
	reader=$!
	for _ in $(seq 1 50); do [ -f reader/app.db.reading ] && break; sleep 0.1; done
	run schemake-migrate -C reader -u sqlite:app.db upgrade --lock-timeout 50
	wait "$reader"
	expect_rc 0 "a run holding the migration lock waits for a reader, whatever --lock-timeout says"
	expect_eq "$(sqlite3 reader/app.db "SELECT status FROM schemake_migrations")" "applied" "the transaction:false migration is applied, not cut off"
	expect_eq "$(sqlite3 reader/app.db "SELECT count(*) FROM sqlite_master WHERE name IN ('r1', 'r2', 'r3')")" "3" "all three statements ran"
fi

if [ "$dialect" = pg ]; then
	# schemake-reset refuses while another session is connected
	snapshot() { rel_snapshot snap && cat snap/hist snap/tables snap/log | sha256sum; }
	psql -X -q -h "$SK_PG_SOCKDIR" -p "$SK_PG_PORT" -U "$SK_PG_SUPERUSER" -d "$PGDB" -c "SELECT pg_sleep(120)" >/dev/null 2>&1 &
	holder=$!
	SK_CLEANUP+=("kill $holder")
	backend=""
	for _ in $(seq 1 100); do
		backend=$(sql "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()")
		[ -n "$backend" ] && break
		sleep 0.1
	done
	before=$(snapshot)
	run schemake-reset --yes --migrate
	expect_rc 8 "reset refuses while another session is connected"
	# (the plan comes first on stderr, then the one error line)
	expect_eq "$(grep -c 'error:' <<<"$ERR")" "1" "one error line"
	expect_in "$(grep 'error:' <<<"$ERR")" "refusing to drop database '$PGDB': 1 other session is connected to it (pid $backend)" "the refusal names the other session's pid"
	expect_eq "$(snapshot)" "$before" "the refused reset changed nothing"
	run schemake-reset --yes --migrate --dry-run
	expect_rc 8 "--dry-run refuses the same way"
	run schemake-reset --yes --migrate --force-disconnect -q
	expect_rc 0 "--force-disconnect resets anyway"
	if { wait "$holder"; } 2>/dev/null; then sk_fail "the other session was disconnected"; else sk_pass; fi
	if rel_check final >check.out; then sk_pass; else sk_fail "after the reset: $(head -5 check.out)"; fi
fi
echo "concurrency $dialect: $((procs * rounds)) upgraders and $((procs * rounds)) racing upgrade/downgrade processes, $timeouts lock timeouts"
[ -n "${SK_REL_REPORT:-}" ] && echo "concurrency $dialect procs=$procs rounds=$rounds processes=$((2 * procs * rounds)) timeouts=$timeouts failed=$SK_FAILED" >>"$SK_REL_REPORT"
sk_end
