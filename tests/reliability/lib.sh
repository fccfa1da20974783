# shellcheck shell=bash
# Helpers of the reliability tests (fault injection, concurrency): a
# generated migration set whose every step leaves a trace, and a checker
# that the database's schema agrees exactly with its history table. Sources
# tests/cli/lib.sh (sk_begin, sk_use_dialect, run, expect_*, sk_end).
#
# The migration set (rel_gen_migrations DIR N EVERY):
#   20230000000000_log.sql          CREATE TABLE applied_log (version, stmt)
#   2024<i, 10 digits>_m<i>.sql     for i in 1..N; transactional:
#                                     1 CREATE TABLE t_<i>; 2 log (v,1); 3 insert; 4 log (v,2)
#                                   every EVERY-th one is transaction:false:
#                                     1 CREATE TABLE IF NOT EXISTS t_<i>; 2 log (v,2); 3 log (v,3)
#                                   but the first of those (i = EVERY) has a slow third
#                                   statement, so a fault can be aimed at it:
#                                     1 CREATE ...; 2 log (v,2); 3 about 1 s of work; 4 log (v,4)
# so that after any fault the history says exactly what is in the database:
# an applied migration has its table and each of its log rows once, a missing
# one has nothing, a transaction:false one recorded as failed at statement k
# has statements 1..k-1, maybe k (it was running), and nothing after.

# shellcheck source=tests/cli/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"

REL_FIRST=20230000000000

# rel_sqlite_tmpfs DIALECT: before sk_begin, puts an SQLite test's work
# directory in /dev/shm (unless SK_REL_ON_DISK is set): a SIGKILL or a
# concurrent process cannot tell tmpfs from a disk, and the 1,000 fsyncs of
# a long upgrade take seconds on a disk.
rel_sqlite_tmpfs() {
	if [ "$1" = sqlite ] && [ -z "${SK_REL_ON_DISK:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
		SK_TEST_TMP=/dev/shm/schemake-tests
	fi
}

# rel_gen_migrations DIR N EVERY [SLOW]: writes the set and its sum file;
# SLOW=0 leaves out the slow statement (in the dialect of $dialect).
rel_gen_migrations() {
	local dir=$1 n=$2 every=$3 slow
	mkdir -p "$dir"
	REL_N=$n REL_EVERY=$every REL_SLOW=${4:-1}
	if [ "${dialect:-sqlite}" = pg ]; then
		slow="SELECT pg_sleep(1)"
	else
		slow="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 6000000) SELECT count(*) FROM c"
	fi
	printf -- '-- migrate:up\nCREATE TABLE applied_log (version text NOT NULL, stmt integer NOT NULL);\n-- migrate:down\nDROP TABLE applied_log;\n' \
		>"$dir/${REL_FIRST}_log.sql"
	awk -v n="$n" -v every="$every" -v dir="$dir" -v slow="$slow" -v has_slow="$REL_SLOW" 'BEGIN {
		for (i = 1; i <= n; i++) {
			v = sprintf("2024%010d", i); t = sprintf("t_%04d", i)
			f = dir "/" v "_m" i ".sql"
			if (every > 0 && i == every && has_slow) {
				printf "-- migrate:up transaction:false\nCREATE TABLE IF NOT EXISTS %s (id integer PRIMARY KEY);\n", t > f
				printf "INSERT INTO applied_log VALUES (\047%s\047, 2);\n%s;\nINSERT INTO applied_log VALUES (\047%s\047, 4);\n", v, slow, v > f
			} else if (every > 0 && i % every == 0) {
				printf "-- migrate:up transaction:false\nCREATE TABLE IF NOT EXISTS %s (id integer PRIMARY KEY);\n", t > f
				printf "INSERT INTO applied_log VALUES (\047%s\047, 2);\nINSERT INTO applied_log VALUES (\047%s\047, 3);\n", v, v > f
			} else {
				printf "-- migrate:up\nCREATE TABLE %s (id integer PRIMARY KEY, note text);\n", t > f
				printf "INSERT INTO applied_log VALUES (\047%s\047, 1);\nINSERT INTO %s VALUES (1, \047x\047);\n", v, t > f
				printf "INSERT INTO applied_log VALUES (\047%s\047, 2);\n", v > f
			}
			printf "-- migrate:down\nDROP TABLE %s;\nDELETE FROM applied_log WHERE version = \047%s\047;\n", t, v > f
			close(f)
		}
	}'
	schemake-migrate -d "$dir" hash >/dev/null
}

