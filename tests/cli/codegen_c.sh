#!/usr/bin/env bash
# schemake-codegen's C target against real databases: the schema of every
# column type (tests/golden/codegen/alltypes_{pg,sqlite}.sql) and the
# example project's migrations are loaded, C is generated from the loaded
# database, compiled with -std=c11 -Wall -Wextra -Wpedantic -Werror (gcc,
# and clang when present) together with a test program of
# tests/codegen/ that writes rows with every value through the generated
# helpers, reads them back and compares every field, and updates by
# primary key. The programs run under ASan+UBSan when the compiler can, so
# a leak in the generated code fails the test.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_pg_begin codegen_c

golden=$SK_SOURCE_DIR/tests/golden/codegen
progs=$SK_SOURCE_DIR/tests/codegen
cc=${CC:-cc}
pq_cflags=$(pkg-config --cflags libpq 2>/dev/null || echo "-I$(pg_config --includedir)")
warn=(-std=c11 -Wall -Wextra -Wpedantic -Werror)
san=()
echo 'int main(void) { return 0; }' >probe.c
if "$cc" -fsanitize=address,undefined probe.c -o probe 2>/dev/null && ./probe 2>/dev/null; then
	san=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -g)
fi
export UBSAN_OPTIONS=print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1

# build OUT GENDIR NAME PROGRAM.c: the program linked with GENDIR/NAME.c
build() {
	# shellcheck disable=SC2086
	run "$cc" "${warn[@]}" "${san[@]}" -I"$2" -I"$progs" $pq_cflags -o "$1" "$4" "$2/$3.c" -lpq -lsqlite3 -lm
}

# compiles GENDIR/NAME.c alone with more warnings and other compilers, and
# with each driver left out (its header then not on the include path)
compile_variants() {
	local dir=$1 name=$2 upper
	upper=$(echo "$name" | tr '[:lower:]' '[:upper:]')
	# shellcheck disable=SC2086
	run "$cc" "${warn[@]}" -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wcast-qual \
		-Wwrite-strings $pq_cflags -c "$dir/$name.c" -o /dev/null
	expect_rc 0 "$dir/$name.c compiles with -Wshadow -Wmissing-prototypes -Wcast-qual ..."
	if command -v clang >/dev/null; then
		# shellcheck disable=SC2086
		run clang "${warn[@]}" $pq_cflags -c "$dir/$name.c" -o /dev/null
		expect_rc 0 "$dir/$name.c compiles with clang"
	fi
	run "$cc" "${warn[@]}" -D"${upper}_NO_LIBPQ" -c "$dir/$name.c" -o /dev/null
	expect_rc 0 "$dir/$name.c compiles without libpq (${upper}_NO_LIBPQ)"
	# shellcheck disable=SC2086
	run "$cc" "${warn[@]}" -D"${upper}_NO_SQLITE" $pq_cflags -c "$dir/$name.c" -o /dev/null
	expect_rc 0 "$dir/$name.c compiles without sqlite3 (${upper}_NO_SQLITE)"
	if command -v g++ >/dev/null; then
		# shellcheck disable=SC2086
		run g++ -std=c++17 -Wall -Werror $pq_cflags -fsyntax-only -x c++ "$dir/$name.h"
		expect_rc 0 "$dir/$name.h is usable from C++"
	fi
}

conninfo="host=$SK_PG_SOCKDIR port=$SK_PG_PORT user=$SK_PG_SUPERUSER dbname=$PGDB"

# --- PostgreSQL: every type ---
sk_psql "$PGDB" -f "$golden/alltypes_pg.sql" >/dev/null
run schemake-codegen --database-url "$PGURL" --target c -o gen_pg
expect_rc 0 "codegen c from PostgreSQL"
expect_eq "$(ls gen_pg | tr '\n' ' ')" "models.c models.h " "models.h and models.c"
schemake-dump --database-url "$PGURL" --format json -o pg.json
run schemake-codegen --from-snapshot pg.json -t c -o gen_pg_snap
run diff -r gen_pg gen_pg_snap
expect_rc 0 "from the snapshot as from the database"
compile_variants gen_pg models
build alltypes_pg gen_pg models "$progs/alltypes_pg.c"
expect_rc 0 "alltypes_pg.c builds against the generated code"
run ./alltypes_pg "$conninfo"
expect_rc 0 "every PostgreSQL value round-trips through the C models"
expect_in "$OUT" "0 failed" "alltypes_pg ran its checks"

# --- SQLite: every type ---
sqlite3 lite.db <"$golden/alltypes_sqlite.sql"
run schemake-codegen --database-url sqlite:lite.db -t c -o gen_lite
expect_rc 0 "codegen c from SQLite"
compile_variants gen_lite models
build alltypes_sqlite gen_lite models "$progs/alltypes_sqlite.c"
expect_rc 0 "alltypes_sqlite.c builds against the generated code"
run ./alltypes_sqlite lite.db
expect_rc 0 "every SQLite value round-trips through the C models"
expect_in "$OUT" "0 failed" "alltypes_sqlite ran its checks"

# --- the example project, with --name ---
ex_db="${PGDB}_ex"
sk_psql postgres -c "CREATE DATABASE \"$ex_db\"" >/dev/null
SK_CLEANUP+=("sk_psql postgres -c 'DROP DATABASE IF EXISTS \"$ex_db\" WITH (FORCE)'")
ex_url="postgresql:///$ex_db?host=$SK_PG_SOCKDIR&port=$SK_PG_PORT&user=$SK_PG_SUPERUSER"
cp -r "$SK_SOURCE_DIR/migrations" migrations
run schemake-migrate --database-url "$ex_url" upgrade
expect_rc 0 "the example project's migrations"
run schemake-codegen --database-url "$ex_url" -t c --name app -o gen_app
expect_rc 0 "codegen c --name app"
expect_eq "$(ls gen_app | tr '\n' ' ')" "app.c app.h " "--name names the files"
compile_variants gen_app app
build example_pg gen_app app "$progs/example_pg.c"
expect_rc 0 "example_pg.c builds against the generated code"
run ./example_pg "host=$SK_PG_SOCKDIR port=$SK_PG_PORT user=$SK_PG_SUPERUSER dbname=$ex_db"
expect_rc 0 "the example project's rows round-trip through the C models"
expect_in "$OUT" "0 failed" "example_pg ran its checks"

sk_end
