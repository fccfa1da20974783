#!/bin/bash
# The differ's golden corpus, with the real tools as oracles. Each case is a
# directory tests/golden/diff/<dialect>/NNN_name/ holding:
#   from.sql           the current schema (and rows: INSERTs are welcome)
#   to.sql             the desired schema
#   renames            optional: rename hints, one TABLE=NEW or TABLE.COLUMN=NEW a line
#   expected_up.sql    the migration's up section, exactly
#   expected_down.sql  its down section, exactly
#   check.sql          optional: queries whose output after up and after down
#                      must be check_up.out and check_down.out (rows, rowids;
#                      it runs on a copy, so it may write)
# For each case:
#   sqlite3 a.db < from.sql, sqlite3 b.db < to.sql;
#   the migration (diff_driver, the library's differ) compared with the golden
#   files; every "-- schemake:destructive" marker has its warning on stderr;
#   applied with schemake-migrate upgrade to a copy of a.db: schemake-dump
#   equals b.db's token for token, the sorted catalog equals b.db's (a
#   table's text aside: ALTER TABLE ADD COLUMN leaves SQLite's layout), so
#   do the tables as SQLite reads them (columns, keys, indexes), the rows of
#   every table that stays are all there, AUTOINCREMENT counters kept,
#   integrity and foreign key checks pass, and diffing again finds nothing;
#   reverted with schemake-migrate downgrade: the same against a.db, the
#   rows of the tables that stayed are back, and diffing against a.db finds
#   nothing.
# SK_UPDATE_GOLDEN=1 rewrites the expected files: review them before
# committing.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin

dialect=${1:-sqlite}
if [ "$dialect" != sqlite ]; then
	echo "FAIL: diff_corpus.sh: no runner for dialect '$dialect' yet" >&2
	exit 1
fi
CORPUS=$SK_SOURCE_DIR/tests/golden/diff/$dialect
DRIVER=${SK_TEST_BIN:-}/diff_driver
if [ -z "${SK_TEST_BIN:-}" ] || [ ! -x "$DRIVER" ]; then
	echo "FAIL: no diff driver (SK_TEST_BIN=${SK_TEST_BIN:-unset})" >&2
	exit 1
fi

# expect_same_file A B WHAT: the two files are byte-identical.
expect_same_file() {
	if cmp -s "$1" "$2"; then
		sk_pass
	else
		OUT=$(diff -u "$1" "$2" | head -40)
		ERR=''
		sk_fail "$3: $1 and $2 differ"
	fi
}

# Every object with its stored SQL (but a table's), whatever the order of
# creation.
objects() {
	sqlite3 "$1" "SELECT type, name, tbl_name, CASE type WHEN 'table' THEN '' ELSE sql END
		FROM sqlite_schema WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\'
		AND name <> 'schemake_migrations' ORDER BY type, name"
}

# Every table as SQLite reads it: columns, foreign keys, indexes.
structure() {
	sqlite3 "$1" "CREATE TEMP VIEW _sk_tables AS SELECT name FROM main.sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'schemake_migrations';
		SELECT m.name, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden
		FROM temp._sk_tables m, pragma_table_xinfo(m.name, 'main') c ORDER BY 1, 2;
		SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete, f.match
		FROM temp._sk_tables m, pragma_foreign_key_list(m.name, 'main') f ORDER BY 1, 2, 3;
		SELECT m.name, i.name, i.\"unique\", i.origin, i.partial
		FROM temp._sk_tables m, pragma_index_list(m.name, 'main') i ORDER BY 1, 2"
}

# The SQL tokens of file $1, one a line: white space and comments dropped,
# strings and quoted names whole (their line breaks as \n), every other
# character on its own. Written here, not taken from schemake's lexer, so
# that it can judge it.
tokens() {
	awk 'BEGIN { text = "" }
	{ text = text $0 "\n" }
	END {
		n = length(text)
		i = 1
		while (i <= n) {
			c = substr(text, i, 1)
			if (c == " " || c == "\t" || c == "\n" || c == "\r") { i++; continue }
			if (substr(text, i, 2) == "--") {
				while (i <= n && substr(text, i, 1) != "\n") i++
				continue
			}
			if (substr(text, i, 2) == "/*") {
				j = index(substr(text, i + 2), "*/")
				i = j ? i + j + 3 : n + 1
				continue
			}
			if (c == "\047" || c == "\"" || c == "`" || c == "[") {
				q = c == "[" ? "]" : c
				j = i + 1
				while (j <= n) {
					if (substr(text, j, 1) == q) {
						if (q != "]" && substr(text, j + 1, 1) == q) { j += 2; continue }
						break
					}
					j++
				}
				t = substr(text, i, j - i + 1)
				gsub(/\n/, "\\n", t)
				print t
				i = j + 1
				continue
			}
			if (c ~ /[A-Za-z0-9_$]/ || c > "~") {
				j = i
				while (j <= n && ((d = substr(text, j, 1)) ~ /[A-Za-z0-9_$]/ || d > "~")) j++
				print substr(text, i, j - i)
				i = j
				continue
			}
			print c
			i++
		}
	}' "$1"
}

