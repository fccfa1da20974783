#!/usr/bin/env bash
# schemake-codegen as a tool, on the every-type schema of $1 (sqlite or
# pg): deterministic output written only when it changed, a one-table
# change that touches only that table's blocks, diagrams that Graphviz
# renders and that follow Mermaid's erDiagram grammar, [codegen.types]
# overrides, and the errors (exit statuses, files named).
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_use_dialect "${1:-sqlite}" codegen

golden=$SK_SOURCE_DIR/tests/golden/codegen
helpers=$SK_SOURCE_DIR/tests/codegen
python=python3
command -v python3 >/dev/null || python=/usr/bin/python3

if [ "$dialect" = pg ]; then
	sk_psql "$PGDB" -f "$golden/alltypes_pg.sql" >/dev/null
	add_column() { sql "ALTER TABLE person ADD COLUMN nickname text"; }
else
	sqlite3 app.db <"$golden/alltypes_sqlite.sql"
	add_column() { sql "ALTER TABLE person ADD COLUMN nickname TEXT"; }
fi
all="models.c models.h models.py schemas.py er.dot er.mmd"

# --- every target, from the database and from a snapshot ---
run schemake-codegen --target all -o out -v
expect_rc 0 "codegen --target all"
for f in $all; do
	[ -s "out/$f" ] && sk_pass || sk_fail "out/$f written"
	expect_in "$ERR" "wrote out/$f" "-v says out/$f was written"
done
run schemake-dump --format json -o snap.json
run schemake-codegen --from-snapshot snap.json -t c,sqlalchemy,pydantic,mermaid,dot -o from_snap
run diff -r out from_snap
expect_rc 0 "a snapshot gives the same files as the database"
run schemake codegen --from-snapshot snap.json -t mermaid -o front
expect_rc 0 "schemake codegen (the front door)"
expect_eq "$(ls front)" "er.mmd" "only the target asked for"

