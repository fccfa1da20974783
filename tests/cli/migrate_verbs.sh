#!/usr/bin/env bash
# Every verb of schemake-migrate on a real database: $1 is sqlite or pg.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_use_dialect "${1:-sqlite}" verbs

empty=$(schema)

sk_mig migrations 20240101000000 create_users <<'SQL'
-- migrate:up
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE);
-- migrate:down
DROP TABLE users;
SQL
sk_mig migrations 20240102000000 create_items <<'SQL'
-- migrate:up
CREATE TABLE items (id integer PRIMARY KEY, owner_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    title text NOT NULL);
CREATE INDEX items_owner_idx ON items (owner_id);
-- migrate:down
DROP TABLE items;
SQL
sk_mig migrations 20240201000000 add_note <<'SQL'
-- migrate:up
ALTER TABLE items ADD COLUMN note text;
-- migrate:down
ALTER TABLE items DROP COLUMN note;
SQL

# hash writes the sum file; verify --offline accepts it.
run schemake-migrate hash
expect_rc 0 "hash"
expect_in "$OUT" "wrote migrations/schemake.sum (3 migrations)" "hash output"
run schemake-migrate hash
expect_in "$OUT" "is up to date" "hash twice is a no-op"
run schemake-migrate verify --offline
expect_rc 0 "verify --offline"

# status before anything: three pending, and no history table created by reading.
run schemake-migrate status
expect_rc 0 "status"
expect_in "$OUT" "[ ] 20240101000000_create_users.sql" "status pending line"
expect_in "$OUT" "Pending: 3" "status pending count"
run schemake-migrate status --exit-code
expect_rc 1 "status --exit-code with pending"
run schemake-migrate current
expect_in "$OUT" "base" "current at base"

# dry run: prints the SQL with history statements, changes nothing.
run schemake-migrate upgrade --dry-run
expect_rc 0 "upgrade --dry-run"
expect_in "$OUT" "CREATE TABLE IF NOT EXISTS schemake_migrations" "dry run creates the history table"
expect_in "$OUT" "CREATE TABLE items" "dry run shows the DDL"
expect_in "$OUT" "INSERT INTO schemake_migrations (version, name, checksum) VALUES ('20240201000000', 'add_note'" "dry run shows history inserts"
expect_eq "$(schema)" "$empty" "dry run changed nothing"

# upgrade +1, then a prefix target.
run schemake-migrate upgrade +1
expect_rc 0 "upgrade +1"
expect_in "$OUT" "applied 20240101000000_create_users.sql" "upgrade +1 progress line"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "1" "one history row"
run schemake-migrate upgrade 202401020
expect_rc 0 "upgrade to a prefix"
expect_eq "$(sql "SELECT version FROM schemake_migrations ORDER BY version DESC LIMIT 1")" "20240102000000" "at the prefix target"
run schemake-migrate upgrade 2024
expect_rc 2 "ambiguous prefix"
expect_in "$ERR" "ambiguous revision '2024'" "ambiguous prefix message"
run schemake-migrate upgrade 1999
expect_rc 2 "unknown revision"
expect_in "$ERR" "unknown revision '1999'" "unknown revision message"
run schemake-migrate upgrade +5
expect_rc 2 "upgrade beyond pending"
run schemake-migrate upgrade
expect_rc 0 "upgrade to head"
expect_in "$OUT" "applied 1 migration" "upgrade head summary"
run schemake-migrate upgrade
expect_in "$OUT" "nothing to apply" "upgrade at head is a no-op"