# rel_fresh_db: a new empty database for the current dialect (after
# sk_use_dialect), dropping the previous one.
rel_fresh_db() {
	if [ "$dialect" = pg ]; then
		sk_psql postgres -c "DROP DATABASE IF EXISTS \"$PGDB\" WITH (FORCE)" -c "CREATE DATABASE \"$PGDB\"" >/dev/null
	else
		rm -f app.db app.db-journal app.db-wal app.db-shm
	fi
}

rel_table_exists() { # NAME
	if [ "$dialect" = pg ]; then
		[ "$(sql "SELECT to_regclass('public.$1') IS NOT NULL")" = t ]
	else
		[ "$(sql "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '$1'")" = 1 ]
	fi
}

# rel_snapshot DIR: the history, the tables and the log rows, one per line.
rel_snapshot() {
	local d=$1
	mkdir -p "$d"
	: >"$d/hist"
	: >"$d/log"
	if rel_table_exists schemake_migrations; then
		sql "SELECT version || '|' || status || '|' || coalesce(failed_statement, 0) FROM schemake_migrations ORDER BY version" >"$d/hist"
	fi
	if [ "$dialect" = pg ]; then
		sql "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND (tablename LIKE 't\\_%' OR tablename = 'applied_log') ORDER BY 1" >"$d/tables"
	else
		sql "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 't\\_%' ESCAPE '\\' OR name = 'applied_log') ORDER BY 1" >"$d/tables"
	fi
	if grep -qx applied_log "$d/tables"; then
		sql "SELECT version || '|' || stmt || '|' || count(*) FROM applied_log GROUP BY version, stmt ORDER BY 1" >"$d/log"
	fi
}

# shellcheck disable=SC2034 # REL_APPLIED and REL_FAILED are for the callers
# rel_check MODE [AMBIGUOUS_FILE]: prints every disagreement between the
# history and the database and fails when there is one. MODE final also
# requires every migration to be applied. AMBIGUOUS_FILE lists "version|stmt"
# pairs that an earlier fault may have run twice (a transaction:false
# statement that completed just before the kill, then ran again on resume).
rel_check() {
	local mode=$1 amb=${2:-/dev/null} d
	d=$(mktemp -d "$SK_WORK/check.XXXXXX")
	rel_snapshot "$d"
	[ -f "$amb" ] || amb=/dev/null
	awk -F'|' -v n="$REL_N" -v every="$REL_EVERY" -v has_slow="$REL_SLOW" -v mode="$mode" -v first="$REL_FIRST" \
		-v hf="$d/hist" -v tf="$d/tables" -v lf="$d/log" -v af="$amb" '
	function bad(msg) { print "  " msg; nbad++ }
	function chk(key, want, pair,   c, maxc) {
		c = (key in have) ? have[key] : 0
		maxc = (pair in amb) ? 2 : 1
		if (want == "must" && (c < 1 || c > maxc)) bad(key " expected present once, found " c)
		if (want == "may" && c > maxc) bad(key " found " c " times")
		if (want == "not" && c != 0) bad(key " expected absent, found " c)
		delete have[key]
	}
	FILENAME == hf { st[$1] = $2; fs[$1] = $3 + 0; next }
	FILENAME == tf { have["T:" $1] = 1; next }
	FILENAME == lf { have["L:" $1 "|" $2] = $3 + 0; next }
	FILENAME == af { amb[$1 "|" $2] = 1; next }
	END {
		known[first] = 1
		if (first in st && st[first] != "applied") bad("log migration is " st[first])
		chk("T:applied_log", (first in st) ? "must" : "not", "")
		for (i = 1; i <= n; i++) {
			v = sprintf("2024%010d", i); t = sprintf("t_%04d", i); known[v] = 1
			s = (v in st) ? st[v] : ""
			if (mode == "final" && s != "applied") bad(v " is not applied (" (s == "" ? "no row" : s) ")")
			if (every > 0 && i % every == 0) {
				# the statements that leave a trace (the slow one leaves none)
				nt = split(i == every && has_slow ? "1 2 4" : "1 2 3", traces, " ")
				for (x = 1; x <= nt; x++) {
					j = traces[x]
					key = j == 1 ? "T:" t : "L:" v "|" j
					if (s == "applied") w = "must"
					else if (s == "failed") w = j < fs[v] ? "must" : (j == fs[v] ? "may" : "not")
					else w = "not"
					chk(key, w, v "|" j)
				}
			} else {
				if (s == "failed") bad(v " (transactional) is recorded as failed")
				w = s == "applied" ? "must" : "not"
				chk("T:" t, w, ""); chk("L:" v "|1", w, ""); chk("L:" v "|2", w, "")
			}
		}
		for (v in st) if (!(v in known)) bad("history row for unknown version " v)
		for (k in have) bad("unexpected " k)
		exit nbad > 0
	}' "$d/hist" "$d/tables" "$d/log" "$amb"
	local rc=$?
	REL_APPLIED=$(grep -c '|applied|' "$d/hist" || true)
	REL_FAILED=$(grep '|failed|' "$d/hist" | head -1 | cut -d'|' -f1,3)
	rm -rf "$d"
	return $rc
}

