#!/usr/bin/env bash
# schemake-dump on a real database: $1 is sqlite or pg. The oracle is the
# database itself: a dump loaded into a fresh database gives the same schema
# (pg_dump --schema-only / sqlite3 .schema).
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_use_dialect "${1:-sqlite}" dump

if [ "$dialect" = pg ]; then
	cp -r "$SK_SOURCE_DIR/migrations" migrations
	fresh_db() { # NAME: a new empty database; echo its URL
		sk_psql postgres -c "CREATE DATABASE \"$1\"" >/dev/null
		SK_CLEANUP+=("sk_psql postgres -c 'DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)'")
		echo "postgresql:///$1?host=$SK_PG_SOCKDIR&port=$SK_PG_PORT&user=$SK_PG_SUPERUSER"
	}
	load() { sk_psql "$1" -v ON_ERROR_STOP=1 -f "$2" >/dev/null; }
	schema_of() { sk_pg_schema "$1"; }
	dbname_of() { echo "$1"; }
else
	sk_mig migrations 20240101000000 users <<'SQL'
-- migrate:up
CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, "order" INTEGER);
CREATE INDEX users_order_idx ON users ("order") WHERE "order" IS NOT NULL;
-- migrate:down
DROP TABLE users;
SQL
	sk_mig migrations 20240102000000 items <<'SQL'
-- migrate:up
CREATE TABLE items (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE, title TEXT);
CREATE VIEW item_titles AS SELECT title FROM items;
CREATE TABLE audit (note TEXT);
CREATE TRIGGER items_audit AFTER INSERT ON items BEGIN INSERT INTO audit VALUES ('item'); END;
-- migrate:down
DROP TRIGGER items_audit; DROP TABLE audit; DROP VIEW item_titles; DROP TABLE items;
SQL
	fresh_db() { echo "sqlite:$1.db"; }
	load() { sqlite3 "$1.db" <"$2"; }
	# .schema lists objects in creation order, which a dump need not keep:
	# compare the catalog itself, sorted.
	schema_of() { sqlite3 "$1.db" "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'schemake_migrations%' AND name NOT LIKE 'sqlite_autoindex_schemake%' ORDER BY type, name"; }
fi
schemake-migrate hash >/dev/null
run schemake-migrate upgrade
expect_rc 0 "upgrade the source database"

# A dump of the database loads into a fresh one and gives the same schema.
run schemake-dump
expect_rc 0 "dump the project's database"
printf '%s\n' "$OUT" >dump.sql
expect_not_in "$OUT" "schemake_migrations" "the history table is left out"
expect_not_in "$OUT" "OWNER TO" "no owners"
expect_not_in "$OUT" "SET " "no SET lines"
expect_not_in "$OUT" "\\restrict" "no restrict keys"
url_b=$(fresh_db copy_b)
load copy_b dump.sql
if [ "$dialect" = pg ]; then src=$PGDB; else src=app; fi
expect_eq "$(schema_of copy_b)" "$(schema_of "$src")" "the dump recreates the schema exactly"
run schemake-dump --database-url "$url_b"
expect_eq "$OUT" "$(cat dump.sql)" "dumping the copy gives the same bytes"

# --from-migrations equals the dump of the upgraded database, and leaves no scratch database.
# (the scratch database is named after the process: other tests share the cluster)
run bash -c 'echo $$ >dump.pid; exec schemake-dump --from-migrations migrations'
expect_rc 0 "dump --from-migrations"
expect_eq "$OUT" "$(cat dump.sql)" "--from-migrations equals the dump of an upgraded database"
if [ "$dialect" = pg ]; then
	expect_eq "$(sk_psql postgres -At -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'schemake_scratch_$(cat dump.pid)_%'")" "0" "the scratch database is dropped"
fi

# -o: atomic, untouched when the same.
run schemake-dump -o out.sql
expect_rc 0 "dump -o"
expect_eq "$(cat out.sql)" "$(cat dump.sql)" "-o writes the dump"
touch -d '2001-01-01' out.sql
run schemake-dump -o out.sql
expect_eq "$(stat -c %Y out.sql)" "$(date -d 2001-01-01 +%s)" "an identical dump leaves the file's mtime alone"

# JSON snapshot: database -> JSON -> SQL equals database -> SQL.
run schemake-dump --format json -o snap.json
expect_rc 0 "dump --format json"
python3 -c 'import json,sys; d=json.load(open("snap.json")); assert d["format"]=="schemake-snapshot" and d["version"]==1' && sk_pass || sk_fail "snapshot is JSON with format and version"
run schemake-dump --from-snapshot snap.json
expect_rc 0 "dump --from-snapshot"
expect_eq "$OUT" "$(cat dump.sql)" "JSON round trip gives the same SQL"
run schemake-dump --from-snapshot snap.json --format json
expect_eq "$OUT" "$(cat snap.json)" "JSON round trip gives the same JSON"

run schemake-dump -o both.sql --json-output both.json
expect_eq "$(cat both.sql)" "$(cat dump.sql)" "--json-output keeps -o's SQL"
expect_eq "$(cat both.json)" "$(cat snap.json)" "--json-output writes the same snapshot"

# Filters.
run schemake-dump --exclude-table 'item*'
expect_not_in "$OUT" "items (" "--exclude-table leaves the table out"
expect_in "$OUT" "users (" "--exclude-table keeps the others"
run schemake-dump --schema no_such_schema
expect_not_in "$OUT" "CREATE TABLE" "--schema keeps only that schema"

# --with-versions: a database loaded from the dump counts as migrated.
run schemake-dump --with-versions -o versions.sql
expect_rc 0 "dump --with-versions"
expect_in "$(cat versions.sql)" "INSERT INTO schemake_migrations" "versions are in the dump"
url_c=$(fresh_db copy_c)
load copy_c versions.sql
run schemake-migrate status --exit-code --database-url "$url_c"
expect_rc 0 "a database loaded with --with-versions is at head"
run schemake-migrate upgrade --database-url "$url_c"
expect_in "$OUT" "nothing to apply" "upgrade on it has nothing to do"

# Bad input.
run schemake-dump --format yaml
expect_rc 2 "unknown format"
run schemake-dump --from-snapshot missing.json
expect_rc 7 "missing snapshot file"
expect_in "$ERR" "missing.json" "missing snapshot named"
printf '{"format": "schemake-snapshot", "version": 99}\n' >v99.json
run schemake-dump --from-snapshot v99.json
expect_rc 5 "snapshot of another version"
expect_one_line "$ERR" "snapshot version error is one line"
printf '{"format": \n' >broken.json
run schemake-dump --from-snapshot broken.json
expect_rc 5 "malformed snapshot"
expect_in "$ERR" "broken.json" "malformed snapshot named"
run schemake-dump --from-migrations migrations --from-snapshot snap.json
expect_rc 2 "two sources"
run schemake-dump --from-migrations no_such_dir
expect_rc 7 "missing migrations directory"
mkdir ro && chmod 555 ro
if [ "$(id -u)" -ne 0 ]; then
	run schemake-dump -o ro/out.sql
	expect_rc 7 "read-only output directory"
fi
run schemake-dump --database-url "sqlite:/nonexistent/x.db"
expect_rc 3 "unreachable database"

sk_end