# current, heads, history, status, show.
run schemake-migrate current
expect_eq "$OUT" "20240201000000 add_note (head)" "current at head"
run schemake-migrate current --json
expect_in "$OUT" '"is_head": true' "current --json"
echo "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["version"]=="20240201000000"' && sk_pass || sk_fail "current --json parses"
run schemake-migrate heads
expect_eq "$OUT" "20240201000000 add_note (head)" "heads"
run schemake-migrate history --json
echo "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert [r["version"] for r in d]==["20240101000000","20240102000000","20240201000000"], d; assert all(len(r["checksum"])==64 for r in d)' && sk_pass || sk_fail "history --json"
run schemake-migrate history
expect_in "$OUT" "20240102000000 create_items" "history text"
run schemake-migrate status --json
echo "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["applied"]==3 and d["pending"]==0, d; assert "****" in d["database"] or "sqlite" in d["database"] or "postgresql" in d["database"]' && sk_pass || sk_fail "status --json"
run schemake-migrate status --exit-code
expect_rc 0 "status --exit-code at head"
run schemake-migrate show 20240102
expect_rc 0 "show"
expect_in "$OUT" "File: migrations/20240102000000_create_items.sql" "show names the file"
expect_in "$OUT" "Up: 2 statements" "show counts statements"
run schemake-migrate verify
expect_rc 0 "verify with database"
expect_in "$OUT" "3 applied checksums match" "verify output"

# downgrade: default one step, dry run, to a version, base.
run schemake-migrate downgrade --dry-run
expect_in "$OUT" "ALTER TABLE items DROP COLUMN note;" "downgrade dry run"
expect_in "$OUT" "DELETE FROM schemake_migrations WHERE version = '20240201000000';" "downgrade dry run history"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "3" "downgrade dry run changed nothing"
run schemake-migrate downgrade
expect_rc 0 "downgrade -1"
expect_in "$OUT" "reverted 20240201000000_add_note.sql" "downgrade progress"
run schemake-migrate downgrade -1
expect_rc 0 "downgrade -1 spelled out"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "1" "two reverted"
run schemake-migrate downgrade head
expect_rc 2 "downgrade to head is a usage error"
run schemake-migrate downgrade -5
expect_rc 2 "downgrade beyond base"
run schemake-migrate upgrade
run schemake-migrate downgrade 20240101000000
expect_rc 0 "downgrade to a version"
expect_eq "$(sql "SELECT version FROM schemake_migrations")" "20240101000000" "the target stays applied"
run schemake-migrate downgrade base
expect_rc 0 "downgrade base"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "0" "nothing applied at base"
expect_eq "$(schema)" "$empty" "base leaves no tables"

# single transaction: all or nothing.
run schemake-migrate upgrade
rows_one_by_one=$(sql "SELECT version, name, checksum, status FROM schemake_migrations ORDER BY version")
run schemake-migrate downgrade base
run schemake-migrate upgrade --single-transaction
expect_rc 0 "upgrade --single-transaction"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "3" "single transaction applied all"
# Its history rows are written together before the commit (history.c).
expect_eq "$(sql "SELECT version, name, checksum, status FROM schemake_migrations ORDER BY version")" \
	"$rows_one_by_one" "single transaction: the same history rows as one at a time"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations WHERE duration_ms IS NULL OR duration_ms < 0")" "0" \
	"single transaction: a duration on every row"
run schemake-migrate downgrade base --single-transaction
expect_rc 0 "downgrade --single-transaction"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "0" "downgrade --single-transaction removed every row"
sk_mig migrations 20240301000000 broken <<'SQL'
-- migrate:up
CREATE TABLE broken (id integer);
INSERT INTO no_such_table VALUES (1);
-- migrate:down
DROP TABLE broken;
SQL
schemake-migrate hash >/dev/null
run schemake-migrate upgrade --single-transaction
expect_rc 4 "single transaction with a failing migration"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "0" "single transaction rolled back everything"
expect_eq "$(schema)" "$empty" "single transaction left no table"
rm migrations/20240301000000_broken.sql
schemake-migrate hash >/dev/null

# More migrations than one history statement holds (250 rows).
mkdir many
for i in $(seq 1 260); do
	printf -- "-- migrate:up\nCREATE TABLE many_%d (id integer);\n-- migrate:down\nDROP TABLE many_%d;\n" "$i" "$i" \
		>"many/2025$(printf '%010d' "$i")_many_$i.sql"
done
schemake-migrate -d many hash >/dev/null
run schemake-migrate -d many upgrade --single-transaction
expect_rc 0 "260 migrations in a single transaction"
expect_eq "$(sql "SELECT count(*) || ':' || count(DISTINCT checksum) FROM schemake_migrations WHERE status = 'applied'")" \
	"260:260" "260 history rows, one per migration"
