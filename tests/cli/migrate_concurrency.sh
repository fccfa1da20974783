#!/usr/bin/env bash
# 8 concurrent upgrades of one database apply each migration exactly once and
# all exit 0. $1 is sqlite or pg.
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

sk_end
