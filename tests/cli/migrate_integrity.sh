#!/usr/bin/env bash
# What upgrade refuses, each naming the file: a failing migration (rolled back
# exactly), a checksum mismatch, an out-of-order file, a stale sum file, a
# missing file, malformed files. $1 is sqlite or pg.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_use_dialect "${1:-sqlite}" integ

sk_mig migrations 20240101000000 base <<'SQL'
-- migrate:up
CREATE TABLE t (id integer PRIMARY KEY, name text);
INSERT INTO t VALUES (1, 'one');
-- migrate:down
DROP TABLE t;
SQL
schemake-migrate hash >/dev/null
run schemake-migrate upgrade
expect_rc 0 "baseline upgrade"
before=$(schema)
rows_before=$(sql "SELECT count(*) FROM schemake_migrations")

# A failing migration is rolled back: same schema before and after, no row.
sk_mig migrations 20240102000000 fails <<'SQL'
-- migrate:up
CREATE TABLE u (id integer PRIMARY KEY);
ALTER TABLE t ADD COLUMN extra integer;
CREATE INDEX t_name_idx ON t (name);

INSERT INTO t (id, name)
VALUES (1, 'duplicate key');
-- migrate:down
DROP TABLE u;
SQL
schemake-migrate hash >/dev/null
run schemake-migrate upgrade
expect_rc 4 "failing migration"
expect_in "$ERR" "migrations/20240102000000_fails.sql:6:" "error names file and line of the failing statement"
expect_one_line "$ERR" "failing migration error is one line"
expect_eq "$(schema)" "$before" "schema identical after the failed migration"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "$rows_before" "no history row for the failed migration"
expect_eq "$(sql "SELECT count(*) FROM t")" "1" "data unchanged"
if [ "$dialect" = pg ]; then
	sk_mig migrations 20240102000000 fails <<'SQL'
-- migrate:up
CREATE TABLE u (id integer PRIMARY KEY);
SELECT *
  FROM no_such_table;
-- migrate:down
DROP TABLE u;
SQL
	schemake-migrate hash >/dev/null
	run schemake-migrate upgrade
	expect_in "$ERR" "migrations/20240102000000_fails.sql:4:8: relation" "server error position mapped to line:col"
	expect_in "$ERR" 'relation "no_such_table" does not exist' "server message"
fi
rm migrations/20240102000000_fails.sql
schemake-migrate hash >/dev/null

# A checksum mismatch names the file and stops upgrade.
sk_mig migrations 20240103000000 next <<'SQL'
-- migrate:up
CREATE TABLE v (id integer);
-- migrate:down
DROP TABLE v;
SQL
schemake-migrate hash >/dev/null
sed -i 's/one/uno/' migrations/20240101000000_base.sql
run schemake-migrate upgrade
expect_rc 5 "checksum mismatch"
expect_in "$ERR" "migration '20240101000000_base.sql' was changed after it was applied" "checksum mismatch names the file"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "1" "nothing applied after a checksum mismatch"
run schemake-migrate status
expect_in "$OUT" "[!] 20240101000000_base.sql  changed since it was applied" "status shows the changed file"
run schemake-migrate verify
expect_rc 1 "verify fails on a checksum mismatch"
expect_in "$ERR" "20240101000000_base.sql" "verify names the changed file"
sed -i 's/uno/one/' migrations/20240101000000_base.sql

# CRLF line endings or a BOM alone do not change the checksum.
cp migrations/20240101000000_base.sql base.lf
python3 -c 'import sys; p = sys.argv[1]; d = open(p, "rb").read(); open(p, "wb").write(b"\xef\xbb\xbf" + d.replace(b"\n", b"\r\n"))' migrations/20240101000000_base.sql
expect_in "$(od -c migrations/20240101000000_base.sql | head -2)" "\r  \n" "the file now has CRLF line ends"
run schemake-migrate verify
expect_rc 0 "CRLF and BOM keep the checksum"
cp base.lf migrations/20240101000000_base.sql

