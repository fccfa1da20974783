#!/usr/bin/env bash
# The PostgreSQL differ's golden corpus, through schemake-migrate, with the
# real server as the oracle. Each case is a directory
# tests/golden/diff/pg/NNN_name/ holding:
#   from.sql   the current schema (psql script)
#   to.sql     the desired schema
#   renames    optional: rename hints, one TABLE=NEW or TABLE.COLUMN=NEW a line
#   up.sql     the migration's up section, exactly: the "-- migrate:up" line,
#              then the operations (the title comment line left out)
#   down.sql   its down section, exactly, from the "-- migrate:down" line
# For each case:
#   databases A (from.sql) and B (to.sql), loaded by a few psql sessions;
#   `schemake-migrate diff --from A --to B` writes the migration in a temp
#   project; its sections equal up.sql and down.sql, and every
#   "-- schemake:destructive WHY" line has its warning on stderr;
#   `schemake-migrate upgrade` on A: schemake-dump of A equals that of B, and
#   diffing A against B again (their JSON snapshots, written by the same
#   schemake-dump runs) finds nothing;
#   `schemake-migrate downgrade`: schemake-dump of A equals what it was.
# Cases run SK_DIFF_JOBS (default 4) at a time.
# SK_GOLDEN_UPDATE=1 rewrites up.sql and down.sql (review them before
# committing). SK_DIFF_CASES=PATTERN runs only the cases whose name matches.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_pg_begin pgdiff

CORPUS=$SK_SOURCE_DIR/tests/golden/diff/pg
# JIT compiling the catalog queries costs more than it saves (every tool
# run reads a whole schema or two)
export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c jit=off"
url() { echo "postgresql:///$1?host=$SK_PG_SOCKDIR&port=$SK_PG_PORT&user=$SK_PG_SUPERUSER"; }

# same_file A B WHAT
same_file() {
	if cmp -s "$1" "$2"; then
		sk_pass
	else
		RC=1 OUT=$(diff -u "$1" "$2" | head -60) ERR=''
		sk_fail "$3"
	fi
}

cases=()
for d in "$CORPUS"/[0-9]*/; do
	name=$(basename "$d")
	case "$name" in ${SK_DIFF_CASES:-*}) cases+=("$name") ;; esac
