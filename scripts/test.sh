#!/usr/bin/env bash
# The whole test suite: install what is missing, then build and run every test
# twice: with -Werror (preset ci), and under AddressSanitizer + UBSan (preset
# asan). Real databases only: SQLite files and a throwaway PostgreSQL cluster
# that the suite starts and always stops.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
for preset in ci asan; do
	echo "== preset $preset"
	cmake --preset "$preset" >/dev/null
	cmake --build --preset "$preset"
	ctest --preset "$preset" -j2
done