# A stale sum file names the file and stops upgrade.
printf -- '-- migrate:up\nCREATE TABLE v (id integer, x text);\n-- migrate:down\nDROP TABLE v;\n' >migrations/20240103000000_next.sql
run schemake-migrate upgrade
expect_rc 5 "stale sum file"
expect_in "$ERR" "schemake.sum' is stale: 20240103000000_next.sql was edited" "stale sum names the file"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "1" "nothing applied with a stale sum"
run schemake-migrate verify --offline
expect_rc 1 "verify fails on a stale sum file"
schemake-migrate hash >/dev/null
run schemake-migrate upgrade
expect_rc 0 "upgrade after hash"

# An out-of-order file names the file; --allow-out-of-order applies it.
sk_mig migrations 20240102120000 late <<'SQL'
-- migrate:up
CREATE TABLE late (id integer);
-- migrate:down
DROP TABLE late;
SQL
schemake-migrate hash >/dev/null
run schemake-migrate upgrade
expect_rc 5 "out-of-order migration"
expect_in "$ERR" "20240102120000_late.sql' is older than the last applied one" "out-of-order names the file"
run schemake-migrate status
expect_in "$OUT" "20240102120000_late.sql  pending, but older than the last applied migration" "status flags out of order"
run schemake-migrate upgrade --allow-out-of-order
expect_rc 0 "--allow-out-of-order"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "3" "out-of-order applied"

# A missing file names the file.
mv migrations/20240102120000_late.sql late.sql.bak
schemake-migrate hash >/dev/null
run schemake-migrate upgrade
expect_rc 5 "missing file"
expect_in "$ERR" "applied migration '20240102120000_late.sql' is missing from 'migrations'" "missing file named"
run schemake-migrate status
expect_in "$OUT" "20240102120000_late.sql  applied, but the file is missing" "status shows the missing file"
run schemake-migrate verify
expect_rc 1 "verify fails on a missing file"
mv late.sql.bak migrations/20240102120000_late.sql
schemake-migrate hash >/dev/null

# Malformed files: each a clear error naming the file, nothing applied.
snapshot=$(schema)
count=$(sql "SELECT count(*) FROM schemake_migrations")
check_bad() { # NAME EXPECTED_TEXT (file content on stdin)
	local f="migrations/20250101000000_$1.sql"
	cat >"$f"
	schemake-migrate hash >/dev/null 2>&1
	run schemake-migrate upgrade
	expect_rc 5 "malformed: $1"
	expect_in "$ERR" "$f" "malformed $1 names the file"
	expect_in "$ERR" "$2" "malformed $1 message"
	expect_one_line "$ERR" "malformed $1 is one line"
	expect_eq "$(schema)" "$snapshot" "malformed $1 applied nothing"
	expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "$count" "malformed $1 recorded nothing"
	rm -f "$f"
}
# (input through process substitution, not a pipe: check_bad must run in this shell)
check_bad no_up "no '-- migrate:up' marker" < <(printf 'CREATE TABLE x (id int);\n')
check_bad two_up "second '-- migrate:up' marker" < <(printf -- '-- migrate:up\nCREATE TABLE x (id int);\n-- migrate:up\nCREATE TABLE y (id int);\n')
if [ "$dialect" = pg ]; then
	check_bad dollar "migrations/20250101000000_dollar.sql:3:36: unterminated dollar-quoted string" < <(printf -- '-- migrate:up\nCREATE TABLE x (id int);\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1;\n')
fi
check_bad ident "unterminated quoted identifier" < <(printf -- '-- migrate:up\nCREATE TABLE "x (id int);\n')
check_bad string "migrations/20250101000000_string.sql:3:23: unterminated" < <(printf -- "-- migrate:up\nCREATE TABLE x (id int);\nINSERT INTO x VALUES ('oops);\n")
check_bad empty "empty" < <(printf '')
check_bad garbage "not" < <(head -c 3000 /dev/urandom)
f=migrations/create_things.sql
printf -- '-- migrate:up\nCREATE TABLE x (id int);\n' >"$f"
run schemake-migrate upgrade
expect_rc 5 "bad file name"
expect_in "$ERR" "bad migration file name 'create_things.sql'" "bad file name named"
expect_eq "$(schema)" "$snapshot" "bad file name applied nothing"
rm -f "$f"

sk_end
