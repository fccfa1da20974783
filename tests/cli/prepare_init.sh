#!/usr/bin/env bash
# schemake-prepare-init on real pg_dump --schema-only output (with its
# \restrict lines): the prepared script loads with psql -v ON_ERROR_STOP=1 as
# the non-superuser owner of a fresh database, and the oracle, pg_dump of
# source and target, shows the same schema. Also -o, --check, stdin, flags
# and bad inputs.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_pg_begin prep
src=$PGDB
reader="sk_prep_reader_$$"
sk_psql postgres -c "CREATE ROLE $reader" >/dev/null
SK_CLEANUP+=("sk_psql postgres -c 'DROP ROLE IF EXISTS $reader'")

pgdump() { pg_dump -h "$SK_PG_SOCKDIR" -p "$SK_PG_PORT" -U "$SK_PG_SUPERUSER" "$@"; }
# A database owned by the non-superuser sk_user (cluster.sh creates it).
owned_db() {
	sk_psql postgres -c "CREATE DATABASE \"$1\" OWNER sk_user" >/dev/null
	# first in the list: the role below can only go once the databases are gone
	SK_CLEANUP=("sk_psql postgres -c 'DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)'" "${SK_CLEANUP[@]}")
}
# load_as_owner DB FILE: what docker-entrypoint-initdb.d does, as sk_user.
load_as_owner() {
	run psql -X -q -v ON_ERROR_STOP=1 -h "$SK_PG_SOCKDIR" -p "$SK_PG_PORT" -U sk_user -d "$1" -f "$2"
}
# The \restrict / \unrestrict lines of pg_dump (random key) and the blank line after each.
unrestrict() { awk '/^\\(un)?restrict [A-Za-z0-9]+$/ { skip = 1; next } skip && /^$/ { skip = 0; next } { skip = 0; print }'; }
# pg_dump's view of a schema, owners left out (the loader owns everything).
schema_no_owner() { pgdump --schema-only --no-owner "$@" | unrestrict; }
# The function body that must survive byte for byte.
body_of() { sk_psql "$1" -At -c "SELECT pg_get_functiondef('app.touch()'::regprocedure)"; }

if sk_psql "$src" >/dev/null <<SQL; then sk_pass; else sk_fail "create the source schema"; fi
CREATE EXTENSION citext;
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the app';
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN app.posint AS integer CHECK (VALUE > 0);
CREATE SEQUENCE app.counter START 100;
CREATE TABLE app.users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email citext NOT NULL UNIQUE,
  mood app.mood DEFAULT 'ok',
  n app.posint,
  note text DEFAULT 'ALTER TABLE x OWNER TO y;'
);
CREATE TABLE app.items (id serial PRIMARY KEY, user_id bigint REFERENCES app.users (id), owner text);
COMMENT ON TABLE app.items IS 'items; ALTER TABLE app.items OWNER TO nobody;';
COMMENT ON COLUMN app.items.owner IS E'who\\\\owns it';
CREATE TABLE public.notes (id int PRIMARY KEY, body text);
CREATE VIEW app.v_users AS SELECT id, email FROM app.users;
CREATE MATERIALIZED VIEW app.mv AS SELECT count(*) AS n FROM app.items;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS \$body\$
DECLARE
  msg text := '
\\restrict not-a-meta-command
ALTER TABLE app.items OWNER TO nobody;
';
BEGIN
  -- ALTER TABLE app.users OWNER TO someone;
  RAISE NOTICE '%', msg;
  RETURN NEW;
END
\$body\$;
CREATE TRIGGER items_touch BEFORE INSERT ON app.items FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE PROCEDURE app.p() LANGUAGE sql AS \$\$ SELECT 1 \$\$;
CREATE AGGREGATE app.mysum(integer) (sfunc = int4pl, stype = integer);
GRANT USAGE ON SCHEMA app TO $reader;
GRANT SELECT ON app.users, app.v_users TO $reader;
GRANT SELECT (id) ON app.items TO $reader;
REVOKE ALL ON FUNCTION app.touch() FROM PUBLIC;
SQL
pgdump --schema-only "$src" >dump.sql
expect_in "$(head -c 300 dump.sql)" '\restrict ' "pg_dump writes \\restrict"
expect_in "$(cat dump.sql)" "OWNER TO $SK_PG_SUPERUSER;" "pg_dump writes owners"

