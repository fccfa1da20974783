#!/usr/bin/env bash
# Fault injection: a 1,000-migration upgrade (every 50th transaction:false)
# killed with SIGKILL at random points. After every kill the schema agrees
# exactly with the history table (rel_check), the lock is free (no advisory
# lock left; the next upgrade does not wait), and at the end of each round a
# rerun completes to head. $1 is sqlite or pg.
#
# Environment: SK_REL_TRIALS kills (default 5), SK_REL_MIGRATIONS (1000),
# SK_REL_SEED (random; printed, so a failure can be replayed), SK_REL_ON_DISK
# (SQLite: keep the file on disk rather than in /dev/shm; a killed process
# loses nothing the page cache holds, so tmpfs only saves the fsync time).
# shellcheck source=tests/reliability/lib.sh
. "$(dirname "$0")/lib.sh"
rel_sqlite_tmpfs "${1:-sqlite}"
sk_begin
sk_use_dialect "${1:-sqlite}" kill
trials=${SK_REL_TRIALS:-5}
nmig=${SK_REL_MIGRATIONS:-1000}
seed=${SK_REL_SEED:-$((RANDOM * 32768 + RANDOM))}
RANDOM=$seed
echo "fault_kill $dialect: seed $seed, $trials kills, $nmig migrations"
rel_gen_migrations migrations "$nmig" 50
total=$((nmig + 1))

kills=0 rounds=0 completed=0 startup=0 midnontx=0 resumed=0 lost=0
while [ "$kills" -lt "$trials" ]; do
	rounds=$((rounds + 1))
	rel_fresh_db
	REL_FAILED="" REL_APPLIED=0
	: >ambiguous
	while [ "$kills" -lt "$trials" ]; do
		args=$(rel_upgrade_args)
		if [ -n "$REL_FAILED" ]; then
			# a recorded failure stops a plain upgrade until --resume
			run timeout 60 schemake-migrate upgrade -q --lock-timeout 10000
			expect_rc 8 "round $rounds: upgrade refuses while ${REL_FAILED%|*} is failed"
			resumed=$((resumed + 1))
		fi
		remaining=$((total - REL_APPLIED))
		if [ "$rounds" -eq 1 ] && [ "$kills" -eq 0 ] && [ "$nmig" -ge 50 ]; then
			n=50 jitter=300 # aimed: inside the slow third statement of the first transaction:false migration
		elif [ $((RANDOM % 8)) -eq 0 ]; then
			n=0 jitter=$((RANDOM % 150)) # while starting: config, files, connection, lock
		else
			n=$((RANDOM % (remaining + 1))) jitter=$((RANDOM % 15))
		fi
		# shellcheck disable=SC2086
		rel_run_until "$n" "$jitter" $args --lock-timeout 15000
		if [ "$RC" -eq 137 ]; then
			kills=$((kills + 1))
			[ "$n" -eq 0 ] && startup=$((startup + 1))
		elif [ "$RC" -eq 0 ]; then
			completed=$((completed + 1))
		else
			sk_fail "round $rounds: '$args' after n=$n exited $RC"
		fi
		if rel_check mid ambiguous >check.out; then
			sk_pass
		else
			lost=$((lost + 1))
			sk_fail "round $rounds, kill $kills (after $n migrations + ${jitter} ms): schema and history disagree: $(head -5 check.out)"
		fi
		if [ "$n" -eq 50 ] && [ "$jitter" -eq 300 ]; then
			expect_eq "$REL_FAILED" "20240000000050|3" "a transaction:false migration interrupted in its third statement is recorded as failed at statement 3"
		fi
		if [ -n "$REL_FAILED" ]; then
			midnontx=$((midnontx + 1))
			echo "$REL_FAILED" >>ambiguous
		fi
		if rel_lock_released; then sk_pass; else sk_fail "round $rounds: advisory lock still held after the kill"; fi
		[ "$REL_APPLIED" -lt "$total" ] || break
	done
	# the rerun completes to head (and never waits for a dead process's lock)
	args=$(rel_upgrade_args)
	# shellcheck disable=SC2086
	run timeout 300 schemake-migrate -q $args --lock-timeout 10000
	expect_rc 0 "round $rounds: rerun ($args) completes to head"
	if rel_check final ambiguous >check.out; then
		sk_pass
	else
		lost=$((lost + 1))
		sk_fail "round $rounds: final state: $(head -5 check.out)"
	fi
	expect_eq "$REL_APPLIED" "$total" "round $rounds: every migration applied"
	run schemake-migrate status --exit-code
	expect_rc 0 "round $rounds: status is clean"
done
echo "fault_kill $dialect: seed $seed: $kills kills ($startup while starting, $midnontx inside a transaction:false migration, $resumed resumed) in $rounds rounds, $completed runs completed before their kill, $lost inconsistent states"
[ -n "${SK_REL_REPORT:-}" ] && echo "kill $dialect kills=$kills rounds=$rounds startup=$startup nontx=$midnontx resumed=$resumed completed=$completed lost=$lost seed=$seed" >>"$SK_REL_REPORT"
sk_end
