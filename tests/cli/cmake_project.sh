#!/usr/bin/env bash
# The orchestration, as a user's project sees it (tests/cmake_project): after
# `cmake --install` of this build to a prefix, find_package(schemake) and one
# schemake_add_schema() call give a chain that a fresh build generates, a
# second build leaves alone, a touched migration reruns only as far as bytes
# change, a new column recompiles the C program that uses the models, and
# check/regen keep the committed copy honest. Also taken in with
# add_subdirectory.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
prefix=$SK_WORK/prefix
run cmake --install "$SK_BUILD_DIR" --prefix "$prefix"
expect_rc 0 "cmake --install to a prefix"
[ -f "$prefix/lib/cmake/schemake/schemakeConfig.cmake" ] || [ -f "$prefix"/lib/*/cmake/schemake/schemakeConfig.cmake ] && sk_pass || sk_fail "the package config is installed"

cp -r "$SK_SOURCE_DIR/tests/cmake_project" proj
build=$SK_WORK/proj/build
run cmake -S proj -B "$build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix"
expect_rc 0 "configure with find_package(schemake)"
run cmake --build "$build"
expect_rc 0 "first build"
expect_in "$OUT" "schemake: dump of demo's migrations" "first build dumps"
expect_in "$OUT" "schemake: models of demo" "first build generates models"
gen=$build/schemake/demo
for f in schema.sql schema.json init/01-schema.sql models.h models.c models.py er.mmd; do
	[ -s "$gen/$f" ] && sk_pass || sk_fail "generated $f"
done
expect_in "$(cat "$gen/schema.sql")" "CREATE TABLE person" "the dump has the table"
run "$build/demo_app"
expect_eq "$OUT" "person has 2 columns; read Ada" "the C program uses the generated models"

run cmake --build "$build"
expect_in "$OUT" "ninja: no work to do" "a second build does nothing"

# Touching a migration reruns the dump; nothing else changes, so nothing else runs.
sleep 1
touch proj/migrations/20240101000000_person.sql
run cmake --build "$build"
expect_in "$OUT" "schemake: dump of demo's migrations" "a touched migration reruns the dump"
expect_not_in "$OUT" "schemake: models of demo" "unchanged dump: codegen does not rerun"
expect_not_in "$OUT" "app.c" "unchanged dump: the program is not recompiled"
run cmake --build "$build"
expect_in "$OUT" "ninja: no work to do" "and then nothing to do again"

# A deleted generated file comes back.
rm "$gen/models.py"
run cmake --build "$build"
expect_rc 0 "rebuild after deleting a generated file"
[ -s "$gen/models.py" ] && sk_pass || sk_fail "the deleted file is regenerated"

# A rebuilt (here: newer) tool reruns its step.
sleep 1
touch "$prefix/bin/schemake-codegen"
run cmake --build "$build"
expect_in "$OUT" "schemake: models of demo" "a newer codegen reruns the models step"

# regen fills the committed copy; check passes.
run cmake --build "$build" --target regen-demo
expect_rc 0 "regen"
[ -s proj/generated/schema.sql ] && sk_pass || sk_fail "regen writes generated/"
run cmake --build "$build" --target check-demo
expect_rc 0 "check after regen"

# A new migration without regenerating: check fails naming the stale files;
# the new column recompiles the program.
cat >proj/migrations/20240102000000_age.sql <<'SQL'
-- migrate:up
ALTER TABLE person ADD COLUMN age INTEGER;
-- migrate:down
ALTER TABLE person DROP COLUMN age;
SQL
"$prefix/bin/schemake-migrate" -C proj hash >/dev/null
run cmake --build "$build"
expect_rc 0 "build after a new migration (no cmake run by hand)"
expect_in "$OUT" "app.c" "a new column recompiles the program that uses the models"
run "$build/demo_app"
expect_eq "$OUT" "person has 3 columns; read Ada" "the program sees the new column"
run cmake --build "$build" --target check-demo
expect_rc 1 "check fails on stale committed files"
expect_in "$OUT$ERR" "stale: $SK_WORK/proj/generated/schema.sql" "check names the stale dump"
expect_in "$OUT$ERR" "stale: $SK_WORK/proj/generated/models.h" "check names the stale header"
expect_in "$OUT$ERR" "regen-demo" "check says how to fix it"
run cmake --build "$build" --target regen-demo
run cmake --build "$build" --target check-demo
expect_rc 0 "check passes after regen"

# A stale sum file fails check too.
printf -- '-- migrate:up\nSELECT 1;\n' >proj/migrations/20240103000000_noop.sql
run cmake --build "$build" --target check-demo
expect_rc 1 "check fails on a stale sum file"
expect_in "$OUT$ERR" "schemake.sum' is stale" "check names the sum file"
rm proj/migrations/20240103000000_noop.sql

# add_subdirectory: the same chain with the tools built from source.
run cmake -S proj -B "$SK_WORK/sub" -G Ninja -DSCHEMAKE_SOURCE_DIR="$SK_SOURCE_DIR"
expect_rc 0 "configure with add_subdirectory(schemake)"
run cmake --build "$SK_WORK/sub" --target demo_app
expect_rc 0 "build the program with add_subdirectory"
run "$SK_WORK/sub/demo_app"
expect_eq "$OUT" "person has 3 columns; read Ada" "the add_subdirectory build works"

sk_end