dump() {
	schemake-dump --database-url "sqlite:$1" >"$2"
}

# expect_same_sql A B WHAT: the two SQL files have the same tokens.
expect_same_sql() {
	tokens "$1" >"$1.tokens"
	tokens "$2" >"$2.tokens"
	expect_same_file "$1.tokens" "$2.tokens" "$3"
}

tables() {
	sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'schemake_migrations' ORDER BY name"
}

# The name table $1 of a.db has in b.db after the case's renames.
renamed() {
	local t=$1 line
	if [ -f "$case_dir/renames" ]; then
		while IFS= read -r line; do
			case "$line" in "$t="*) echo "${line#*=}"; return ;; esac
		done <"$case_dir/renames"
	fi
	echo "$t"
}

# rowcounts DB: "name|rows|AUTOINCREMENT counter" for every table of DB (two
# sqlite3 runs, whatever the number of tables).
rowcounts() {
	local names t l seq='' q=''
	names=$(sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite\_stat%' ESCAPE '\' AND name <> 'schemake_migrations' ORDER BY name")
	while IFS= read -r t; do
		[ "$t" = sqlite_sequence ] && seq=1
	done <<<"$names"
	while IFS= read -r t; do
		if [ -z "$t" ] || [ "$t" = sqlite_sequence ]; then
			continue
		fi
		l=${t//\'/\'\'}
		[ -n "$q" ] && q+=" UNION ALL "
		q+="SELECT '$l', (SELECT count(*) FROM \"${t//\"/\"\"}\"), "
		if [ -n "$seq" ]; then
			q+="(SELECT seq FROM sqlite_sequence WHERE name = '$l')"
		else
			q+="NULL"
		fi
	done <<<"$names"
	[ -z "$q" ] || sqlite3 "$1" "$q"
}

# check_rows DB up|down: every table of a.db that is in DB afterwards (under
# its new name after up; after down, the tables that up kept) has a.db's
# rows and AUTOINCREMENT counter.
check_rows() {
	local db=$1 what=$2 line t n rows seq
	declare -A now=() kept=()
	while IFS='|' read -r t rows seq; do
		[ -n "$t" ] && now[$t]="$rows|$seq"
	done < <(rowcounts "$db")
	while IFS= read -r t; do
		[ -n "$t" ] && kept[$t]=1
	done < <(tables b.db)
	while IFS='|' read -r t rows seq; do
		[ -n "$t" ] || continue
		n=$(renamed "$t")
		[ "$what" = up ] || { [ -n "${kept[$n]:-}" ] || continue; n=$t; }
		[ -n "${now[$n]+x}" ] || continue
		line=${now[$n]}
		expect_eq "${line%%|*}" "$rows" "$case_name: $what: rows of $n"
		if [ -n "$seq" ] && [ -n "${line#*|}" ]; then
			expect_eq "${line#*|}" "$seq" "$case_name: $what: AUTOINCREMENT counter of $n"
		fi
	done <<<"$a_counts"
}

# check_data DB up|down: check.sql's output is check_<what>.out.
check_data() {
	[ -f "$case_dir/check.sql" ] || return 0
	cp "$1" check.db
	sqlite3 check.db <"$case_dir/check.sql" >"check_$2.out" 2>&1
	rm -f check.db
	expect_same_file "$case_dir/check_$2.out" "check_$2.out" "$case_name: $2: check.sql"
}

# check_db DB WHAT: integrity_check says ok, foreign_key_check nothing.
check_db() {
	run sqlite3 "$1" "PRAGMA integrity_check" "PRAGMA foreign_key_check"
	expect_eq "$OUT" "ok" "$case_name: $2: integrity and foreign key checks"
}

ncases=0
nrebuild=0
# expect_schema_of WANT STEP: after STEP (up or down), proj/work.db holds
# WANT.db's schema (dump, catalog, tables), its rows and data pass the case's
# checks, and the differ finds nothing between the two.
expect_schema_of() {
	local want=$1 step=$2
	dump proj/work.db "$step.dump"
	dump "$want.db" "$want.dump"
	expect_same_sql "$want.dump" "$step.dump" "$case_name: dump after $step"
	objects proj/work.db >"$step.objects"
	objects "$want.db" >"$want.objects"
	expect_same_file "$want.objects" "$step.objects" "$case_name: catalog after $step"
	structure proj/work.db >"$step.structure"
	structure "$want.db" >"$want.structure"
	expect_same_file "$want.structure" "$step.structure" "$case_name: tables after $step"
	check_rows proj/work.db "$step"
	check_data proj/work.db "$step"
	check_db proj/work.db "$step"
	run "$DRIVER" sqlite:proj/work.db "sqlite:$want.db"
	expect_rc 0 "$case_name: diff after $step"
	expect_eq "$OUT" "" "$case_name: diff after $step finds nothing"
}

for case_dir in "$CORPUS"/*/; do
	case_dir=${case_dir%/}
	case_name=$(basename "$case_dir")
	ncases=$((ncases + 1))
	mkdir -p "$SK_WORK/$case_name/proj/migrations"
	cd "$SK_WORK/$case_name" || exit 1

	run sqlite3 -bail a.db ".read $case_dir/from.sql"
	expect_rc 0 "$case_name: from.sql loads"
	a_counts=$(rowcounts a.db)
	run sqlite3 -bail b.db ".read $case_dir/to.sql"
	expect_rc 0 "$case_name: to.sql loads"

	hints=()
	if [ -f "$case_dir/renames" ]; then
		while IFS= read -r line; do
			[ -n "$line" ] && hints+=(--rename "$line")
		done <"$case_dir/renames"
	fi
	"$DRIVER" sqlite:a.db sqlite:b.db --title "$case_name" "${hints[@]+"${hints[@]}"}" >mig.sql 2>mig.err
	# shellcheck disable=SC2034 # read by expect_rc and sk_fail
	RC=$? OUT='' ERR=$(cat mig.err)
	expect_rc 0 "$case_name: diff"
	awk '/^-- migrate:down/ { d = 1 } !d' mig.sql >up.sql
	awk '/^-- migrate:down/ { d = 1 } d' mig.sql >down.sql
	if [ -n "${SK_UPDATE_GOLDEN:-}" ]; then
		cp up.sql "$case_dir/expected_up.sql"
		cp down.sql "$case_dir/expected_down.sql"
	fi
	expect_same_file "$case_dir/expected_up.sql" up.sql "$case_name: up"
	expect_same_file "$case_dir/expected_down.sql" down.sql "$case_name: down"
	# one warning per destructive marker, with the same reason
	expect_eq "$(grep '^-- schemake:destructive ' up.sql | sed 's/^-- schemake:destructive //')" \
		"$(grep '^destructive: ' mig.err | sed 's/^destructive: //')" "$case_name: destructive warnings"
	grep -q '^-- rebuild ' up.sql && nrebuild=$((nrebuild + 1))

	if [ ! -s mig.sql ]; then
		# no difference: the two schemas must be the same already
		dump a.db a.dump
		dump b.db b.dump
		expect_same_sql a.dump b.dump "$case_name: no operations, same dumps"
		structure a.db >a.structure
		structure b.db >b.structure
		expect_same_file a.structure b.structure "$case_name: no operations, same tables"
		continue
	fi

	cp a.db proj/work.db
	cp mig.sql "proj/migrations/20240101000000_$case_name.sql"
	export DATABASE_URL=sqlite:work.db
	(cd proj && schemake-migrate hash >/dev/null)
	run schemake-migrate -C proj -q upgrade
	expect_rc 0 "$case_name: upgrade"
	expect_schema_of b up

	run schemake-migrate -C proj -q downgrade
	expect_rc 0 "$case_name: downgrade"
	expect_schema_of a down
done
cd "$SK_WORK" || exit 1
if [ "$ncases" -ge 60 ]; then sk_pass; else sk_fail "the corpus has $ncases cases, fewer than 60"; fi
if [ "$nrebuild" -ge 20 ]; then sk_pass; else sk_fail "only $nrebuild cases rebuild a table"; fi

sk_end
