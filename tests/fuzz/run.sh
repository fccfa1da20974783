#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan), seeds each corpus from
# the test fixtures, and runs every target for FUZZ_SECONDS (default 10) or
# FUZZ_RUNS executions, in build-fuzz/ (FUZZ_BUILD_DIR); FUZZ_MAX_LEN caps an
# input's size (default 65536). A crash leaves its input in build-fuzz/crashes/
# and fails the run; add such an input to tests/fuzz/regressions/<target>/.
# usage: tests/fuzz/run.sh [target ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
CC=clang cmake -S "$root" -B "$build" -G Ninja -DSCHEMAKE_FUZZ=ON -DSCHEMAKE_TESTS=OFF \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(lexer migfile url dotenv config snapshot prepare)
cmake --build "$build" --target "${targets[@]/#/fuzz_}" >/dev/null

seed() { # TARGET: fill the seed corpus from fixtures and past regressions
	local dir=$build/corpus/$1
	mkdir -p "$dir"
	case $1 in
	lexer | migfile) find "$root/migrations" "$root/tests/golden" -name '*.sql' -exec cp {} "$dir/" \; 2>/dev/null || true ;;
	url) printf '%s\n' 'postgresql://u:ZZsecretZZ@h:5432/db?sslmode=require' 'sqlite:app.db' 'sqlite:///abs.db' \
		'host=/tmp dbname=x password=ZZsecretZZ' 'postgres+psycopg2://a:b%zz@h/d' >"$dir/seeds"
		split -l 1 "$dir/seeds" "$dir/seed-" && rm "$dir/seeds" ;;
	dotenv) printf 'export DATABASE_URL="postgresql://x"\nA=1 # c\nB='"'"'q'"'"'\n' >"$dir/env" ;;
	config) printf '[database]\nurl = sqlite:x.db\nprotected = true\n[paths]\nmigrations = m\n' >"$dir/ini" ;;
	prepare) # the first byte picks the options
		local f i=0
		for f in "$root/tests/fuzz/seeds/prepare"/* "$root/tests/golden/pg"/*.sql; do
			[ -f "$f" ] || continue
			i=$((i + 1))
			# shellcheck disable=SC2059 # an octal escape: the option byte
			{ printf "\\$(printf '%03o' $(((i * 13) % 64)))"; cat "$f"; } >"$dir/seed-$i"
		done ;;
	snapshot) [ -f "$root/docs/SNAPSHOT.md" ] && sed -n '/^```json$/,/^```$/p' "$root/docs/SNAPSHOT.md" | sed '1d;$d' >"$dir/example.json" || true ;;
	esac
	if [ -d "$root/tests/fuzz/regressions/$1" ]; then cp "$root/tests/fuzz/regressions/$1"/* "$dir/" 2>/dev/null || true; fi
}

mkdir -p "$build/crashes"
limit=(-max_total_time="${FUZZ_SECONDS:-10}")
[ -z "${FUZZ_RUNS:-}" ] || limit=(-runs="$FUZZ_RUNS")
status=0
for t in "${targets[@]}"; do
	seed "$t"
	if "$build/tests/fuzz/fuzz_$t" "${limit[@]}" -max_len="${FUZZ_MAX_LEN:-65536}" -artifact_prefix="$build/crashes/$t-" \
		"$build/corpus/$t" >"$build/fuzz_$t.log" 2>&1; then
		echo "fuzz_$t: $(grep -Eo 'Done [0-9]+ runs' "$build/fuzz_$t.log" | tail -1 || echo ok)"
	else
		echo "fuzz_$t: FAILED (see $build/fuzz_$t.log)"
		tail -30 "$build/fuzz_$t.log"
		status=1
	fi
done
exit $status