# rel_lock_released: PostgreSQL: no advisory lock is held in the database
# (waits up to 10 s for a killed client's backend to end). SQLite: always
# true here; the next upgrade's --lock-timeout checks it.
rel_lock_released() {
	[ "$dialect" = pg ] || return 0
	local _
	for _ in $(seq 1 100); do
		[ "$(sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" = 0 ] && return 0
		sleep 0.1
	done
	return 1
}

# rel_upgrade_cmd: "upgrade --resume" when a migration is recorded as failed
# (plain upgrade refuses then), else "upgrade".
rel_upgrade_args() {
	if [ -n "${REL_FAILED:-}" ]; then echo "upgrade --resume"; else echo upgrade; fi
}

# shellcheck disable=SC2034 # REL_KILLED is for the callers
# rel_run_until N JITTER_MS ARGS...: runs schemake-migrate ARGS in the
# background and sends it SIGKILL once it has reported N applied migrations
# (0: at once) plus JITTER_MS. Sets REL_KILLED (1 when the signal was sent
# before it ended), RC, ERR. REL_FAULT (a command) replaces the SIGKILL.
rel_run_until() {
	local n=$1 jitter=$2 pid count=0 line
	shift 2
	rm -f "$SK_WORK/progress" "$SK_WORK/rel.err"
	mkfifo "$SK_WORK/progress"
	schemake-migrate "$@" >"$SK_WORK/progress" 2>"$SK_WORK/rel.err" &
	pid=$!
	exec {REL_FD}<"$SK_WORK/progress"
	while [ "$count" -lt "$n" ] && IFS= read -r -u "$REL_FD" line; do
		case $line in applied* | reverted*) count=$((count + 1)) ;; esac
	done
	if [ "$jitter" -gt 0 ]; then sleep "$(printf '0.%03d' "$jitter")"; fi
	REL_KILLED=0
	{
		# (bash's "Killed" notice goes to the /dev/null of this block)
		if kill -0 "$pid" 2>/dev/null; then
			REL_KILLED=1
			if [ -n "${REL_FAULT:-}" ]; then eval "$REL_FAULT"; else kill -KILL "$pid"; fi
		fi
		cat <&"$REL_FD" >/dev/null
		exec {REL_FD}<&-
		wait "$pid"
		RC=$?
	} 2>/dev/null
	ERR=$(cat "$SK_WORK/rel.err")
	OUT=""
	rm -f "$SK_WORK/progress"
}