# --- deterministic, and files left alone when unchanged ---
run schemake-codegen --from-snapshot snap.json -t all -o again
run diff -r out again
expect_rc 0 "a second run gives byte-identical files"
touch -d '2001-01-01' out/*
run schemake-codegen -t all -o out -v
expect_rc 0 "codegen into the same directory"
expect_not_in "$ERR" "wrote" "nothing rewritten"
expect_eq "$(printf '%s\n' "$ERR" | grep -c unchanged)" "6" "-v lists six unchanged files"
for f in $all; do
	expect_eq "$(stat -c %Y "out/$f")" "$(date -d 2001-01-01 +%s)" "out/$f keeps its mtime"
done
for f in $all; do
	case "$(tail -c 1 "out/$f" | od -An -c | tr -d ' ')" in
	'\n') sk_pass ;;
	*) sk_fail "out/$f ends with a newline" ;;
	esac
	if grep -q $'\r' "out/$f"; then sk_fail "out/$f has CR"; else sk_pass; fi
done

# --- a new column changes only its table's blocks ---
cp -r out before
add_column
run schemake-codegen -t all -o out -v
expect_rc 0 "codegen after ALTER TABLE person ADD COLUMN"
expect_eq "$(printf '%s\n' "$ERR" | grep -c wrote)" "6" "every file shows the new column"
run "$python" "$helpers/locality.py" before out person Person
expect_rc 0 "all changed lines are in person's blocks"
expect_in "$(cat out/models.h)" "char *nickname;" "the struct has the column"
expect_in "$(cat out/models.py)" "nickname = sa.Column(" "the model has the column"

# --- diagrams ---
run dot -Tsvg out/er.dot -o er.svg
expect_rc 0 "dot -Tsvg renders er.dot"
expect_in "$(cat er.svg)" "<svg" "an SVG"
expect_in "$(cat er.svg)" "Weird Names" "with the tables' names"
run "$python" "$helpers/mermaid_check.py" out/er.mmd
expect_rc 0 "er.mmd follows the erDiagram grammar"
if [ "$dialect" = pg ]; then drawn="12 entities, 8 relationships, 0 errors"; else drawn="9 entities, 7 relationships, 0 errors"; fi
expect_in "$OUT" "$drawn" "every table and key drawn (partitions through their parent)"
sed 's/||--o{/|--o{/' out/er.mmd >broken.mmd
printf '    ghost ||--o{ person : "x"\n' >>broken.mmd
run "$python" "$helpers/mermaid_check.py" broken.mmd
expect_rc 1 "the Mermaid check finds a broken diagram"
expect_in "$OUT" "undefined entity ghost" "and names what is wrong"

# --- [codegen.types] overrides ---
if [ "$dialect" = pg ]; then json=jsonb; tiny=smallint; uuidt=uuid; else json=JSON; tiny=TINYINT; uuidt=UUID; fi
cat >schemake.ini <<INI
[codegen.types]
$tiny = int32
$json.pydantic = typing.Dict[str, typing.Any]
$uuidt = text
$uuidt.sqlalchemy = sa.String(36)
INI
run schemake-codegen -t c,sqlalchemy,pydantic -o over
expect_rc 0 "codegen with [codegen.types]"
if [ "$dialect" = pg ]; then
	expect_in "$(cat over/models.h)" "int32_t c_smallint;" "a kind override changes the C type"
	expect_in "$(cat over/schemas.py)" "json_: typing.Optional[typing.Dict[str, typing.Any]] = None" "a pydantic override"
else
	expect_in "$(cat over/models.h)" "int32_t c_tinyint;" "a kind override changes the C type"
	expect_in "$(cat over/schemas.py)" "c_json: typing.Optional[typing.Dict[str, typing.Any]] = None" "a pydantic override"
fi
if [ "$dialect" = pg ]; then uuid_field="c_uuid: str"; else uuid_field="c_uuid: typing.Optional[str]"; fi
expect_in "$(cat over/schemas.py)" "$uuid_field" "the kind sets the Python type"
expect_in "$(cat over/models.py)" "c_uuid = sa.Column(sa.String(36)" "a sqlalchemy override"
printf '[codegen.types]\nfoo = nosuchkind\n' >schemake.ini
run schemake-codegen -t c -o over
expect_rc 3 "an unknown kind is a configuration error"
expect_in "$ERR" "schemake.ini:2" "naming the line"
expect_in "$ERR" "unknown kind 'nosuchkind'" "and the kind"
printf '[codegen.types]\nfoo = text\nFOO = text\n' >schemake.ini
run schemake-codegen -t c -o over
expect_rc 3 "a duplicate key is a configuration error"
expect_in "$ERR" "schemake.ini:3" "naming the second line"
rm schemake.ini

# --- errors ---
run schemake-codegen -t c -o err --from-snapshot missing.json
expect_rc 7 "a missing snapshot"
expect_in "$ERR" "missing.json" "names the file"
printf '{\n' >bad.json
run schemake-codegen -t c -o err --from-snapshot bad.json
expect_rc 5 "a malformed snapshot"
expect_in "$ERR" "bad.json:" "names the file and where"
printf '{"format": "something else"}\n' >other.json
run schemake-codegen -t c -o err --from-snapshot other.json
expect_rc 5 "not a snapshot"
expect_in "$ERR" "other.json" "names the file"
run schemake-codegen -t c,java -o err --from-snapshot snap.json
expect_rc 2 "an unknown target"
expect_in "$ERR" "unknown target 'java'" "names it"
run schemake-codegen -o err --from-snapshot snap.json
expect_rc 2 "no target"
run schemake-codegen -t c --from-snapshot snap.json
expect_rc 2 "no output directory"
run schemake-codegen -t c -o err --name 9lives --from-snapshot snap.json
expect_rc 2 "a --name that is not a C identifier"
touch afile
run schemake-codegen -t c -o afile --from-snapshot snap.json
expect_rc 7 "an output path that is a file"
expect_in "$ERR" "afile" "names it"
run schemake-codegen -t c -o afile/sub --from-snapshot snap.json
expect_rc 7 "an output directory that cannot be created"
expect_in "$ERR" "afile/sub" "names it"
expect_eq "$(ls -d err 2>/dev/null)" "" "nothing written on errors"
run schemake-codegen -o x -t c extra
expect_rc 2 "an extra argument"
run schemake-codegen --help
expect_rc 0 "--help"
expect_in "$OUT" "Exit codes:" "--help lists the exit codes"
expect_in "$OUT" "--target" "--help shows the options"
mkdir -p nested/deeper
run schemake-codegen -t mermaid -o nested/deeper/new/dir --from-snapshot snap.json
expect_rc 0 "-o creates missing directories"
[ -f nested/deeper/new/dir/er.mmd ] && sk_pass || sk_fail "er.mmd in the new directory"

sk_end
