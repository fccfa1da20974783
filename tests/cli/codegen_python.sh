#!/usr/bin/env bash
# schemake-codegen's Python targets against real databases: the generated
# SQLAlchemy models' Base.metadata.create_all() on a fresh database gives
# back the schema they came from (PostgreSQL: the schemake-dump SQL is
# byte-identical; SQLite: the snapshot is, but for the CREATE statements
# SQLite keeps verbatim), and rows written and read through the models
# validate with the Pydantic schemas (tests/codegen/orm_check.py). Needs
# python3 with SQLAlchemy, Pydantic and psycopg2 (Debian's python3-sqlalchemy,
# python3-pydantic, python3-psycopg2).
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_pg_begin codegen_py

golden=$SK_SOURCE_DIR/tests/golden/codegen
check=$SK_SOURCE_DIR/tests/codegen/orm_check.py

python=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import sqlalchemy, pydantic, psycopg2' 2>/dev/null; then
		python=$p
		break
	fi
done
if [ -z "$python" ]; then
	echo "FAIL: no python3 with sqlalchemy, pydantic and psycopg2 (apt-get install python3-sqlalchemy python3-pydantic python3-psycopg2)" >&2
	exit 1
fi

# new_pg NAME: a fresh database; sets url (schemake) and sa_url (SQLAlchemy)
new_pg() {
	sk_psql postgres -c "CREATE DATABASE \"$1\"" >/dev/null
	SK_CLEANUP+=("sk_psql postgres -c 'DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)'")
	url="postgresql:///$1?host=$SK_PG_SOCKDIR&port=$SK_PG_PORT&user=$SK_PG_SUPERUSER"
	sa_url="postgresql+psycopg2://$SK_PG_SUPERUSER@/$1?host=$SK_PG_SOCKDIR&port=$SK_PG_PORT"
}

# The structural view of a SQLite snapshot: everything but what SQLite
# keeps verbatim (tables' "sql", indexes' "definition").
sqlite_structure() {
	"$python" - "$1" <<'PY'
import json, sys
def strip(o, parent=None):
    if isinstance(o, dict):
        return {k: strip(v, k) for k, v in o.items()
                if k != "sql" and not (k == "definition" and parent == "indexes")}
    if isinstance(o, list):
        return [strip(x, parent) for x in o]
    return o
print(json.dumps(strip(json.load(open(sys.argv[1]))), indent=1, sort_keys=True))
PY
}

# --- PostgreSQL: every type, and the example project ---
sk_psql "$PGDB" -f "$golden/alltypes_pg.sql" >/dev/null
run schemake-codegen --database-url "$PGURL" --target sqlalchemy,pydantic -o pg
expect_rc 0 "codegen sqlalchemy,pydantic from PostgreSQL"
expect_eq "$(ls pg | tr '\n' ' ')" "models.py schemas.py " "only the targets asked for"
new_pg "${PGDB}_ca"
run "$python" "$check" create pg "$sa_url"
expect_rc 0 "create_all on a fresh PostgreSQL database"
schemake-dump --database-url "$PGURL" >orig.sql
schemake-dump --database-url "$url" >created.sql
run diff -u orig.sql created.sql
expect_rc 0 "create_all recreates every type's table exactly (schemake-dump)"
run "$python" "$check" check pg "$sa_url" alltypes_pg
expect_rc 0 "rows through the models validate with the schemas (PostgreSQL)"
expect_in "$OUT" "0 failed" "orm_check ran"

new_pg "${PGDB}_ex"
ex_url=$url
cp -r "$SK_SOURCE_DIR/migrations" migrations
run schemake-migrate --database-url "$ex_url" upgrade
expect_rc 0 "the example project's migrations"
run schemake-dump --database-url "$ex_url" --format json -o example.json
run schemake-codegen --from-snapshot example.json -t sqlalchemy,pydantic -o ex
expect_rc 0 "codegen of the example project"
new_pg "${PGDB}_exca"
run "$python" "$check" create ex "$sa_url"
expect_rc 0 "create_all of the example project"
# Models carry tables, not views, functions or triggers (docs/CODEGEN.md):
# compare what they carry.
sk_psql "${PGDB}_ex" -c "DROP TRIGGER users_touch_updated_at ON users" -c "DROP FUNCTION touch_updated_at()" \
	-c "DROP VIEW live_items" >/dev/null
schemake-dump --database-url "$ex_url" >ex_orig.sql
schemake-dump --database-url "$url" >ex_created.sql
run diff -u ex_orig.sql ex_created.sql
expect_rc 0 "create_all recreates the example project exactly"
run "$python" "$check" check ex "$sa_url" example
expect_rc 0 "the example project's rows validate"

# --- SQLite ---
sqlite3 lite.db <"$golden/alltypes_sqlite.sql"
run schemake-codegen --database-url sqlite:lite.db -t sqlalchemy,pydantic -o lite
expect_rc 0 "codegen sqlalchemy,pydantic from SQLite"
run "$python" "$check" create lite sqlite:///created.db
expect_rc 0 "create_all on a fresh SQLite file"
schemake-dump --database-url sqlite:lite.db --format json -o lite.json
schemake-dump --database-url sqlite:created.db --format json -o created.json
sqlite_structure lite.json >lite.txt
sqlite_structure created.json >created.txt
run diff -u lite.txt created.txt
expect_rc 0 "create_all recreates every SQLite type's table (snapshot without verbatim SQL)"
run "$python" "$check" check lite sqlite:///created.db alltypes_sqlite
expect_rc 0 "rows through the models validate with the schemas (SQLite)"

# The models import on their own, and the schemas without SQLAlchemy.
run "$python" -c "import sys; sys.path.insert(0, 'lite'); sys.modules['sqlalchemy'] = None; import schemas; print(schemas.PersonRead.__name__)"
expect_in "$OUT" "PersonRead" "schemas.py does not need SQLAlchemy"

sk_end
