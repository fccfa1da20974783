#!/usr/bin/env bash
# The dump benchmark: schemake-dump against pg_dump --schema-only on the same
# N-table PostgreSQL database in the same run (and against sqlite3 .schema on
# SQLite), medians of alternating runs, peak memory, and the ratios.
# usage: bench/dump.sh [N ...]   (default: 1000 10000)
# Writes bench/results/dump-N.json and prints a Markdown table.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${SK_BIN:-$root/build-release/bin}
runs=${BENCH_RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
mkdir -p "$root/bench/results"
work=$(mktemp -d /tmp/sk-bench-dump.XXXXXX)
chmod 755 "$work"
bash "$root/tests/pg/cluster.sh" start "$work/pg" >/dev/null
trap 'bash "$root/tests/pg/cluster.sh" stop "$work/pg" >/dev/null; rm -rf "$work"' EXIT
# shellcheck disable=SC1091
. "$work/pg/env"
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$SK_PG_SOCKDIR" -p "$SK_PG_PORT" -U "$SK_PG_SUPERUSER" "$@"; }

echo "| N | tool | median s | min–max s | peak MiB | ratio (time) | ratio (memory) |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
	db=bench_$n
	psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
	python3 "$root/bench/gen_tables.py" "$n" postgres | psql_ -d "$db" -f - >/dev/null  # autocommit: one transaction would run out of locks at 10,000 tables
	url="postgresql:///$db?host=$SK_PG_SOCKDIR&port=$SK_PG_PORT&user=$SK_PG_SUPERUSER"
	python3 "$root/bench/gen_tables.py" "$n" sqlite | sqlite3 "$work/$db.sqlite"
	python3 "$root/bench/measure.py" "$runs" \
		"schemake-dump (pg)=$bin/schemake-dump --database-url '$url'" \
		"pg_dump --schema-only=pg_dump --schema-only -h '$SK_PG_SOCKDIR' -p $SK_PG_PORT -U $SK_PG_SUPERUSER $db" \
		"schemake-dump (sqlite)=$bin/schemake-dump --database-url 'sqlite:$work/$db.sqlite'" \
		"sqlite3 .schema=sqlite3 '$work/$db.sqlite' .schema" \
		>"$root/bench/results/dump-$n.json"
	python3 - "$root/bench/results/dump-$n.json" "$n" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); n = sys.argv[2]
pairs = [("schemake-dump (pg)", "pg_dump --schema-only"), ("schemake-dump (sqlite)", "sqlite3 .schema")]
for ours, peer in pairs:
    for name in (ours, peer):
        x = r[name]
        rt = rm = ""
        if name == ours:
            rt = f"{x['median_s'] / r[peer]['median_s']:.2f}×"
            rm = f"{x['peak_mib'] / r[peer]['peak_mib']:.2f}×"
        print(f"| {n} | {name} | {x['median_s']:.3f} | {x['min_s']:.3f}–{x['max_s']:.3f} | {x['peak_mib']:.1f} | {rt} | {rm} |")
PY
done
