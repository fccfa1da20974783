#!/usr/bin/env python3
"""Writes one benchmark workload: N migrations, each creating one table of
gen_tables.py (mixed column types, a primary key, a foreign key to the previous
table with ON DELETE CASCADE, an index; on PostgreSQL also a check, a comment,
and the enum type in the first migration), in every form the tools compared
read:

  DIR/migrations/<version>_tNNNNN.sql  dbmate's format: schemake-migrate and dbmate
  DIR/floor.sql      the same DDL as one script: 'psql -1 -f' (PostgreSQL) or
                     'sqlite3 DB < floor.sql' (SQLite; it holds BEGIN ... COMMIT)
  DIR/alembic/       alembic.ini, env.py, versions/rNNNNN_tNNNNN.py: op.execute() of
                     the same statements in a down_revision chain; the database URL
                     comes from $BENCH_ALEMBIC_URL; one transaction per migration
                     (transaction_per_migration, as dbmate and schemake do)
  DIR/changes.sql    (PostgreSQL) a few column changes: applied to a copy of the
                     N-table database, it gives the second side of the diff workload

usage: gen_workload.py N postgres|sqlite DIR
The sum file (migrations/schemake.sum) is written by 'schemake-migrate hash'
afterwards (bench.py does), so its format stays the tool's."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_tables  # noqa: E402

ENV_PY = '''"""Alembic environment of the benchmark: online mode only, URL from the
environment, one transaction per migration."""
import os

from alembic import context
from sqlalchemy import create_engine, pool

engine = create_engine(os.environ["BENCH_ALEMBIC_URL"], poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
'''

ALEMBIC_INI = """[alembic]
script_location = %(here)s
"""


def version(i):
    return f"2024{i:010d}"


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def py_str(s):
    return '"""' + s.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '"""'


def main():
    n = int(sys.argv[1])
    dialect = sys.argv[2]
    out = sys.argv[3]
    mig = os.path.join(out, "migrations")
    versions = os.path.join(out, "alembic", "versions")
    os.makedirs(mig, exist_ok=True)
    os.makedirs(versions, exist_ok=True)
    floor = ["BEGIN;"] if dialect == "sqlite" else []
    for i in range(1, n + 1):
        up = gen_tables.table(i, dialect)
        down = gen_tables.table_down(i, dialect)
        if i == 1:
            up = gen_tables.prelude(dialect) + up
            down = down + gen_tables.prelude_down(dialect)
        t = gen_tables.name(i)
        write(
            os.path.join(mig, f"{version(i)}_{t}.sql"),
            "-- migrate:up\n" + "\n".join(up) + "\n\n-- migrate:down\n" + "\n".join(down) + "\n",
        )
        floor.extend(up)
        prev = f'"r{i - 1:05d}"' if i > 1 else "None"
        body_up = "".join(f"    op.execute({py_str(s)})\n" for s in up)
        body_down = "".join(f"    op.execute({py_str(s)})\n" for s in down)
        write(
            os.path.join(versions, f"r{i:05d}_{t}.py"),
            f'"""{t}"""\nfrom alembic import op\n\nrevision = "r{i:05d}"\ndown_revision = {prev}\n'
            f"branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n{body_up}\n\n"
            f"def downgrade():\n{body_down}",
        )
    if dialect == "sqlite":
        floor.append("COMMIT;")
    write(os.path.join(out, "floor.sql"), "\n".join(floor) + "\n")
    write(os.path.join(out, "alembic", "env.py"), ENV_PY)
    write(os.path.join(out, "alembic", "alembic.ini"), ALEMBIC_INI)
    if dialect == "postgres":
        # a few columns differ: one added, one dropped, one retyped, one made nullable
        picks = sorted({max(1, n // 4), max(1, n // 2), max(1, 3 * n // 4), n})
        changes = []
        for k, i in enumerate(picks):
            t = gen_tables.name(i)
            changes.append(
                [
                    f"ALTER TABLE {t} ADD COLUMN note text;",
                    f"ALTER TABLE {t} DROP COLUMN payload;",
                    f"ALTER TABLE {t} ALTER COLUMN name TYPE varchar(200);",
                    f"ALTER TABLE {t} ALTER COLUMN name DROP NOT NULL;",
                ][k % 4]
            )
        write(os.path.join(out, "changes.sql"), "\n".join(changes) + "\n")


if __name__ == "__main__":
    main()
