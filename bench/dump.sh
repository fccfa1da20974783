#!/usr/bin/env bash
# The dump workload alone: schemake-dump against pg_dump --schema-only and
# dbmate dump (and sqlite3 .schema on SQLite), N tables, side by side.
# usage: bench/dump.sh [N ...]   (default: 1000 10000); more in bench/README.md
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
IFS=,
exec python3 "$root/bench/bench.py" --only dump --sizes "${sizes[*]}" \
	--build-dir "${SK_BENCH_BUILD:-$root/build-release}" \
	--output "$root/bench/results/dump.md" --json "$root/bench/results/dump.json"
