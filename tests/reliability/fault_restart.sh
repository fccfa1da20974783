#!/usr/bin/env bash
# Fault injection on the server side: a long upgrade whose PostgreSQL server
# is restarted (pg_ctl restart -m fast, and -m immediate: a crash and WAL
# recovery) or whose backend is terminated (pg_terminate_backend) in the
# middle. A dedicated cluster (tests/pg/cluster.sh into this test's own
# directory) keeps the shared fixture undisturbed. After every fault: the
# tool exits with a one-line connection error, the schema agrees exactly
# with the history, the lock is free, and a rerun completes to head.
#
# Environment: SK_REL_TRIALS faults (default 3), SK_REL_MIGRATIONS (1000),
# SK_REL_SEED.
# shellcheck source=tests/reliability/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
trials=${SK_REL_TRIALS:-3}
nmig=${SK_REL_MIGRATIONS:-1000}
seed=${SK_REL_SEED:-$((RANDOM * 32768 + RANDOM))}
RANDOM=$seed
echo "fault_restart: seed $seed, $trials faults, $nmig migrations"

# Our own cluster; the fixture's env is only used to find nothing else.
SK_CLEANUP+=("bash '$SK_SOURCE_DIR/tests/pg/cluster.sh' stop '$SK_WORK/cluster'")
bash "$SK_SOURCE_DIR/tests/pg/cluster.sh" start "$SK_WORK/cluster" >/dev/null || {
	echo "cannot start a dedicated cluster"
	exit 1
}
SK_TEST_PG_ENV=$SK_WORK/cluster/env
datadir=$(sed -n 's/^datadir=//p' "$SK_WORK/cluster/state")
bindir=$(sed -n 's/^bindir=//p' "$SK_WORK/cluster/state")
sk_use_dialect pg restart
pg_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u "${SK_PG_OS_USER:-postgres}" -- "$@"; else "$@"; fi
}
restart_server() { # MODE
	(cd / && pg_as_owner "$bindir/pg_ctl" -D "$datadir" -l "$(dirname "$datadir")/log" -m "$1" -w -t 60 restart) >/dev/null 2>&1
}
terminate_backend() {
	sk_psql postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$PGDB' AND pid <> pg_backend_pid()" >/dev/null
}

rel_gen_migrations migrations "$nmig" 50
total=$((nmig + 1))
faults=0 rounds=0 completed=0 lost=0 fast=0 immediate=0 terminated=0
declare -A seen_rc=()
while [ "$faults" -lt "$trials" ]; do
	rounds=$((rounds + 1))
	rel_fresh_db
	REL_FAILED="" REL_APPLIED=0
	: >ambiguous
	while [ "$faults" -lt "$trials" ]; do
		args=$(rel_upgrade_args)
		case $((faults % 3)) in
		0) REL_FAULT="restart_server fast" ;;
		1) REL_FAULT="terminate_backend" ;;
		2) REL_FAULT="restart_server immediate" ;;
		esac
		remaining=$((total - REL_APPLIED))
		if [ "$rounds" -eq 1 ] && [ "$faults" -eq 0 ] && [ "$nmig" -ge 50 ]; then
			n=50 jitter=300 # aimed: inside the slow third statement of the first transaction:false migration
		else
			n=$((RANDOM % (remaining + 1))) jitter=$((RANDOM % 10))
		fi
		# shellcheck disable=SC2086
		rel_run_until "$n" "$jitter" $args --lock-timeout 15000
		if [ "$REL_KILLED" = 1 ] && [ "$RC" -ne 0 ]; then
			faults=$((faults + 1))
			case $REL_FAULT in
			*fast) fast=$((fast + 1)) ;;
			*immediate) immediate=$((immediate + 1)) ;;
			*) terminated=$((terminated + 1)) ;;
			esac
			seen_rc[$RC]=1
			# a connection lost mid-run is a connection error (3), never
			# "a statement failed" (4), reported on one line without a crash
			case $RC in 3) sk_pass ;; *) sk_fail "$REL_FAULT after $n migrations: exit $RC: $ERR" ;; esac
			expect_one_line "$ERR" "$REL_FAULT: one-line error"
			case $ERR in *"rolled back; nothing of"*) sk_fail "$REL_FAULT: claims a rollback it cannot know: $ERR" ;; esac
		elif [ "$RC" -eq 0 ]; then
			completed=$((completed + 1))
		else
			sk_fail "round $rounds: '$args' exited $RC without a fault"
		fi
		if rel_check mid ambiguous >check.out; then
			sk_pass
		else
			lost=$((lost + 1))
			sk_fail "round $rounds, $REL_FAULT after $n migrations: schema and history disagree: $(head -5 check.out)"
		fi
		if [ "$n" -eq 50 ] && [ "$jitter" -eq 300 ]; then
			expect_eq "$REL_FAILED" "20240000000050|3" "a transaction:false migration interrupted in its third statement is recorded as failed at statement 3"
		fi
		[ -n "$REL_FAILED" ] && echo "$REL_FAILED" >>ambiguous
		if rel_lock_released; then sk_pass; else sk_fail "round $rounds: advisory lock still held after $REL_FAULT"; fi
		[ "$REL_APPLIED" -lt "$total" ] || break
	done
	REL_FAULT=""
	args=$(rel_upgrade_args)
	# shellcheck disable=SC2086
	run timeout 300 schemake-migrate -q $args --lock-timeout 10000
	expect_rc 0 "round $rounds: rerun ($args) completes to head"
	if rel_check final ambiguous >check.out; then sk_pass; else
		lost=$((lost + 1))
		sk_fail "round $rounds: final state: $(head -5 check.out)"
	fi
done
echo "fault_restart: seed $seed: $faults faults ($fast restart -m fast, $immediate restart -m immediate, $terminated backends terminated) in $rounds rounds, $completed runs completed first, exit codes: ${!seen_rc[*]}, $lost inconsistent states"
[ -n "${SK_REL_REPORT:-}" ] && echo "restart faults=$faults fast=$fast immediate=$immediate terminated=$terminated rounds=$rounds completed=$completed lost=$lost seed=$seed" >>"$SK_REL_REPORT"
sk_end