run schemake-migrate -d many status --exit-code
expect_rc 0 "status: nothing pending after 260"
run schemake-migrate -d many downgrade base --single-transaction
expect_rc 0 "260 reverted in a single transaction"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "0" "every row removed"
rm -r many

# stamp: record without running.
run schemake-migrate stamp head
expect_rc 0 "stamp head"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "3" "stamp head records all"
expect_eq "$(schema)" "$empty" "stamp ran nothing"
run schemake-migrate stamp 20240101
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "1" "stamp to a version"
run schemake-migrate stamp base
expect_rc 0 "stamp base"
expect_eq "$(sql "SELECT count(*) FROM schemake_migrations")" "0" "stamp base clears"
run schemake-migrate stamp
expect_rc 2 "stamp without target"

# new: a template after the newest version, with the sum file updated.
run schemake-migrate new "Add Tags!"
expect_rc 0 "new"
f=$(ls migrations/*_add_tags.sql)
expect_in "$(cat "$f")" "-- migrate:up" "new writes a template"
run schemake-migrate verify --offline
expect_rc 0 "new updated the sum file"
run schemake-migrate new "!!!"
expect_rc 2 "new without a usable name"

# COPY ... FROM stdin data blocks in a migration (PostgreSQL).
if [ "$dialect" = pg ]; then
	schemake-migrate upgrade >/dev/null
	sk_mig migrations 29990101000000 seed_users <<'SQL'
-- migrate:up
COPY users (id, email) FROM stdin;
1	a@example.com
2	semi;colon@example.com
\.
INSERT INTO users VALUES (3, 'after@example.com');
-- migrate:down
DELETE FROM users;
SQL
	schemake-migrate hash >/dev/null
	run schemake-migrate upgrade
	expect_rc 0 "migration with COPY FROM stdin"
	expect_eq "$(sql "SELECT string_agg(email, ',' ORDER BY id) FROM users")" "a@example.com,semi;colon@example.com,after@example.com" "COPY data loaded"
	schemake-migrate downgrade >/dev/null
	rm migrations/29990101000000_seed_users.sql
	schemake-migrate hash >/dev/null
fi

# On a terminal: progress n/N, colour unless NO_COLOR is set.
if [ "$dialect" = sqlite ] && command -v script >/dev/null; then
	schemake-migrate downgrade base >/dev/null
	tty_out=$(env -u NO_COLOR TERM=xterm script -qec "schemake-migrate upgrade" /dev/null)
	expect_in "$tty_out" "[1/4] applying 20240101000000_create_users.sql" "terminal shows n/N while running"
	expect_in "$tty_out" $'\033[32mapplied' "terminal output is coloured"
	schemake-migrate downgrade base >/dev/null
	tty_out=$(NO_COLOR=1 TERM=xterm script -qec "schemake-migrate upgrade" /dev/null)
	expect_in "$tty_out" "[3/4] applied 20240201000000_add_note.sql" "terminal progress without colour"
	expect_not_in "$tty_out" $'\033[32m' "NO_COLOR turns colour off"
fi

# the front door
run schemake migrate heads
expect_rc 0 "schemake migrate heads"
expect_in "$OUT" "add_tags (head)" "front door runs schemake-migrate"
run schemake --help
expect_in "$OUT" "migrate" "schemake --help lists migrate"
run schemake nosuchtool
expect_rc 2 "unknown tool"

# usage errors
run schemake-migrate
expect_rc 2 "no verb"
run schemake-migrate frobnicate
expect_rc 2 "unknown verb"
expect_one_line "$ERR" "unknown verb is one line"
run schemake-migrate status --bogus
expect_rc 2 "unknown option"
run schemake-migrate status --dry-run
expect_rc 2 "--dry-run with status"
run schemake-migrate upgrade --lock-timeout abc
expect_rc 2 "bad lock timeout"
run schemake-migrate --help
expect_rc 0 "--help"
expect_in "$OUT" "Exit codes:" "--help documents exit codes"
run schemake-migrate --version
expect_in "$OUT" "schemake-migrate " "--version"

sk_end
