#!/usr/bin/env bash
# The long forms of the reliability tests (`just soak`; docs/RELIABILITY.md).
# Builds the tools (build-soak/, no sanitizers, so valgrind can run them),
# starts a throwaway PostgreSQL cluster (always stopped at the end), then:
#
#   fault_kill      SIGKILL during a 1,000-migration upgrade, SQLite and PG  SOAK_KILLS (50) each
#   fault_restart   server restarts (fast, immediate), killed backends       SOAK_RESTARTS (15)
#   concurrency     SOAK_PROCS (16) upgraders x SOAK_ROUNDS (100), both dialects, and the races
#   bad_inputs, secrets, identifiers (both dialects), valgrind (every command)
#   fuzz            every libFuzzer target for SOAK_FUZZ_RUNS (10^7) executions,
#                   SOAK_FUZZ_JOBS (2) targets at a time; SOAK_FUZZ_RUNS=0 skips
#
# SOAK_SEED fixes the seeds of the random fault points. Every step's log is in
# build-soak/soak/; the figures are printed at the end and written to
# build-soak/soak/report.txt. Exits 1 when any step failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${SOAK_BUILD_DIR:-$root/build-soak}
out=$build/soak
kills=${SOAK_KILLS:-50}
restarts=${SOAK_RESTARTS:-15}
procs=${SOAK_PROCS:-16}
rounds=${SOAK_ROUNDS:-100}
fuzz_runs=${SOAK_FUZZ_RUNS:-10000000}
fuzz_jobs=${SOAK_FUZZ_JOBS:-2}
seed=${SOAK_SEED:-$(date +%s)}

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
cmake --build "$build" -- -k 0 >"$build/build.log" 2>&1 || {
	# a test program that does not build does not stop the soak; the tools must
	for t in schemake schemake-migrate schemake-dump schemake-prepare-init schemake-codegen schemake-reset; do
		[ -x "$build/bin/$t" ] || { tail -20 "$build/build.log"; exit 1; }
	done
}
rm -rf "$out"
mkdir -p "$out"
report=$out/report.txt
: >"$report"
pgdir=$out/pg
# shellcheck disable=SC2317 # (the EXIT trap calls it)
stop() { bash "$root/tests/pg/cluster.sh" stop "$pgdir" >/dev/null 2>&1; }
trap stop EXIT
bash "$root/tests/pg/cluster.sh" start "$pgdir" || exit 1

export SK_BIN=$build/bin SK_TEST_BIN=$build/tests SK_SOURCE_DIR=$root SK_TEST_TMP=$out/tmp \
	SK_TEST_PG_ENV=$pgdir/env SK_BUILD_DIR=$build SK_REL_REPORT=$report
status=0
step() { # NAME ENV... -- SCRIPT ARGS...
	local name=$1 t0=$SECONDS
	shift
	local envs=()
	while [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	shift
	printf '%-22s ' "$name"
	if env "${envs[@]}" bash "$root/tests/reliability/$1" "${@:2}" >"$out/$name.log" 2>&1; then
		echo "ok    $((SECONDS - t0)) s  $(tail -1 "$out/$name.log")"
	else
		echo "FAIL  $((SECONDS - t0)) s  (see $out/$name.log)"
		grep -m 5 '^FAIL' "$out/$name.log"
		status=1
	fi
	echo "step $name seconds=$((SECONDS - t0))" >>"$report"
}

step kill_sqlite SK_REL_TRIALS="$kills" SK_REL_SEED="$seed" -- fault_kill.sh sqlite
step kill_sqlite_disk SK_REL_TRIALS=$((kills / 5)) SK_REL_SEED="$seed" SK_REL_ON_DISK=1 -- fault_kill.sh sqlite
step kill_pg SK_REL_TRIALS="$kills" SK_REL_SEED="$seed" -- fault_kill.sh pg
step restart_pg SK_REL_TRIALS="$restarts" SK_REL_SEED="$seed" -- fault_restart.sh
step concurrency_sqlite SK_REL_PROCS="$procs" SK_REL_ROUNDS="$rounds" -- concurrency.sh sqlite
step concurrency_pg SK_REL_PROCS="$procs" SK_REL_ROUNDS="$rounds" -- concurrency.sh pg
step bad_inputs -- bad_inputs.sh
step secrets -- secrets.sh
step identifiers_sqlite -- identifiers.sh sqlite
step identifiers_pg -- identifiers.sh pg
step valgrind SK_REL_VALGRIND_FULL=1 -- valgrind.sh

if [ "$fuzz_runs" != 0 ]; then
	targets=(lexer migfile url dotenv config snapshot prepare)
	t0=$SECONDS
	# SOAK_FUZZ_JOBS groups, each through run.sh in its own build directory
	for ((j = 0; j < fuzz_jobs; j++)); do
		group=()
		for ((i = j; i < ${#targets[@]}; i += fuzz_jobs)); do group+=("${targets[i]}"); done
		FUZZ_BUILD_DIR=$build/fuzz$j FUZZ_RUNS=$fuzz_runs FUZZ_MAX_LEN=${SOAK_FUZZ_MAX_LEN:-16384} \
			bash "$root/tests/fuzz/run.sh" "${group[@]}" >"$out/fuzz$j.log" 2>&1 &
	done
	wait_status=0
	for job in $(jobs -p); do wait "$job" || wait_status=1; done
	for ((j = 0; j < fuzz_jobs; j++)); do
		for log in "$build/fuzz$j"/fuzz_*.log; do
			[ -f "$log" ] || continue
			t=$(basename "$log" .log)
			n=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
			echo "fuzz ${t#fuzz_} runs=${n:-0}" >>"$report"
		done
	done
	printf '%-22s %s  %d s\n' fuzz "$([ $wait_status = 0 ] && echo ok || echo FAIL)" $((SECONDS - t0))
	cat "$out"/fuzz*.log
	[ $wait_status = 0 ] || status=1
fi

echo
echo "== figures ($report)"
cat "$report"
exit $status