done
expect_eq "$([ "${#cases[@]}" -ge 1 ] && echo yes)" yes "the corpus has cases"

# FILE_COPY makes a small database faster than WAL_LOG (PostgreSQL 15+).
strategy=
[ "$(sk_psql postgres -Atc "SELECT current_setting('server_version_num')::int >= 150000")" = t ] &&
	strategy=' STRATEGY FILE_COPY'
jobs=${SK_DIFF_JOBS:-4}

# Every A and B database, made by a few psql sessions (their errors name
# the file and line), dropped at exit.
: >drop.sql
for j in $(seq 0 $((jobs - 1))); do : >"load$j.sql"; done
for i in "${!cases[@]}"; do
	name=${cases[$i]}
	for side in a b; do
		file=$CORPUS/$name/from.sql
		[ "$side" = b ] && file=$CORPUS/$name/to.sql
		echo "DROP DATABASE IF EXISTS \"${PGDB}_$side$i\" WITH (FORCE);" >>drop.sql
		printf 'CREATE DATABASE "%s"%s;\n\\c %s\n\\set ON_ERROR_STOP 1\n\\i %s\n\\c postgres\n' \
			"${PGDB}_$side$i" "$strategy" "${PGDB}_$side$i" "$file" >>"load$((i % jobs)).sql"
	done
done
SK_CLEANUP+=("sk_psql postgres -f '$SK_WORK/drop.sql'")
for j in $(seq 0 $((jobs - 1))); do
	sk_psql postgres -f "load$j.sql" >"load$j.out" 2>&1 &
done
load_rc=0
for j in $(seq 0 $((jobs - 1))); do
	wait -n || load_rc=1
done
RC=$load_rc OUT='' ERR=$(cat load*.out)
expect_rc 0 "every from.sql and to.sql loads"
[ "$RC" -eq 0 ] || { sk_end; exit 1; }

# One case: A becomes B and back. Runs in a subshell; its counts go to
# $proj/result.
run_case() {
	local i=$1 name dir a b proj line mig why
	name=${cases[$i]}
	dir=$CORPUS/$name
	a=${PGDB}_a$i b=${PGDB}_b$i
	proj=$SK_WORK/p$i
	SK_PASSED=0 SK_FAILED=0
	mkdir -p "$proj/migrations"
	renames=()
	if [ -f "$dir/renames" ]; then
		while IFS= read -r line; do
			[ -n "$line" ] && renames+=(--rename "$line")
		done <"$dir/renames"
	fi

	# the migration
	run schemake-migrate -C "$proj" diff --from "$(url "$a")" --to "$(url "$b")" -m "$name" \
		"${renames[@]+"${renames[@]}"}"
	expect_rc 0 "$name: schemake-migrate diff"
	mig=$(ls "$proj"/migrations/*.sql 2>/dev/null | head -1)
	if [ -z "$mig" ]; then
		RC=1 OUT='' ERR=''
		sk_fail "$name: no migration written"
		echo "$SK_PASSED $SK_FAILED" >"$proj/result"
		return
	fi
	awk '/^-- migrate:down/ { exit } NR != 2 { print }' "$mig" >"$proj/up.sql"
	awk '/^-- migrate:down/ { on = 1 } on { print }' "$mig" >"$proj/down.sql"
	if [ "${SK_GOLDEN_UPDATE:-}" = 1 ]; then
		cp "$proj/up.sql" "$dir/up.sql"
		cp "$proj/down.sql" "$dir/down.sql"
	fi
	same_file "$dir/up.sql" "$proj/up.sql" "$name: the up section is $name/up.sql"
	same_file "$dir/down.sql" "$proj/down.sql" "$name: the down section is $name/down.sql"
	while IFS= read -r why; do
		expect_in "$ERR" "destructive: $why" "$name: a warning for '$why'"
	done < <(sed -n 's/^-- schemake:destructive //p' "$mig")

	# up: A becomes B
	schemake-dump --database-url "$(url "$a")" >"$proj/a.dump"
	schemake-dump --database-url "$(url "$b")" --json-output "$proj/b.json" >"$proj/b.dump"
	run schemake-migrate -C "$proj" upgrade --database-url "$(url "$a")" -q
	expect_rc 0 "$name: upgrade"
	schemake-dump --database-url "$(url "$a")" --json-output "$proj/up.json" >"$proj/up.dump"
	same_file "$proj/b.dump" "$proj/up.dump" "$name: after up, the dump is the dump of to.sql"
	mkdir -p "$proj/again/migrations"
	run schemake-migrate -C "$proj/again" diff --from "$proj/up.json" --to "$proj/b.json" \
		"${renames[@]+"${renames[@]}"}"
	expect_in "$OUT" "no changes" "$name: after up, diffing again finds nothing"

	# down: back to A
	run schemake-migrate -C "$proj" downgrade --database-url "$(url "$a")" -q
	expect_rc 0 "$name: downgrade"
	schemake-dump --database-url "$(url "$a")" >"$proj/down.dump"
	same_file "$proj/a.dump" "$proj/down.dump" "$name: after down, the dump is the dump of from.sql"
	echo "$SK_PASSED $SK_FAILED" >"$proj/result"
}

running=0
for i in "${!cases[@]}"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	mkdir -p "$SK_WORK/p$i"
	run_case "$i" >"$SK_WORK/p$i/log" 2>&1 &
	running=$((running + 1))
done
wait
for i in "${!cases[@]}"; do
	read -r p f <"$SK_WORK/p$i/result" 2>/dev/null || { p=0 f=1; echo "FAIL: ${cases[$i]}: no result" >&2; }
	SK_PASSED=$((SK_PASSED + p))
	SK_FAILED=$((SK_FAILED + f))
	[ "$f" -eq 0 ] || cat "$SK_WORK/p$i/log" >&2
done

sk_end