# --- the prepared script, exactly ----------------------------------------
run schemake-prepare-init dump.sql -o init.sql
expect_rc 0 "prepare the dump"
expect_eq "$OUT$ERR" "" "-o prints nothing"
# shellcheck disable=SC1003 # a backslash, not an escaped quote
expect_eq "$(grep -c '^\\' init.sql)" "1" "one backslash line left: the one inside the function body"
expect_in "$(cat init.sql)" $'\n\\restrict not-a-meta-command\n' "the body's \\restrict line is kept"
expect_not_in "$(cat init.sql)" "OWNER TO $SK_PG_SUPERUSER" "no ALTER ... OWNER TO"
# Removing the owners gives, byte for byte, what pg_dump --no-owner writes
# (but for the "Owner:" in comments).
expect_eq "$(sed 's/; Owner: .*$//' init.sql)" "$(schema_no_owner "$src" | sed 's/; Owner: .*$//')" \
	"the script is pg_dump --no-owner's, byte for byte"
run schemake-prepare-init init.sql
expect_eq "$OUT" "$(cat init.sql)" "preparing the prepared script changes nothing"
run schemake-prepare-init - <dump.sql
expect_rc 0 "standard input"
expect_eq "$OUT" "$(cat init.sql)" "standard input gives the same script"

# --- it loads as the non-superuser owner, and recreates the schema --------
owned_db "${src}_t1"
load_as_owner "${src}_t1" dump.sql
if [ "$RC" -ne 0 ]; then sk_pass; else sk_fail "the raw dump should not load as the owner"; fi
sk_psql postgres -c "DROP DATABASE \"${src}_t1\" WITH (FORCE)" >/dev/null
owned_db "${src}_t1"
load_as_owner "${src}_t1" init.sql
expect_rc 0 "the prepared script loads as sk_user with ON_ERROR_STOP"
expect_eq "$(schema_no_owner "${src}_t1")" "$(schema_no_owner "$src")" \
	"pg_dump --no-owner of source and target are identical (grants included)"
expect_eq "$(sk_psql "${src}_t1" -At -c "SELECT tableowner FROM pg_tables WHERE tablename = 'items'")" "sk_user" \
	"the loader owns the objects"
expect_eq "$(body_of "${src}_t1")" "$(body_of "$src")" "the function body survived byte for byte"
expect_in "$(body_of "${src}_t1")" $'\n\\restrict not-a-meta-command\nALTER TABLE app.items OWNER TO nobody;\n' \
	"the body still holds its \\restrict and OWNER TO lines"
expect_eq "$(sk_psql "${src}_t1" -At -c "SELECT obj_description('app.items'::regclass)")" \
	"items; ALTER TABLE app.items OWNER TO nobody;" "a comment holding OWNER TO is kept"

# --- CREATE SCHEMA public (pg_dump -n public) -----------------------------
pgdump --schema-only -n public "$src" >public.sql
expect_in "$(cat public.sql)" $'\nCREATE SCHEMA public;\n' "pg_dump -n public creates the schema"
run schemake-prepare-init public.sql -o public-init.sql
expect_in "$(cat public-init.sql)" $'\nCREATE SCHEMA IF NOT EXISTS public;\n' "CREATE SCHEMA IF NOT EXISTS public"
owned_db "${src}_t2"
load_as_owner "${src}_t2" public-init.sql
expect_rc 0 "the public schema script loads into a database that has public"
expect_eq "$(schema_no_owner -n public "${src}_t2")" "$(schema_no_owner -n public "$src")" \
	"the public schema is recreated"

# --- COMMENT ON EXTENSION plpgsql (what older pg_dump versions wrote) ----
awk '{ print } /^SET row_security = off;$/ {
	print ""; print "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;"; print ""
	print "COMMENT ON EXTENSION plpgsql IS '\''PL/pgSQL procedural language'\'';" }' dump.sql >old-dump.sql
