#!/usr/bin/env bash
# The whole test suite: install what is missing, then build and run every test
# twice: with -Werror (preset ci), and under AddressSanitizer + UBSan (preset
# asan). Real databases only: SQLite files and a throwaway PostgreSQL cluster
# that the suite starts and always stops. Then check that the committed
# generated files (generated/) are what the migrations produce.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
stop_cluster() {
	# check-schema may have started the example project's development cluster
	if [ -x build-ci/bin/schemake-migrate ]; then build-ci/bin/schemake-migrate server stop >/dev/null 2>&1 || true; fi
}
trap stop_cluster EXIT
run_preset() {
	echo "== preset $1"
	cmake --preset "$1" >/dev/null
	cmake --build --preset "$1"
	ctest --preset "$1" -j2
}
run_preset ci
echo "== generated files are current (just check, then just regen changes nothing)"
SCHEMAKE_PRESET=ci just check
SCHEMAKE_PRESET=ci just regen
if [ -d .git ] && ! git diff --quiet -- generated; then
	echo "regen changed committed files:" && git diff --stat -- generated && exit 1
fi
stop_cluster
echo "== fuzz targets, ${FUZZ_SECONDS:-5} s each (tests/fuzz/run.sh)"
FUZZ_SECONDS=${FUZZ_SECONDS:-5} bash tests/fuzz/run.sh
run_preset asan
