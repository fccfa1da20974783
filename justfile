# schemake's own recipes. The database comes from --database-url, DATABASE_URL,
# .env or schemake.ini; with none, a local development cluster under .schemake/.

# SCHEMAKE_PRESET: the CMake preset to build with (dev; CI uses ci)
preset := env_var_or_default("SCHEMAKE_PRESET", "dev")
build_dir := if preset == "dev" { "build" } else { "build-" + preset }
# SCHEMAKE_BIN: use tools built elsewhere (then `build` does nothing)
bin := env_var_or_default("SCHEMAKE_BIN", justfile_directory() / build_dir / "bin")
migrate := bin / "schemake-migrate"
bench_build := env_var_or_default("SK_BENCH_BUILD", justfile_directory() / "build-release")

# list the recipes
default:
    @just --list

# configure and build the tools (preset dev, or SCHEMAKE_PRESET)
build:
    @if [ -z "${SCHEMAKE_BIN:-}" ]; then cmake --preset {{preset}} >/dev/null && cmake --build --preset {{preset}} -- --quiet; fi

# run the whole test suite (the README's second Quick start command)
test:
    bash scripts/test.sh

# apply pending migrations (TARGET: head, a version, +N)
db-upgrade TARGET="head": build
    {{migrate}} upgrade {{TARGET}}

# revert migrations (TARGET: -1, -N, a version, base)
db-downgrade TARGET="-1": build
    {{migrate}} downgrade {{TARGET}}

# the newest applied migration
db-current: build
    {{migrate}} current

# the applied migrations with their times
db-history: build
    {{migrate}} history

# every migration and its state
db-status: build
    {{migrate}} status

# write a new empty migration NAME
db-new NAME: build
    {{migrate}} new "{{NAME}}"

# autogenerate a migration from the difference between schema/ and the migrations
db-migrate MESSAGE: build
    {{migrate}} diff -m "{{MESSAGE}}"

# fail when schema/ has changes no migration covers
db-check: build
    {{migrate}} check

# check the migration files against the sum file and the database
db-verify: build
    {{migrate}} verify

# start, stop or show the local development cluster
db-server ACTION="status": build
    {{migrate}} server {{ACTION}}

# dump the project's database (or: just db-dump --from-migrations migrations)
db-dump *ARGS: build
    {{bin}}/schemake-dump {{ARGS}}

# drop and recreate the database, then apply the migrations (more: just db-reset --seed)
db-reset *ARGS: build
    {{bin}}/schemake-reset --yes --migrate {{ARGS}}

# run seeds/*.sql in one transaction, without resetting anything
db-seed *ARGS: build
    {{bin}}/schemake-reset --seed-only {{ARGS}}

# rebuild the committed generated files (dump, init script, models) from the migrations
regen: build
    cmake --build --preset {{preset}} --target regen-schema

# fail when a committed generated file, the sum file or schema/ is stale (what CI runs)
check: build
    cmake --build --preset {{preset}} --target check-schema

# benchmarks against the peers users would pick instead, the quick set (bench/RESULTS.md; SK_BENCH_BUILD=DIR: another build dir)
bench: _bench-build
    python3 bench/bench.py --build-dir "{{bench_build}}"

# every benchmark workload, N up to 10,000 (an hour or more; run it when the machine is quiet)
bench-full: _bench-build
    python3 bench/bench.py --full --build-dir "{{bench_build}}"

_bench-build:
    @cmake -S . -B "{{bench_build}}" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    @cmake --build "{{bench_build}}" -- --quiet

# the long forms of the reliability tests: faults, concurrency, bad inputs, secrets, valgrind, fuzzing (docs/RELIABILITY.md)
soak:
    bash tests/reliability/soak.sh