run schemake-prepare-init old-dump.sql -o old-init.sql
owned_db "${src}_t3"
load_as_owner "${src}_t3" old-init.sql
expect_rc 3 "without --strip-extension-comments, COMMENT ON EXTENSION plpgsql fails"
expect_in "$ERR" "must be owner of extension plpgsql" "the server says why"
run schemake-prepare-init --strip-extension-comments old-dump.sql -o old-init.sql
expect_not_in "$(cat old-init.sql)" "COMMENT ON EXTENSION" "--strip-extension-comments"
expect_in "$(cat old-init.sql)" "CREATE EXTENSION IF NOT EXISTS plpgsql" "CREATE EXTENSION is kept"
sk_psql postgres -c "DROP DATABASE \"${src}_t3\" WITH (FORCE)" >/dev/null
owned_db "${src}_t3"
load_as_owner "${src}_t3" old-init.sql
expect_rc 0 "with --strip-extension-comments it loads"

# --- a PostgreSQL 17 header on this older server: --target-version -------
sed 's/^SET idle_in_transaction_session_timeout = 0;$/&\nSET transaction_timeout = 0;/' dump.sql >dump17.sql
expect_in "$(cat dump17.sql)" $'\nSET transaction_timeout = 0;\n' "a pg_dump 17 style header"
server_major=$(sk_psql postgres -At -c "SELECT current_setting('server_version_num')::int / 10000")
if [ "$server_major" -lt 17 ]; then
	run schemake-prepare-init dump17.sql -o init17.sql
	owned_db "${src}_t4"
	load_as_owner "${src}_t4" init17.sql
	expect_rc 3 "SET transaction_timeout fails on PostgreSQL $server_major"
	expect_in "$ERR" "transaction_timeout" "the server names the parameter"
	sk_psql postgres -c "DROP DATABASE \"${src}_t4\" WITH (FORCE)" >/dev/null
fi
run schemake-prepare-init --target-version "$server_major" dump17.sql -o init17.sql
expect_rc 0 "--target-version $server_major"
expect_not_in "$(cat init17.sql)" "transaction_timeout" "the unknown setting is gone"
expect_eq "$(cat init17.sql)" "$(cat init.sql)" "and nothing else changed"
owned_db "${src}_t4"
load_as_owner "${src}_t4" init17.sql
expect_rc 0 "it loads"
run schemake-prepare-init --target-version 11 dump.sql
expect_not_in "$OUT" "default_table_access_method" "--target-version 11 drops default_table_access_method"
expect_in "$OUT" "SET idle_in_transaction_session_timeout" "but keeps what 11 knows"
run schemake-prepare-init --target-version 9.5 dump.sql
expect_not_in "$OUT" "idle_in_transaction_session_timeout" "--target-version 9.5"
expect_in "$OUT" "SET row_security = off;" "9.5 knows row_security"

# --- --strip-set, --strip-grants ------------------------------------------
run schemake-prepare-init --strip-set dump.sql -o noset.sql
expect_rc 0 "--strip-set"
expect_eq "$(grep -cE '^(SET|SELECT pg_catalog.set_config)' noset.sql)" "0" "no SET or set_config left"
owned_db "${src}_t5"
load_as_owner "${src}_t5" noset.sql
expect_rc 0 "the script without settings loads"
expect_eq "$(schema_no_owner "${src}_t5")" "$(schema_no_owner "$src")" "and gives the same schema"

sk_psql "$src" -c "ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO $reader" >/dev/null
pgdump --schema-only "$src" >dump-acl.sql
run schemake-prepare-init dump-acl.sql -o acl-init.sql
owned_db "${src}_t6"
load_as_owner "${src}_t6" acl-init.sql
expect_rc 3 "ALTER DEFAULT PRIVILEGES FOR ROLE $SK_PG_SUPERUSER needs that role"
sk_psql postgres -c "DROP DATABASE \"${src}_t6\" WITH (FORCE)" >/dev/null
run schemake-prepare-init --strip-grants dump-acl.sql -o acl-init.sql
expect_eq "$(grep -cE '^(GRANT|REVOKE|ALTER DEFAULT PRIVILEGES)' acl-init.sql)" "0" "--strip-grants"
owned_db "${src}_t6"
load_as_owner "${src}_t6" acl-init.sql
expect_rc 0 "with --strip-grants it loads"
expect_eq "$(schema_no_owner --no-privileges "${src}_t6")" "$(schema_no_owner --no-privileges "$src")" \
	"the same schema, privileges aside"
expect_eq "$(sk_psql "${src}_t6" -At -c "SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = '$reader'")" \
	"0" "no grants in the target"

