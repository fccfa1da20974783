#!/usr/bin/env bash
# transaction:false migrations: CREATE INDEX CONCURRENTLY completes while the
# migration lock is held; a failure midway is recorded at its statement,
# shown by status, blocks upgrade until --resume, and stamp overrides it.
# $1 is sqlite or pg.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_use_dialect "${1:-sqlite}" nontx
if [ "$dialect" = pg ]; then
	concurrently=CONCURRENTLY
else
	concurrently=
fi

sk_mig migrations 20240101000000 big <<'SQL'
-- migrate:up
CREATE TABLE big (id integer PRIMARY KEY, x integer);
INSERT INTO big SELECT g, g % 97 FROM generate_series(1, 20000) AS g;
-- migrate:down
DROP TABLE big;
SQL
if [ "$dialect" = sqlite ]; then
	sk_mig migrations 20240101000000 big <<'SQL'
-- migrate:up
CREATE TABLE big (id integer PRIMARY KEY, x integer);
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000)
INSERT INTO big SELECT n, n % 97 FROM g;
-- migrate:down
DROP TABLE big;
SQL
fi
sk_mig migrations 20240102000000 index_concurrently <<SQL
-- migrate:up transaction:false
CREATE INDEX $concurrently big_x_idx ON big (x);
-- migrate:down transaction:false
DROP INDEX $concurrently big_x_idx;
SQL
schemake-migrate hash >/dev/null

run timeout 60 schemake-migrate upgrade --lock-timeout 30000
expect_rc 0 "transaction:false index migration completes while the lock is held"
if [ "$dialect" = pg ]; then
	expect_eq "$(sql "SELECT indisvalid FROM pg_index WHERE indexrelid = 'big_x_idx'::regclass")" "t" "the concurrent index is valid"
	expect_eq "$(sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" "0" "the advisory lock is released"
else
	expect_eq "$(sql "SELECT count(*) FROM sqlite_master WHERE name = 'big_x_idx'")" "1" "the index exists"
fi

run schemake-migrate upgrade --single-transaction
expect_rc 0 "single transaction with nothing pending"
sk_mig migrations 20240103000000 steps <<'SQL'
-- migrate:up transaction:false
CREATE TABLE a1 (id integer);
CREATE TABLE a2 (id integer);
INSERT INTO needed (id) VALUES (1);
CREATE TABLE a3 (id integer);
-- migrate:down
DROP TABLE a3;
DROP TABLE a2;
DROP TABLE a1;
SQL
sk_mig migrations 20240104000000 after <<'SQL'
-- migrate:up
CREATE TABLE after_it (id integer);
-- migrate:down
DROP TABLE after_it;
SQL
schemake-migrate hash >/dev/null
run schemake-migrate upgrade --single-transaction
expect_rc 2 "--single-transaction refuses a transaction:false migration"
expect_in "$ERR" "20240103000000_steps.sql" "names the transaction:false file"

run schemake-migrate upgrade
expect_rc 4 "failing transaction:false migration"
expect_in "$ERR" "migrations/20240103000000_steps.sql:4:" "error names the failing statement's line"
expect_in "$ERR" "upgrade --resume" "hint names --resume"
expect_eq "$(sql "SELECT status || ':' || failed_statement FROM schemake_migrations WHERE version = '20240103000000'")" "failed:3" "history records the failed statement"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations WHERE version = '20240104000000'")" "0" "later migrations did not run"
run schemake-migrate status
expect_in "$OUT" "[!] 20240103000000_steps.sql  failed at statement 3" "status shows the failure"
run schemake-migrate upgrade
expect_rc 8 "upgrade refuses while a migration is failed"
expect_in "$ERR" "20240103000000_steps.sql' failed at statement 3" "refusal names the file and statement"
run schemake-migrate upgrade --resume
expect_rc 4 "resume before the cause is fixed fails again"
sql "CREATE TABLE needed (id integer)"
run schemake-migrate upgrade --resume
expect_rc 0 "resume after the fix"
expect_eq "$(sql "SELECT count(*) FROM needed")" "1" "the failed statement ran once"
expect_eq "$(sql "SELECT status FROM schemake_migrations WHERE version = '20240103000000'")" "applied" "resumed migration is applied"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "4" "later migrations ran after resume"
run schemake-migrate upgrade --resume
expect_rc 2 "nothing to resume"

# stamp overrides a failure.
sk_mig migrations 20240105000000 again <<'SQL'
-- migrate:up transaction:false
CREATE TABLE b1 (id integer);
INSERT INTO missing_again VALUES (1);
-- migrate:down
DROP TABLE b1;
SQL
schemake-migrate hash >/dev/null
run schemake-migrate upgrade
expect_rc 4 "second failure"
run schemake-migrate stamp head
expect_rc 0 "stamp over a failure"
run schemake-migrate status --exit-code
expect_rc 0 "clean after stamp"

sk_end
