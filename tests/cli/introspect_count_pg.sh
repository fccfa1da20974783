#!/usr/bin/env bash
# Introspection reads a PostgreSQL schema in a fixed number of statements,
# whatever its size: the count for 5 tables equals the count for 205
# tables with foreign keys, indexes, comments, triggers, views and types.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
sk_begin
sk_pg_begin count

driver=${SK_TEST_BIN:-$SK_BIN/../tests}/dump_driver
[ -x "$driver" ] || { echo "no dump_driver at $driver"; exit 1; }

sk_psql "$PGDB" >/dev/null <<'SQL'
CREATE TABLE t0 (id integer PRIMARY KEY, note text);
CREATE TABLE t1 (id integer PRIMARY KEY, t0_id integer REFERENCES t0 (id));
CREATE TABLE t2 (id integer PRIMARY KEY, t1_id integer REFERENCES t1 (id));
CREATE TABLE t3 (id serial PRIMARY KEY, v text UNIQUE);
CREATE TABLE t4 (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE INDEX t0_note ON t0 (note);
COMMENT ON TABLE t0 IS 'first';
SQL
run "$driver" "$PGURL" --count
expect_rc 0 "count with 5 tables"
small=$OUT
expect_eq "$([ "${small:-0}" -gt 5 ] && echo yes)" yes "introspection sent statements ($small)"

sk_psql "$PGDB" >/dev/null <<'SQL'
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
DO $$
BEGIN
    FOR i IN 1..200 LOOP
        EXECUTE format('CREATE TABLE big_%s (id serial PRIMARY KEY, parent integer REFERENCES t0 (id), '
                       'm mood, v text CHECK (v <> %L), UNIQUE (parent, v))', i, 'x');
        EXECUTE format('CREATE INDEX big_%s_v ON big_%s (lower(v))', i, i);
        EXECUTE format('COMMENT ON TABLE big_%s IS %L', i, 'table ' || i);
        EXECUTE format('COMMENT ON COLUMN big_%s.v IS %L', i, 'value ' || i);
        EXECUTE format('CREATE TRIGGER big_%s_trg BEFORE INSERT ON big_%s FOR EACH ROW EXECUTE FUNCTION trg()', i, i);
        IF i % 10 = 0 THEN
            EXECUTE format('CREATE VIEW big_view_%s AS SELECT id, v FROM big_%s', i, i);
        END IF;
    END LOOP;
END
$$;
SQL
run "$driver" "$PGURL" --count
expect_rc 0 "count with 205 tables"
expect_eq "$OUT" "$small" "the same number of statements for 205 tables as for 5"

# and the big schema is really read: every table, index and comment
run "$driver" "$PGURL"
expect_eq "$(grep -c '^CREATE TABLE' <<<"$OUT")" 205 "all 205 tables dumped"
expect_eq "$(grep -c '^CREATE INDEX big_' <<<"$OUT")" 200 "all 200 indexes dumped"
expect_eq "$(grep -c '^COMMENT ON COLUMN' <<<"$OUT")" 200 "all 200 column comments dumped"
expect_eq "$(grep -c 'FOREIGN KEY' <<<"$OUT")" 202 "all 202 foreign keys dumped"

sk_end