# --- -o keeps an unchanged file, --check ----------------------------------
touch -d '2001-02-03 04:05:06' init.sql
run schemake-prepare-init dump.sql -o init.sql
expect_rc 0 "-o again"
expect_eq "$(stat -c %Y init.sql)" "$(date -d '2001-02-03 04:05:06' +%s)" "an unchanged output keeps its mtime"
run schemake-prepare-init dump.sql --check init.sql
expect_rc 0 "--check of a fresh file"
expect_eq "$OUT$ERR" "" "--check says nothing when fresh"
printf -- '-- edited\n' >>init.sql
cp init.sql stale.sql
run schemake-prepare-init --strip-grants dump.sql --check init.sql
expect_rc 1 "--check of a stale file"
expect_one_line "$ERR" "--check: one line"
expect_in "$ERR" "'init.sql' is out of date" "--check names the file"
expect_in "$ERR" "schemake-prepare-init --strip-grants dump.sql -o init.sql" "--check gives the command that fixes it"
expect_eq "$(cat init.sql)" "$(cat stale.sql)" "--check writes nothing"
run schemake-prepare-init dump.sql --check missing.sql
expect_rc 1 "--check of a missing file"
expect_in "$ERR" "'missing.sql' does not exist" "--check of a missing file names it"
if [ ! -e missing.sql ]; then sk_pass; else sk_fail "--check created the file"; fi
run schemake-prepare-init dump.sql -o init.sql
expect_rc 0 "-o rewrites the stale file"
expect_not_in "$(cat init.sql)" "-- edited" "the stale file is replaced"
run schemake-prepare-init dump.sql --check init.sql
expect_rc 0 "and --check passes again"

# --- bad inputs and usage -------------------------------------------------
run schemake-prepare-init nope.sql
expect_rc 7 "a missing input"
expect_in "$ERR" "nope.sql" "the missing input is named"
expect_one_line "$ERR" "a missing input: one line"
mkdir adir
run schemake-prepare-init adir
expect_rc 7 "a directory as input"
# shellcheck disable=SC2016 # a dollar quote, not an expansion
printf 'SELECT 1;\n\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$\nSELECT 1;\n' >bad.sql
run schemake-prepare-init bad.sql -o bad-init.sql
expect_rc 5 "an unterminated dollar quote"
expect_in "$ERR" "bad.sql:3:49: unterminated dollar-quoted string" "located as file:line:col"
expect_one_line "$ERR" "an unterminated dollar quote: one line"
if [ ! -e bad-init.sql ]; then sk_pass; else sk_fail "nothing is written on an error"; fi
printf "SELECT 'open\n" >open.sql
run schemake-prepare-init - <open.sql
expect_rc 5 "an unterminated string on standard input"
expect_in "$ERR" "<stdin>:1:8:" "standard input is named <stdin>"
printf 'SELECT 1;\n\0\0\0binary' >nul.sql
run schemake-prepare-init nul.sql
expect_rc 5 "NUL bytes"
expect_in "$ERR" "nul.sql:2:1: NUL byte" "NUL bytes are located"
head -c 64 /bin/sh >elf.bin
run schemake-prepare-init elf.bin
expect_rc 5 "a binary file"
printf 'SELECT 1; -- caf\xe9\n' >latin1.sql
run schemake-prepare-init latin1.sql
expect_rc 5 "invalid UTF-8"
expect_in "$ERR" "latin1.sql:1:17: invalid UTF-8" "invalid UTF-8 is located"
: >empty.sql
run schemake-prepare-init empty.sql
expect_rc 0 "an empty input"
expect_eq "$OUT" "" "gives an empty script"

run schemake-prepare-init
expect_rc 2 "no input"
run schemake-prepare-init a.sql b.sql
expect_rc 2 "two inputs"
run schemake-prepare-init --bogus dump.sql
expect_rc 2 "an unknown option"
run schemake-prepare-init --target-version 9 dump.sql
expect_rc 2 "a bad --target-version"
expect_in "$ERR" "'9'" "the bad version is named"
run schemake-prepare-init dump.sql -o x.sql --check y.sql
expect_rc 2 "-o with --check"
run schemake-prepare-init --help
expect_rc 0 "--help"
for opt in --output --check --strip-grants --strip-extension-comments --strip-set --target-version "Exit codes:"; do
	expect_in "$OUT" "$opt" "--help mentions $opt"
done
run schemake-prepare-init --version
expect_in "$OUT" "schemake-prepare-init " "--version"

sk_end
