#!/usr/bin/env bash
# With no database configured, a PostgreSQL project uses the local
# development cluster under .schemake/: created, started, used, stopped.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
SK_CLEANUP+=("schemake-migrate server stop")
printf '[database]\ndialect = postgres\n' >schemake.ini
sk_mig migrations 20240101000000 one <<'SQL'
-- migrate:up
CREATE TABLE "user" (id integer PRIMARY KEY);
-- migrate:down
DROP TABLE "user";
SQL

run schemake-migrate server status
expect_rc 0 "server status before anything"
expect_in "$OUT" "not created" "no cluster yet"
run schemake-migrate upgrade
expect_rc 0 "upgrade on the development cluster"
expect_in "$OUT" "applied 20240101000000_one.sql" "applied there"
[ -d .schemake/pg/data ] && sk_pass || sk_fail "cluster lives under .schemake/pg"
run schemake-migrate server status
expect_in "$OUT" "running" "server status: running"
url=$(printf '%s\n' "$OUT" | sed -n 's/^url: //p')
expect_eq "$(psql -X -At -d "$url" -c 'SELECT count(*) FROM "user"')" "0" "psql reaches the table through the printed URL"
run schemake-migrate current
expect_eq "$OUT" "20240101000000 one (head)" "current on the development cluster"
run schemake-migrate server stop
expect_rc 0 "server stop"
run schemake-migrate server status
expect_in "$OUT" "stopped" "server status: stopped"
run schemake-migrate server start
expect_rc 0 "server start"
expect_in "$OUT" "running" "server start: running"
run schemake-migrate server stop
run schemake-migrate status
expect_rc 0 "status starts it again on demand"
expect_in "$OUT" "[X] 20240101000000_one.sql" "data kept across restarts"
run schemake-migrate server frobnicate
expect_rc 2 "unknown server action"

# As root, a project the cluster user cannot reach (a clone under a 0700
# directory) gets its cluster under /var/tmp, linked from .schemake/pg.
if [ "$(id -u)" -eq 0 ]; then
	mkdir -m 700 private && mkdir -p private/proj && cp -r migrations schemake.ini private/proj/
	SK_CLEANUP+=("schemake-migrate -C '$SK_WORK/private/proj' server stop; rm -rf \"\$(readlink '$SK_WORK/private/proj/.schemake/pg')\"")
	run schemake-migrate -C private/proj upgrade
	expect_rc 0 "upgrade in a project the cluster user cannot reach"
	[ -L private/proj/.schemake/pg ] && sk_pass || sk_fail ".schemake/pg links to the relocated cluster"
	case "$(readlink private/proj/.schemake/pg)" in /var/tmp/schemake-cluster-*) sk_pass ;; *) sk_fail "relocated under /var/tmp" ;; esac
	run schemake-migrate -C private/proj current
	expect_eq "$OUT" "20240101000000 one (head)" "the relocated cluster is found again"
fi

sk_end
