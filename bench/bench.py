#!/usr/bin/env python3
"""schemake's benchmark suite: schemake and, in the same run, the tools users
would pick instead, on the same generated workloads (gen_workload.py), timed as
whole processes by measure.py (a warm-up, then rounds in which the commands take
turns). Writes bench/RESULTS.md (a table per workload, the targets met or not,
the evidence for each one not met) and bench/results/bench-<set>.json.

usage: bench.py [--full] [--runs N] [--only W[,W...]] [--sizes N[,N...]]
                [--build-dir DIR] [--no-install] [--keep WORKDIR] [--no-profile]
  W: apply, noop, dump, diff, codegen, build
  --full   every workload at N = 100, 1,000 and 10,000 (just bench-full);
           default: the quick set (just bench), which leaves out what costs
           minutes (N = 10,000, Alembic applying 1,000 migrations)

Peers it installs when missing: dbmate and migra (npm, into bench/.peers),
Alembic with psycopg2 (apt). A peer that cannot be installed or run is
reported with its error and the rest still runs. PostgreSQL is a private
throwaway cluster (tests/pg/cluster.sh), always stopped at the end; every tool
reaches it over TCP on 127.0.0.1. Not its job: thresholds that fail a build
(the targets are reported, never enforced)."""
import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import measure  # noqa: E402

PEERS = os.path.join(HERE, ".peers")
NODE_BIN = os.path.join(PEERS, "node_modules", ".bin")
WORKLOADS = ["apply", "noop", "dump", "diff", "codegen", "build"]

# Which sizes each workload runs at, per set. Alembic applying migrations is
# left out of the quick set above QUICK_ALEMBIC_APPLY_MAX (minutes per size).
QUICK = {"apply": [100, 1000], "noop": [1000], "dump": [1000], "diff": [1000], "codegen": [1000],
         "build": [1000]}
FULL = {"apply": [100, 1000, 10000], "noop": [100, 1000, 10000], "dump": [1000, 10000],
        "diff": [1000, 10000], "codegen": [1000, 10000], "build": [100, 1000, 10000]}
QUICK_ALEMBIC_APPLY_MAX = 100
# Tables of the full set measured with fewer runs and no warm-up, because
# one round of their commands takes minutes (applying 10,000 migrations:
# about 5 minutes on PostgreSQL, whose one-transaction floor alone runs for
# a minute and a half, and 3 on SQLite), and 5 runs after a warm-up would
# add three quarters of an hour to the full set; `--only apply --sizes
# 10000` measures them with --runs after a warm-up.
FULL_LONG_TABLES = {("apply", 10000): 1}


def run_ok(c, what):
    """One untimed run of a measure.Command, accepting its exit codes."""
    p = subprocess.run(["/bin/sh", "-c", c.cmd], capture_output=True, text=True)
    if p.returncode not in c.ok:
        raise measure.RunError(f"{what} '{c.cmd}' exited {p.returncode}: {p.stderr.strip()[-600:]}")


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def q(s):
    return shlex.quote(str(s))


def sh_out(cmd, **kw):
    """Output of a command, or None when it cannot run."""
    try:
        p = subprocess.run(cmd, shell=isinstance(cmd, str), capture_output=True, text=True, timeout=120, **kw)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if p.returncode != 0:
        return None
    return (p.stdout or p.stderr).strip()


class Fatal(Exception):
    pass


# --- targets ---------------------------------------------------------------
# kind "ratio": median(ours) / median(peer) <= limit; "mem": peak(ours) / peak(peer)
# <= limit; "abs": median(ours) < limit seconds. Each names the table it reads
# (workload, dialect, N) and the rows.
def targets():
    t = []
    for d, dn in (("postgres", "PostgreSQL"), ("sqlite", "SQLite")):
        t += [
            dict(id=f"noop-dbmate-{d}", text=f"no-op upgrade at head, N = 1,000, {dn}: ≤ 0.5× dbmate",
                 table=("noop", d, 1000), ours="schemake upgrade", peer="dbmate up", kind="ratio", limit=0.5),
            dict(id=f"noop-alembic-{d}", text=f"no-op upgrade at head, N = 1,000, {dn}: ≤ 0.03× Alembic",
                 table=("noop", d, 1000), ours="schemake upgrade", peer="alembic upgrade head", kind="ratio",
                 limit=0.03),
            dict(id=f"noop-floor-{d}", text=f"no-op upgrade at head, N = 1,000, {dn}: within 2× of `select 1`",
                 table=("noop", d, 1000), ours="schemake upgrade", peer="floor: select 1", kind="ratio", limit=2.0),
        ]
    t += [
        dict(id="apply-dbmate-postgres", text="apply N = 1,000, PostgreSQL, a transaction per migration: ≤ 0.7× dbmate",
             table=("apply", "postgres", 1000), ours="schemake", peer="dbmate", kind="ratio", limit=0.7),
        dict(id="apply-dbmate-sqlite", text="apply N = 1,000, SQLite, a transaction per migration: ≤ 0.5× dbmate",
             table=("apply", "sqlite", 1000), ours="schemake", peer="dbmate", kind="ratio", limit=0.5),
        dict(id="apply-floor-sqlite", text="apply N = 1,000, SQLite, `--single-transaction`: within 1.3× of the "
             "one-transaction floor", table=("apply", "sqlite", 1000), ours="schemake --single-transaction",
             peer="floor: one transaction", kind="ratio", limit=1.3),
        dict(id="apply-floor-postgres", text="apply N = 1,000, PostgreSQL, `--single-transaction`: within 1.3× of "
             "the one-transaction floor", table=("apply", "postgres", 1000), ours="schemake --single-transaction",
             peer="floor: one transaction", kind="ratio", limit=1.3),
    ]
    for n in (1000, 10000):
        t += [
            dict(id=f"dump-time-{n}", text=f"dump, N = {n:,}: ≤ 0.5× `pg_dump --schema-only`",
                 table=("dump", "postgres", n), ours="schemake-dump", peer="pg_dump --schema-only", kind="ratio",
                 limit=0.5),
            dict(id=f"dump-mem-{n}", text=f"dump, N = {n:,}: peak memory ≤ pg_dump's",
                 table=("dump", "postgres", n), ours="schemake-dump", peer="pg_dump --schema-only", kind="mem",
                 limit=1.0),
        ]
    t += [
        dict(id="diff-live", text="diff of two live 1,000-table databases: ≤ 0.2× migra",
             table=("diff", "postgres", 1000), ours="schemake diff (databases)", peer="migra", kind="ratio",
             limit=0.2),
        dict(id="diff-snapshot", text="diff of two 10,000-table snapshots: < 0.5 s",
             table=("diff", "postgres", 10000), ours="schemake diff (snapshots)", kind="abs", limit=0.5),
        dict(id="codegen", text="codegen of 10,000 tables (all targets): < 1 s",
             table=("codegen", "postgres", 10000), ours="schemake-codegen (fresh output)", kind="abs", limit=1.0),
        dict(id="build-noop", text="a no-op `cmake --build` (N = 1,000 migrations): < 0.1 s",
             table=("build", "sqlite", 1000), ours="cmake --build (nothing to do)", kind="abs", limit=0.1),
    ]
    return t


class Bench:
    def __init__(self, args):
        self.args = args
        self.set = "full" if args.full else "quick"
        self.plan = FULL if args.full else QUICK
        self.sizes_given = bool(args.sizes)
        self.argv = []
        skip = False
        for a in sys.argv[1:]:  # the build directory is machine-specific: left out
            if skip or a.startswith("--build-dir"):
                skip = a == "--build-dir" and not skip
                continue
            self.argv.append(os.path.basename(a) if os.path.isabs(a) else a)  # no machine paths
        if args.sizes:
            sizes = [int(x) for x in args.sizes.split(",")]
            self.plan = {w: sizes for w in WORKLOADS}
        self.only = args.only.split(",") if args.only else WORKLOADS
        for w in self.only:
            if w not in WORKLOADS:
                raise Fatal(f"unknown workload '{w}' (one of {', '.join(WORKLOADS)})")
        self.build = os.path.abspath(args.build_dir)
        self.bin = os.path.join(self.build, "bin")
        self.runs = args.runs
        self.tables = []  # the measured tables, in order
        self.peer_errors = {}  # peer -> why it is missing
        self.pending = {}  # table key -> why a schemake command could not run
        self.tools = {}
        self.pg = None
        self.workloads = {}
        self.refs = {}
        self.at_head = {}
        self.profiles = {}
        self.started = datetime.datetime.now(datetime.timezone.utc)
        self.duration_s = None
        self.load_start = os.getloadavg()
        self.work = None
        self.versions_seen = None
        self.complete = True  # False for a report written from a checkpoint

    def make_work(self):
        if self.args.keep:
            self.work = os.path.abspath(self.args.keep)
            os.makedirs(self.work, exist_ok=True)
        else:
            self.work = tempfile.mkdtemp(prefix="sk-bench.")
        os.chmod(self.work, 0o755)  # the cluster's user reads the workload files

    def load(self, path):
        """A previous run's JSON, to write its report again (--report-from):
        bench/FINDINGS.md edited since is taken in."""
        with open(path) as f:
            doc = json.load(f)
        self.set, self.runs, self.tables = doc["set"], doc["runs"], doc["tables"]
        self.peer_errors = doc["peer_errors"]
        self.pending = {(k.split("/")[0], k.split("/")[1], int(k.split("/")[2])): v
                        for k, v in doc["pending"].items()}
        self.profiles = {(tuple(t), o): v for t, o, v in doc.get("profiles", [])}
        self.started = datetime.datetime.fromisoformat(doc["started"])
        self.duration_s = doc.get("duration_s")
        self.sizes_given = doc.get("sizes_given", False)
        self.argv = doc.get("argv", [])
        self.complete = doc.get("complete", True)
        return doc["versions"], doc["machine"]

    # --- environment ---------------------------------------------------------
    def portable(self, cmd):
        """A command as the report shows it: no paths of this machine."""
        return cmd.replace(self.work, "$WORK").replace(self.bin, "$BUILD/bin").replace(PEERS, "$PEERS")

    def local(self, cmd):
        """The inverse of portable(): a recorded command, runnable here."""
        return cmd.replace("$WORK", self.work).replace("$BUILD/bin", self.bin).replace("$PEERS", PEERS)

    def tool(self, name):
        return os.path.join(self.bin, name)

    def install_peers(self):
        if not os.path.exists(os.path.join(NODE_BIN, "dbmate")) or not os.path.exists(
                os.path.join(NODE_BIN, "migra")):
            if self.args.no_install:
                log("dbmate/migra missing and --no-install given")
            elif not shutil.which("npm"):
                self.peer_errors["dbmate"] = self.peer_errors["migra"] = "npm is not installed"
            else:
                log("installing dbmate and @pgkit/migra into bench/.peers (npm)")
                p = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", PEERS, "dbmate",
                                    "@pgkit/migra"], capture_output=True, text=True)
                if p.returncode != 0:
                    err = (p.stderr or p.stdout).strip()[-400:]
                    self.peer_errors["dbmate"] = self.peer_errors["migra"] = f"npm install failed: {err}"
        for name in ("dbmate", "migra"):
            path = os.path.join(NODE_BIN, name)
            if name not in self.peer_errors:
                if not os.path.exists(path):
                    self.peer_errors[name] = f"{path} is missing"
                else:
                    self.tools[name] = path
        # Alembic: Debian's python3-alembic, for Debian's python3 (a python3
        # earlier on PATH, e.g. pyenv's, does not see it).
        self.alembic_py = None
        for py in ("/usr/bin/python3", shutil.which("python3")):
            if py and sh_out([py, "-c", "import alembic, psycopg2"]) is not None:
                self.alembic_py = py
                break
        if not self.alembic_py and not self.args.no_install:
            if shutil.which("apt-get"):
                log("installing python3-alembic and python3-psycopg2 (apt-get)")
                cmd = ["apt-get", "install", "-y", "-q", "python3-alembic", "python3-psycopg2"]
                if os.geteuid() != 0:
                    cmd = ["sudo", "-n"] + cmd
                p = subprocess.run(cmd, capture_output=True, text=True)
                if p.returncode != 0:
                    self.peer_errors["alembic"] = "apt-get install python3-alembic python3-psycopg2 failed: " + \
                        (p.stderr or p.stdout).strip()[-400:]
                elif sh_out(["/usr/bin/python3", "-c", "import alembic, psycopg2"]) is not None:
                    self.alembic_py = "/usr/bin/python3"
            else:
                self.peer_errors["alembic"] = "apt-get is not available to install python3-alembic"
        if not self.alembic_py and "alembic" not in self.peer_errors:
            self.peer_errors["alembic"] = "python3 cannot import alembic and psycopg2"
        for name in ("psql", "pg_dump", "sqlite3", "cmake", "ninja"):
            path = shutil.which(name)
            if path:
                self.tools[name] = path
            else:
                self.peer_errors[name] = f"'{name}' is not on PATH"
        for name in ("schemake-migrate", "schemake-dump", "schemake-codegen"):
            if not os.access(self.tool(name), os.X_OK):
                raise Fatal(f"{self.tool(name)} is missing: build first (cmake --build {self.build})")

    def versions(self):
        v = {}
        v["schemake"] = sh_out([self.tool("schemake-migrate"), "--version"])
        commit = sh_out(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
        # What the tools are built from; edits to docs or to bench/ itself do not count.
        dirty = sh_out(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no", "--",
                        "src", "cmake", "CMakeLists.txt"])
        if commit:
            v["schemake"] = (f"{v['schemake']} (git {commit}"
                             f"{', with uncommitted changes to its sources' if dirty else ''})")
        if "dbmate" in self.tools:
            v["dbmate"] = sh_out([self.tools["dbmate"], "--version"])
        if "migra" in self.tools:
            try:
                with open(os.path.join(PEERS, "node_modules", "@pgkit", "migra", "package.json")) as f:
                    v["migra"] = "@pgkit/migra " + json.load(f)["version"]
            except OSError:
                pass
            v["node"] = sh_out(["node", "--version"])
        if self.alembic_py:
            v["alembic"] = sh_out([self.alembic_py, "-c", "import alembic, sqlalchemy, psycopg2, sys; "
                                   "print('alembic', alembic.__version__, '/ SQLAlchemy', sqlalchemy.__version__,"
                                   "'/ psycopg2', psycopg2.__version__.split()[0], '/ Python', sys.version.split()[0])"])
        for name, cmd in (("psql", ["psql", "--version"]), ("pg_dump", ["pg_dump", "--version"]),
                          ("sqlite3", ["sqlite3", "--version"]), ("cmake", ["cmake", "--version"]),
                          ("ninja", ["ninja", "--version"])):
            if name in self.tools:
                out = sh_out(cmd)
                v[name] = out.splitlines()[0] if out else None
        if self.pg:
            v["PostgreSQL server"] = self.psql_value("postgres", "SHOW server_version")
        cc = sh_out(["cc", "--version"])
        v["C compiler"] = cc.splitlines()[0] if cc else None
        return {k: x for k, x in v.items() if x}

    def machine(self):
        cpu = None
        try:
            with open("/proc/cpuinfo") as f:
                for line in f:
                    if line.startswith("model name"):
                        cpu = line.split(":", 1)[1].strip()
                        break
        except OSError:
            pass
        mem = None
        try:
            with open("/proc/meminfo") as f:
                for line in f:
                    if line.startswith("MemTotal:"):
                        mem = int(line.split()[1]) / 1024 / 1024
        except OSError:
            pass
        return {
            "cpu": cpu or platform.processor() or "unknown",
            "cores": os.cpu_count(),
            "memory_gib": round(mem, 1) if mem else None,
            "kernel": f"{platform.system()} {platform.release()}",
            "load_start": [round(x, 2) for x in self.load_start],
            "load_end": [round(x, 2) for x in os.getloadavg()],
            "filesystem": sh_out(["df", "-T", self.work]).splitlines()[-1].split()[1]
            if sh_out(["df", "-T", self.work]) else None,
        }

    # --- PostgreSQL ------------------------------------------------------------
    def start_cluster(self):
        d = os.path.join(self.work, "pg")
        log("starting a private PostgreSQL cluster")
        p = subprocess.run(["bash", os.path.join(ROOT, "tests", "pg", "cluster.sh"), "start", d],
                           capture_output=True, text=True)
        self.pg_dir = d
        if p.returncode != 0:
            raise Fatal(f"cannot start the PostgreSQL cluster: {p.stderr.strip()}")
        env = {}
        with open(os.path.join(d, "env")) as f:
            for line in f:
                k, _, val = line.strip().partition("=")
                env[k] = shlex.split(val)[0] if val else ""
        state = {}
        with open(os.path.join(d, "state")) as f:
            for line in f:
                k, _, val = line.strip().partition("=")
                state[k] = val
        self.pg = {"port": env["SK_PG_PORT"], "sockdir": env["SK_PG_SOCKDIR"], "user": env["SK_PG_SUPERUSER"],
                   "datadir": state["datadir"], "bindir": state["bindir"], "log": os.path.join(state["tmp"], "log")}
        # The server's own client programs first on PATH: Debian's /usr/bin/psql
        # and pg_dump are pg_wrapper, a Perl script that adds about 90 ms to
        # every start (dbmate dump runs pg_dump from PATH too).
        os.environ["PATH"] = state["bindir"] + os.pathsep + os.environ.get("PATH", "")
        # One transaction creating thousands of tables (--single-transaction, the
        # psql -1 floor, at N = 10,000) needs more lock slots than the default
        # 64 per connection; a restart applies it.
        self.psql("postgres", "-c", "ALTER SYSTEM SET max_locks_per_transaction = 1024")
        # No autovacuum: it would run between and during the timed runs, and a
        # worker in a database makes DROP DATABASE wait for it (the reference
        # databases are vacuumed and analysed when built).
        self.psql("postgres", "-c", "ALTER SYSTEM SET autovacuum = off")
        ctl = [os.path.join(self.pg["bindir"], "pg_ctl"), "-D", self.pg["datadir"], "-l", self.pg["log"], "-w",
               "-t", "60", "-m", "fast", "restart"]
        if os.geteuid() == 0:
            ctl = ["runuser", "-u", os.environ.get("SK_PG_OS_USER", "postgres"), "--"] + ctl
        p = subprocess.run(ctl, capture_output=True, text=True, cwd="/")
        if p.returncode != 0:
            raise Fatal(f"cannot restart the cluster: {p.stderr.strip() or p.stdout.strip()}")

    def stop_cluster(self):
        if getattr(self, "pg_dir", None):
            subprocess.run(["bash", os.path.join(ROOT, "tests", "pg", "cluster.sh"), "stop", self.pg_dir],
                           capture_output=True)
            self.pg_dir = None

    def psql_cmd(self, db):
        return f"psql -X -q -v ON_ERROR_STOP=1 {q(self.url(db))}"

    def psql(self, db, *args, stdin=None, text=None):
        cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", self.pg["port"], "-U",
               self.pg["user"], "-d", db] + list(args)
        if text is not None:
            p = subprocess.run(cmd, capture_output=True, text=True, input=text)
        else:
            p = subprocess.run(cmd, capture_output=True, text=True, stdin=stdin)
        if p.returncode != 0:
            raise Fatal(f"psql {' '.join(args)}: {p.stderr.strip()}")
        return p.stdout

    def psql_value(self, db, sql):
        return self.psql(db, "-A", "-t", "-c", sql).strip()

    def url(self, db, kind="libpq"):
        host = f"127.0.0.1:{self.pg['port']}"
        if kind == "alembic":
            return f"postgresql+psycopg2://{self.pg['user']}@{host}/{db}?sslmode=disable"
        return f"postgresql://{self.pg['user']}@{host}/{db}?sslmode=disable"

    def recreate_db_cmd(self, db):
        return f"{self.psql_cmd('postgres')} -c 'DROP DATABASE IF EXISTS {db}' -c 'CREATE DATABASE {db}'"

    # --- workloads and reference databases ---------------------------------------
    def workload(self, dialect, n):
        key = (dialect, n)
        if key not in self.workloads:
            d = os.path.join(self.work, f"wl-{dialect}-{n}")
            if not os.path.exists(os.path.join(d, "migrations", "schemake.sum")):
                log(f"generating the {dialect} workload, N = {n:,}")
                subprocess.run([sys.executable, os.path.join(HERE, "gen_workload.py"), str(n), dialect, d],
                               check=True)
                subprocess.run([self.tool("schemake-migrate"), "-q", "-d", os.path.join(d, "migrations"), "hash"],
                               check=True, stdout=subprocess.DEVNULL)
            self.workloads[key] = d
        return self.workloads[key]

    def sqlite_url(self, path, kind="libpq"):
        if kind == "alembic":
            return f"sqlite:///{path}"
        return f"sqlite://{path}"

    def dbmate_versions_sql(self, n, dialect):
        vals = ",".join(f"('2024{i:010d}')" for i in range(1, n + 1))
        return ("CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);\n"
                f"INSERT INTO schema_migrations (version) VALUES {vals};\n")

    def ref_db(self, dialect, n):
        """The N-table reference database (the floor's DDL plus dbmate's history
        table, as if dbmate had applied the workload): its name, or its path."""
        key = (dialect, n)
        if key in self.refs:
            return self.refs[key]
        wl = self.workload(dialect, n)
        log(f"building the {dialect} reference database, N = {n:,}")
        if dialect == "postgres":
            db = f"ref_{n}"
            self.psql("postgres", "-c", f"DROP DATABASE IF EXISTS {db}", "-c", f"CREATE DATABASE {db}")
            with open(os.path.join(wl, "floor.sql")) as f:
                self.psql(db, "-1", stdin=f)
            self.psql(db, text=self.dbmate_versions_sql(n, dialect))
            self.psql(db, "-c", "VACUUM ANALYZE")
            self.refs[key] = db
        else:
            path = os.path.join(self.work, f"ref-{n}.sqlite")
            for suffix in ("", "-journal", "-wal"):
                if os.path.exists(path + suffix):
                    os.unlink(path + suffix)
            with open(os.path.join(wl, "floor.sql")) as f:
                subprocess.run(["sqlite3", path], stdin=f, check=True)
            subprocess.run(["sqlite3", path], input=self.dbmate_versions_sql(n, dialect), text=True, check=True)
            self.refs[key] = path
        return self.refs[key]

    # --- statement counting (PostgreSQL) -------------------------------------------
    def count_queries(self, cmd, dbs, setup=None):
        """Runs cmd once with every statement logged with its duration on dbs:
        (statements the server executed, seconds the server spent in them).
        A multi-statement string sent as one query counts once: the numbers are
        round trips that carry SQL, give or take the protocol's extra messages."""
        if setup:
            measure.run_untimed(setup)
        for db in dbs:
            self.psql("postgres", "-c", f"ALTER DATABASE {db} SET log_min_duration_statement = 0")
        try:
            start = os.path.getsize(self.pg["log"])
            measure.run_untimed(cmd, what="counted run")
            time.sleep(0.3)  # the server writes its last lines
            with open(self.pg["log"], "rb") as f:
                f.seek(start)
                text = f.read().decode("utf-8", "replace")
        finally:
            for db in dbs:
                self.psql("postgres", "-c", f"ALTER DATABASE {db} RESET log_min_duration_statement")
        count, ms = 0, 0.0
        by_text = {}
        for m in re.finditer(r"LOG:  duration: ([0-9.]+) ms  (statement|execute [^:]*|parse [^:]*|bind [^:]*): "
                             r"([^\n]*)", text):
            d = float(m.group(1))
            ms += d
            if m.group(2).startswith(("statement", "execute")):
                count += 1
            key = " ".join(m.group(3).split())[:90]
            n, t = by_text.get(key, (0, 0.0))
            by_text[key] = (n + (0 if m.group(2).startswith(("parse", "bind")) else 1), t + d)
        top = sorted(by_text.items(), key=lambda kv: -kv[1][1])[:5]
        return count, ms / 1000.0, [[k, n, round(t / 1000.0, 4)] for k, (n, t) in top]

    # --- one measured table ------------------------------------------------------------
    def table(self, workload, dialect, n, title, commands, ours, peers, notes=(), count=None):
        """Measures commands side by side and keeps the table. count: names of
        commands whose PostgreSQL statements are counted, with their databases."""
        names = [c.name for c in commands]
        notes = list(notes)
        runs, warmup = self.runs, True
        if self.set == "full" and not self.sizes_given and (workload, n) in FULL_LONG_TABLES:
            runs, warmup = FULL_LONG_TABLES[(workload, n)], False
            notes.append(f"{runs} run{'s' if runs > 1 else ''} of each command, without a warm-up: one "
                         "round of these commands takes minutes (about 5 on PostgreSQL, 3 on SQLite, "
                         "on this machine); "
                         f"`python3 bench/bench.py --only {workload} --sizes {n}` measures them "
                         f"{self.runs} times after a warm-up")
        log(f"{title}: {len(commands)} commands × {runs} runs ({', '.join(names)})")
        t0 = time.monotonic()
        res = measure.measure(runs, commands, warmup=warmup,
                              progress=lambda r, total: log(f"  round {r}/{total}"))
        for c in commands:
            res[c.name]["command"] = self.portable(c.cmd)
            if c.setup:
                res[c.name]["setup"] = self.portable(c.setup)
        if count:
            for c in commands:
                if c.name in count and "error" not in res[c.name]:
                    try:
                        (res[c.name]["statements"], res[c.name]["server_s"],
                         res[c.name]["top_statements"]) = self.count_queries(c.cmd, count[c.name], c.setup)
                    except (measure.RunError, Fatal) as e:
                        res[c.name]["count_error"] = str(e)
        tab = {"workload": workload, "dialect": dialect, "n": n, "title": title, "results": res,
               "ours": [x for x in ours if x in res], "peers": [x for x in peers if x in res],
               "notes": notes, "order": names, "seconds": round(time.monotonic() - t0, 1)}
        self.tables.append(tab)
        self.checkpoint()
        for name in names:
            r = res[name]
            if "error" in r:
                log(f"  {name}: FAILED: {r['error'][:300]}")
            else:
                log(f"  {name}: median {r['median_s']:.3f} s, peak {r['peak_mib']:.1f} MiB")
        return tab

    def find(self, workload, dialect, n):
        for t in self.tables:
            if (t["workload"], t["dialect"], t["n"]) == (workload, dialect, n):
                return t
        return None

    def missing(self, name, note_list):
        if name in self.peer_errors:
            note_list.append(f"{name} not measured: {self.peer_errors[name]}")
            return True
        return False

    # --- 1. apply ----------------------------------------------------------------------
    def w_apply(self, dialect, n):
        wl = self.workload(dialect, n)
        mig = os.path.join(wl, "migrations")
        sk = self.tool("schemake-migrate")
        notes, cmds = [], []
        alembic_ini = os.path.join(wl, "alembic", "alembic.ini")
        with_alembic = self.set == "full" or n <= QUICK_ALEMBIC_APPLY_MAX or self.args.sizes
        tag = {"postgres": "pg", "sqlite": "lite"}[dialect]
        count = {}

        def target(name):
            db = f"apply_{tag}_{name}_{n}"
            if dialect == "postgres":
                return db, self.url(db), self.url(db, "alembic"), self.recreate_db_cmd(db)
            path = os.path.join(self.work, db + ".sqlite")
            return (path, self.sqlite_url(path), self.sqlite_url(path, "alembic"),
                    f"rm -f {q(path)} {q(path + '-journal')} {q(path + '-wal')} {q(path + '-shm')}")

        db, url, _, setup = target("sk")
        cmds.append(measure.Command("schemake", f"{sk} -q -u {q(url)} -d {q(mig)} upgrade", setup))
        count["schemake"] = [db]
        self.at_head[("schemake", dialect, n)] = url
        db, url, _, setup = target("sk1")
        cmds.append(measure.Command("schemake --single-transaction",
                                    f"{sk} -q -u {q(url)} -d {q(mig)} --single-transaction upgrade", setup))
        count["schemake --single-transaction"] = [db]
        if not self.missing("dbmate", notes):
            db, url, _, setup = target("dbmate")
            cmds.append(measure.Command("dbmate", f"{self.tools['dbmate']} --url {q(url)} --migrations-dir {q(mig)} "
                                        "--no-dump-schema up", setup))
            count["dbmate"] = [db]
            self.at_head[("dbmate", dialect, n)] = url
        if not self.missing("alembic", notes):
            if with_alembic:
                db, _, aurl, setup = target("alembic")
                cmds.append(measure.Command("alembic", f"BENCH_ALEMBIC_URL={q(aurl)} {self.alembic_py} -m alembic "
                                            f"-c {q(alembic_ini)} upgrade head", setup))
                count["alembic"] = [db]
                self.at_head[("alembic", dialect, n)] = aurl
            else:
                notes.append(f"Alembic is left out of the quick set at N = {n:,} (minutes per size): "
                             "`just bench-full` has it")
        db, url, _, setup = target("floor")
        floor = os.path.join(wl, "floor.sql")
        if dialect == "postgres":
            cmds.append(measure.Command("floor: one transaction", f"{self.psql_cmd(db)} -1 -f {q(floor)}", setup))
            count["floor: one transaction"] = [db]
        else:
            cmds.append(measure.Command("floor: one transaction", f"sqlite3 {q(db)} < {q(floor)}", setup))
        title = f"apply {n:,} migrations to an empty database, {'PostgreSQL' if dialect == 'postgres' else 'SQLite'}"
        if dialect != "postgres" or n > 1000 or n != min(self.plan["apply"]):
            count = None
        else:
            notes.append("statements: counted in one extra run with every statement logged by the server; "
                         "server s: the time the server spent executing them")
        self.table("apply", dialect, n, title, cmds,
                   ["schemake", "schemake --single-transaction"],
                   ["dbmate", "alembic", "floor: one transaction"], notes, count)

    def ensure_at_head(self, tool, dialect, n):
        """A database at the workload's head for tool, made by the tool (reused
        from the apply workload when it ran)."""
        key = (tool, dialect, n)
        if key in self.at_head:
            return self.at_head[key]
        wl = self.workload(dialect, n)
        mig = os.path.join(wl, "migrations")
        tag = {"postgres": "pg", "sqlite": "lite"}[dialect]
        db = f"head_{tag}_{tool}_{n}"
        if dialect == "postgres":
            self.psql("postgres", "-c", f"DROP DATABASE IF EXISTS {db}", "-c", f"CREATE DATABASE {db}")
            url, aurl = self.url(db), self.url(db, "alembic")
        else:
            path = os.path.join(self.work, db + ".sqlite")
            if os.path.exists(path):
                os.unlink(path)
            url, aurl = self.sqlite_url(path), self.sqlite_url(path, "alembic")
        log(f"bringing a {dialect} database to head with {tool}, N = {n:,}")
        if tool == "schemake":
            cmd = f"{self.tool('schemake-migrate')} -q -u {q(url)} -d {q(mig)} upgrade"
        elif tool == "dbmate":
            cmd = f"{self.tools['dbmate']} --url {q(url)} --migrations-dir {q(mig)} --no-dump-schema up"
        else:
            url = aurl
            cmd = (f"BENCH_ALEMBIC_URL={q(aurl)} {self.alembic_py} -m alembic "
                   f"-c {q(os.path.join(wl, 'alembic', 'alembic.ini'))} upgrade head")
        measure.run_untimed(cmd, what=f"{tool} upgrade", timeout=7200)
        self.at_head[key] = url
        return url

    # --- 2. no-op upgrade and status -------------------------------------------------------
    def w_noop(self, dialect, n):
        wl = self.workload(dialect, n)
        mig = os.path.join(wl, "migrations")
        sk = self.tool("schemake-migrate")
        notes, cmds, count = [], [], {}

        def dbname(url):
            return url.split("/")[-1].split("?")[0]

        url = self.ensure_at_head("schemake", dialect, n)
        cmds.append(measure.Command("schemake upgrade", f"{sk} -q -u {q(url)} -d {q(mig)} upgrade"))
        cmds.append(measure.Command("schemake status", f"{sk} -u {q(url)} -d {q(mig)} status"))
        count["schemake upgrade"] = count["schemake status"] = [dbname(url)]
        if not self.missing("dbmate", notes):
            url = self.ensure_at_head("dbmate", dialect, n)
            d = self.tools["dbmate"]
            cmds.append(measure.Command("dbmate up", f"{d} --url {q(url)} --migrations-dir {q(mig)} "
                                        "--no-dump-schema up"))
            cmds.append(measure.Command("dbmate status", f"{d} --url {q(url)} --migrations-dir {q(mig)} status"))
            count["dbmate up"] = count["dbmate status"] = [dbname(url)]
        if not self.missing("alembic", notes):
            aurl = self.ensure_at_head("alembic", dialect, n)
            base = (f"BENCH_ALEMBIC_URL={q(aurl)} {self.alembic_py} -m alembic "
                    f"-c {q(os.path.join(wl, 'alembic', 'alembic.ini'))}")
            cmds.append(measure.Command("alembic upgrade head", f"{base} upgrade head"))
            cmds.append(measure.Command("alembic current", f"{base} current"))
            count["alembic upgrade head"] = count["alembic current"] = [dbname(aurl)]
        if dialect == "postgres":
            db = dbname(self.at_head[("schemake", dialect, n)])
            cmds.append(measure.Command("floor: select 1", f"{self.psql_cmd(db)} -c 'select 1'"))
            count["floor: select 1"] = [db]
        else:
            path = self.at_head[("schemake", dialect, n)][len("sqlite://"):]
            cmds.append(measure.Command("floor: select 1", f"sqlite3 {q(path)} 'select 1'"))
        if dialect != "postgres":
            count = None
        else:
            notes.append("statements: counted in one extra run with every statement logged by the server")
        notes.append("`status` has no target; Alembic's nearest verb is `current`")
        self.table("noop", dialect, n,
                   f"no-op upgrade at head and status, N = {n:,}, "
                   f"{'PostgreSQL' if dialect == 'postgres' else 'SQLite'}", cmds,
                   ["schemake upgrade", "schemake status"],
                   ["dbmate up", "dbmate status", "alembic upgrade head", "alembic current", "floor: select 1"],
                   notes, count)

    # --- 3. dump ----------------------------------------------------------------------------------
    def w_dump(self, dialect, n):
        notes, cmds, count = [], [], {}
        out = os.path.join(self.work, f"dbmate-dump-{dialect}-{n}.sql")
        if dialect == "postgres":
            db = self.ref_db(dialect, n)
            url = self.url(db)
            cmds.append(measure.Command("schemake-dump", f"{self.tool('schemake-dump')} -u {q(url)}"))
            cmds.append(measure.Command("pg_dump --schema-only", f"pg_dump --schema-only -d {q(url)}"))
            count = {"schemake-dump": [db], "pg_dump --schema-only": [db]}
            peers = ["pg_dump --schema-only", "dbmate dump"]
        else:
            path = self.ref_db(dialect, n)
            url = self.sqlite_url(path)
            cmds.append(measure.Command("schemake-dump", f"{self.tool('schemake-dump')} -u {q(url)}"))
            cmds.append(measure.Command("sqlite3 .schema", f"sqlite3 {q(path)} .schema"))
            count = None
            peers = ["sqlite3 .schema", "dbmate dump"]
        if not self.missing("dbmate", notes):
            cmds.append(measure.Command("dbmate dump", f"{self.tools['dbmate']} --url {q(url)} "
                                        f"--schema-file {q(out)} dump"))
            if count is not None:
                count["dbmate dump"] = [self.ref_db(dialect, n)]
        notes.append("all dump the same database: the workload's tables plus dbmate's history table; "
                     "peak memory is the client's (the dump command's process tree), not the server's")
        if dialect == "postgres":
            notes.append("`dbmate dump` runs pg_dump itself and appends its history rows")
        self.table("dump", dialect, n, f"schema dump of {n:,} tables, "
                   f"{'PostgreSQL' if dialect == 'postgres' else 'SQLite'}", cmds, ["schemake-dump"], peers,
                   notes, count)

    # --- 4. diff ------------------------------------------------------------------------------------
    def diff_side_b(self, n):
        a = self.ref_db("postgres", n)
        b = f"{a}_b"
        self.psql("postgres", "-c", f"DROP DATABASE IF EXISTS {b}", "-c",
                  f"CREATE DATABASE {b} TEMPLATE {a} STRATEGY FILE_COPY")
        with open(os.path.join(self.workload("postgres", n), "changes.sql")) as f:
            self.psql(b, stdin=f)
        return a, b

    def check_diff_output(self, proj, n):
        """The timed diff must really find the differences: the migration it
        wrote names every table that changes.sql changed."""
        text = ""
        mig = os.path.join(proj, "migrations")
        for f in sorted(os.listdir(mig)):
            if f.endswith(".sql"):
                with open(os.path.join(mig, f)) as fh:
                    text += fh.read()
        with open(os.path.join(self.workload("postgres", n), "changes.sql")) as fh:
            tables = sorted(set(re.findall(r"ALTER TABLE (t\d+)", fh.read())))
        missing = [t for t in tables if t not in text]
        if missing:
            raise measure.RunError(f"diff ran, but the migration it wrote does not mention {', '.join(missing)}")

    def w_diff(self, n):
        notes, cmds, count = [], [], {}
        a, b = self.diff_side_b(n)
        ua, ub = self.url(a), self.url(b)
        sk = self.tool("schemake-migrate")
        proj = os.path.join(self.work, f"diff-project-{n}")
        os.makedirs(proj, exist_ok=True)
        reset = f"rm -rf {q(proj + '/migrations')} && mkdir {q(proj + '/migrations')}"
        snap_a = os.path.join(self.work, f"snap-a-{n}.json")
        snap_b = os.path.join(self.work, f"snap-b-{n}.json")
        for db, path in ((a, snap_a), (b, snap_b)):
            measure.run_untimed(f"{self.tool('schemake-dump')} -u {q(self.url(db))} --format json -o {q(path)}",
                                what="snapshot")
        live = measure.Command("schemake diff (databases)",
                               f"{sk} -q -C {q(proj)} diff --from {q(ua)} --to {q(ub)} -m bench", reset, ok=(0, 1))
        snaps = measure.Command("schemake diff (snapshots)",
                                f"{sk} -q -C {q(proj)} diff --from {q(snap_a)} --to {q(snap_b)} -m bench", reset,
                                ok=(0, 1))
        # The differ is being finished: an unknown verb or an unfinished dialect
        # differ leaves the workload pending instead of failing the run.
        try:
            for probe in (live, snaps):
                measure.run_untimed(reset)
                run_ok(probe, "schemake diff")
                self.check_diff_output(proj, n)
            cmds += [live, snaps]
            count["schemake diff (databases)"] = [a, b]
        except measure.RunError as e:
            msg = re.sub(r"^.*? exited (\d+): ", r"exit \1: ", str(e), flags=re.S)
            self.pending[("diff", "postgres", n)] = self.portable(msg)
            notes.append("schemake's rows are pending: `schemake-migrate diff` does not run yet (below)")
        if not self.missing("migra", notes):
            cmds.append(measure.Command("migra", f"{self.tools['migra']} {q(ua)} {q(ub)} --unsafe"))
            count["migra"] = [a, b]
        if not cmds:
            return
        notes.append("the two databases differ in 4 tables: a column added, one dropped, one retyped, "
                     "one made nullable; snapshots are `schemake-dump --format json` of each")
        self.table("diff", "postgres", n, f"diff of two {n:,}-table databases, PostgreSQL", cmds,
                   ["schemake diff (databases)", "schemake diff (snapshots)"], ["migra"], notes,
                   count if n <= 1000 else None)

    # --- 5. codegen -------------------------------------------------------------------------------
    def w_codegen(self, n):
        db = self.ref_db("postgres", n)
        snap = os.path.join(self.work, f"snap-a-{n}.json")
        if not os.path.exists(snap):
            measure.run_untimed(f"{self.tool('schemake-dump')} -u {q(self.url(db))} --format json -o {q(snap)}",
                                what="snapshot")
        out = os.path.join(self.work, f"codegen-{n}")
        cg = f"{self.tool('schemake-codegen')} --from-snapshot {q(snap)} --target all -o {q(out)}"
        cmds = [measure.Command("schemake-codegen (fresh output)", cg, f"rm -rf {q(out)}"),
                measure.Command("schemake-codegen (output unchanged)", cg)]
        size = os.path.getsize(snap) / 1024 / 1024
        notes = [f"the snapshot: `schemake-dump --format json` of the {n:,}-table PostgreSQL database "
                 f"({size:.1f} MiB); targets c, sqlalchemy, pydantic, mermaid, dot",
                 "fresh output: the output directory removed before each run; unchanged: every file is "
                 "there already, so nothing is written"]
        self.table("codegen", "postgres", n, f"codegen of {n:,} tables, all targets", cmds,
                   [c.name for c in cmds], [], notes)
        files = sh_out(["du", "-sm", out])
        if files:
            self.tables[-1]["notes"].append(f"output: {files.split()[0]} MiB")

    # --- 6. build graph ----------------------------------------------------------------------------
    def w_build(self, n):
        prefix = os.path.join(self.work, "prefix")
        if not os.path.exists(os.path.join(prefix, "bin", "schemake-dump")):
            log("installing the build into a prefix for find_package(schemake)")
            measure.run_untimed(f"cmake --install {q(self.build)} --prefix {q(prefix)}", what="cmake --install")
        wl = self.workload("sqlite", n)
        proj = os.path.join(self.work, f"cmake-project-{n}")
        build = os.path.join(proj, "build")
        if not os.path.exists(os.path.join(build, "build.ninja")):
            shutil.rmtree(proj, ignore_errors=True)
            os.makedirs(proj)
            shutil.copytree(os.path.join(wl, "migrations"), os.path.join(proj, "migrations"))
            with open(os.path.join(proj, "CMakeLists.txt"), "w") as f:
                f.write("cmake_minimum_required(VERSION 3.25)\nproject(skbench LANGUAGES C)\n"
                        "find_package(schemake REQUIRED)\n"
                        "schemake_add_schema(NAME bench DIALECT sqlite CODEGEN c sqlalchemy pydantic mermaid dot)\n")
            log(f"configuring and building the generated project, N = {n:,}")
            measure.run_untimed(f"cmake -S {q(proj)} -B {q(build)} -G Ninja -DCMAKE_PREFIX_PATH={q(prefix)}",
                                what="configure")
            measure.run_untimed(f"cmake --build {q(build)}", what="first build", timeout=7200)
        first = sorted(x for x in os.listdir(os.path.join(proj, "migrations")) if x.endswith(".sql"))[0]
        touched = os.path.join(proj, "migrations", first)
        cmds = [measure.Command("cmake --build (nothing to do)", f"cmake --build {q(build)}"),
                measure.Command("ninja (nothing to do)", f"ninja -C {q(build)}"),
                measure.Command("cmake --build (one migration touched)", f"cmake --build {q(build)}",
                                f"touch {q(touched)}")]
        notes = ["a generated project: find_package(schemake) from `cmake --install` of this build, "
                 f"schemake_add_schema(NAME bench DIALECT sqlite CODEGEN c sqlalchemy pydantic mermaid dot) "
                 f"over {n:,} migrations; `ninja` alone is the floor of a no-op build",
                 "touched: the migration's mtime changes, not its bytes, so the dump reruns, writes nothing, "
                 "and nothing after it runs"]
        self.table("build", "sqlite", n, f"build graph, {n:,} migrations", cmds,
                   ["cmake --build (nothing to do)", "cmake --build (one migration touched)"],
                   ["ninja (nothing to do)"], notes)

    # --- running -------------------------------------------------------------------------------------
    def sizes(self, w):
        return self.plan[w] if w in self.only else []

    def run(self):
        self.make_work()
        self.install_peers()
        need_pg = any(self.sizes(w) for w in ("apply", "noop", "dump", "diff", "codegen"))
        if need_pg:
            if "psql" in self.peer_errors:
                raise Fatal("the PostgreSQL client programs are missing (apt-get install postgresql)")
            self.start_cluster()
        for n in self.sizes("apply"):
            for d in ("postgres", "sqlite"):
                self.w_apply(d, n)
        for n in self.sizes("noop"):
            for d in ("postgres", "sqlite"):
                self.w_noop(d, n)
        for n in self.sizes("dump"):
            for d in ("postgres", "sqlite"):
                self.w_dump(d, n)
        for n in self.sizes("diff"):
            self.w_diff(n)
        for n in self.sizes("codegen"):
            self.w_codegen(n)
        if "cmake" not in self.peer_errors and "ninja" not in self.peer_errors:
            for n in self.sizes("build"):
                self.w_build(n)
        if not self.args.no_profile:
            self.profile_unmet()

    # --- targets, profiles --------------------------------------------------------------------------
    def evaluate(self):
        out = []
        for t in targets():
            e = dict(t)
            tab = self.find(*t["table"])
            key = t["table"]
            e["status"] = "not measured"
            e["measured"] = ""
            if key in self.pending and t["ours"] in ("schemake diff (databases)", "schemake diff (snapshots)"):
                e["status"] = "pending"
                e["measured"] = "the differ does not run yet"
            elif tab is None:
                e["measured"] = ("not in this set (`just bench-full`)" if self.set == "quick" and
                                 not self.sizes_given else "not measured in this run")
            else:
                ours = tab["results"].get(t["ours"])
                peer = tab["results"].get(t.get("peer")) if t.get("peer") else None
                if not ours or "error" in ours:
                    e["status"] = "not measured"
                    e["measured"] = "schemake failed: " + (ours or {}).get("error", "missing")[:200]
                elif t["kind"] == "abs":
                    v = ours["median_s"]
                    e["value"] = v
                    e["measured"] = f"{v:.3f} s"
                    e["status"] = "met" if v < t["limit"] else "not met"
                elif not peer or "error" in peer:
                    e["measured"] = f"{t['peer']} did not run"
                else:
                    if t["kind"] == "mem":
                        v = ours["peak_mib"] / peer["peak_mib"]
                        e["measured"] = f"{v:.2f}× ({ours['peak_mib']:.1f} vs {peer['peak_mib']:.1f} MiB)"
                    else:
                        v = ours["median_s"] / peer["median_s"]
                        e["measured"] = f"{v:.3f}× ({ours['median_s']:.3f} vs {peer['median_s']:.3f} s)"
                    e["value"] = v
                    e["status"] = "met" if v <= t["limit"] else "not met"
            out.append(e)
        return out

    def profile_unmet(self):
        """For each target not met: the schemake command's profile (perf, one run)."""
        if not shutil.which("perf"):
            self.perf_note = "perf is not installed (apt-get install linux-perf): no profiles"
            return
        for e in self.evaluate():
            if e["status"] != "not met":
                continue
            tab = self.find(*e["table"])
            r = tab["results"][e["ours"]]
            key = (e["table"], e["ours"])
            if key in self.profiles:
                continue
            if r["cpu_s"] < 0.25 * r["median_s"]:
                self.profiles[key] = None  # the client mostly waits: a profile of it says little
                continue
            cmd = self.local(r["command"])
            setup = self.local(r.get("setup", ""))
            data = os.path.join(self.work, f"perf-{len(self.profiles)}.data")
            log(f"profiling {e['ours']} ({e['id']})")
            try:
                if setup:
                    measure.run_untimed(setup)
                measure.run_untimed(f"perf record -q -F 10000 -o {q(data)} -- /bin/sh -c {q(cmd)}",
                                    what="perf record")
                rep = subprocess.run(["perf", "report", "-i", data, "--stdio", "--no-children", "--sort",
                                      "comm,dso,symbol", "--percent-limit", "3"], capture_output=True, text=True)
                lines = [re.sub(r"(\s+-)+\s*$", "", x) for x in rep.stdout.splitlines()
                         if x.strip() and not x.startswith("#")]
                self.profiles[key] = "\n".join(lines[:12])
            except (measure.RunError, OSError) as ex:
                self.profiles[key] = f"perf failed: {ex}"

    # --- report ---------------------------------------------------------------------------------------
    def findings(self):
        """bench/FINDINGS.md: the hand-written analysis of each target, by id
        (## headings); a section is shown under its target when it is not met."""
        path = os.path.join(HERE, "FINDINGS.md")
        sections = {}
        try:
            with open(path) as f:
                text = f.read()
        except OSError:
            return sections
        for part in re.split(r"^## ", text, flags=re.M)[1:]:
            head, _, body = part.partition("\n")
            sections[head.strip().split()[0]] = body.strip()
        return sections

    def document(self, versions, machine, evals, complete=True):
        duration = self.duration_s
        if duration is None:
            duration = (datetime.datetime.now(datetime.timezone.utc) - self.started).total_seconds()
        return {"set": self.set, "started": self.started.isoformat(timespec="seconds"),
                "duration_s": round(duration),
                "runs": self.runs, "machine": machine, "versions": versions, "peer_errors": self.peer_errors,
                "pending": {"/".join(map(str, k)): v for k, v in self.pending.items()},
                "tables": self.tables, "profiles": [[list(k[0]), k[1], v] for k, v in self.profiles.items()],
                "sizes_given": self.sizes_given, "argv": self.argv, "complete": complete,
                "targets": [{k: e.get(k) for k in ("id", "text", "status", "measured", "value", "limit")}
                            for e in evals]}

    def checkpoint_path(self):
        return os.path.join(HERE, "results", f".bench-{self.set}.partial.json")

    def checkpoint(self):
        """The tables so far, after each one: a long run that is stopped still
        leaves a report (`--report-from bench/results/.bench-SET.partial.json
        --output ... --json ...`). Removed when the run writes its report."""
        if self.versions_seen is None:
            self.versions_seen = self.versions()
        os.makedirs(os.path.dirname(self.checkpoint_path()), exist_ok=True)
        tmp = self.checkpoint_path() + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.document(self.versions_seen, self.machine(), self.evaluate(), complete=False), f,
                      indent=1, sort_keys=True)
        os.replace(tmp, self.checkpoint_path())

    def write(self, versions, machine):
        evals = self.evaluate()
        if self.duration_s is None:
            self.duration_s = (datetime.datetime.now(datetime.timezone.utc) - self.started).total_seconds()
        res_dir = os.path.join(HERE, "results")
        os.makedirs(res_dir, exist_ok=True)
        doc = self.document(versions, machine, evals, self.complete)
        json_path = self.args.json or os.path.join(res_dir, f"bench-{self.set}.json")
        with open(json_path, "w") as f:
            json.dump(doc, f, indent=1, sort_keys=True)
            f.write("\n")
        if not self.args.report_from and os.path.exists(self.checkpoint_path()):
            os.unlink(self.checkpoint_path())
        md = self.markdown(evals, versions, machine)
        md_path = self.args.output or os.path.join(HERE, "RESULTS.md")
        with open(md_path, "w") as f:
            f.write(md)
        return evals, json_path, md_path

    def counted(self, tab, name):
        """', N statements, server S s' for name in tab, or in the same workload
        at another N (the apply workload counts at its smallest N only)."""
        r = tab["results"][name]
        if "statements" in r:
            return f", {r['statements']:,} statements, server {r['server_s']:.3f} s"
        for other in self.tables:
            o = other["results"].get(name)
            if (other["workload"], other["dialect"]) == (tab["workload"], tab["dialect"]) and o and \
                    "statements" in o:
                return (f"; at N = {other['n']:,}: {o['statements']:,} statements "
                        f"({o['statements'] / other['n']:.2f} per migration), server {o['server_s']:.3f} s")
        return ""

    def top_statements(self, tab, name):
        r = tab["results"][name]
        if "top_statements" not in r:
            for other in self.tables:
                o = other["results"].get(name)
                if (other["workload"], other["dialect"]) == (tab["workload"], tab["dialect"]) and o and \
                        "top_statements" in o:
                    r = o
                    break
        return r.get("top_statements", [])[:3]

    def markdown(self, evals, versions, machine):
        L = []
        rel = os.path.relpath
        took = self.duration_s
        L.append("# Benchmark results\n")
        custom = [a for a in self.argv if a.split("=")[0] in ("--only", "--sizes")]
        what = (f"**custom** (`bench.py {' '.join(self.argv)}`)" if custom or self.sizes_given else
                f"**{self.set}** (`just bench{'-full' if self.set == 'full' else ''}`)")
        partial = ("; **stopped before the end**: the tables it measured until then"
                   if not self.complete else "")
        L.append(f"Set: {what}, "
                 f"{self.started.strftime('%Y-%m-%d %H:%M UTC')}, {int(took // 60)} min "
                 f"{int(took % 60)} s{partial}. Every command ran {self.runs} times after a warm-up run "
                 "(unless its table says otherwise), "
                 "the commands of a table taking turns; times are whole processes (start, connect, work, exit). "
                 f"How to read this file: `bench/README.md`. Machine-readable: `{rel(self.args.json or os.path.join(HERE, 'results', f'bench-{self.set}.json'), ROOT)}`.\n")
        L.append("## Machine\n")
        L.append(f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, {machine['kernel']}, "
                 f"work files on {machine.get('filesystem') or '?'}. Load average (1, 5, 15 min) at the start "
                 f"{', '.join(map(str, machine['load_start']))}, at the end {', '.join(map(str, machine['load_end']))} "
                 "(the machine is shared: compare ratios, which are measured side by side, rather than absolute "
                 "times).\n")
        L.append("## Tools\n")
        L.append("| tool | version |\n|---|---|")
        for k, v in versions.items():
            L.append(f"| {k} | {v} |")
        for k, v in self.peer_errors.items():
            L.append(f"| {k} | **not available**: {v} |")
        L.append("")
        L.append("## Targets\n")
        L.append("Ratios of medians measured side by side in this run.\n")
        L.append("| target | measured | status |\n|---|---|---|")
        for e in evals:
            st = {"met": "met", "not met": "**not met**"}.get(e["status"], e["status"])
            L.append(f"| {e['text']} | {e['measured']} | {st} |")
        L.append("")
        findings = self.findings()
        unmet = [e for e in evals if e["status"] == "not met"]
        if unmet:
            L.append("## Why the unmet targets are not met\n")
            L.append("Each section: the evidence from this run (client CPU against wall time, the statements the "
                     "server executed, a `perf` profile of one run of schemake's command), then the analysis "
                     "from `bench/FINDINGS.md`.\n")
            profiles = self.profiles
            shown = {}
            for e in unmet:
                L.append(f"### Not met: {e['text']}\n")
                tab = self.find(*e["table"])
                L.append(f"- measured: {e['measured']}")
                for role, name in (("ours", e["ours"]), ("peer", e.get("peer"))):
                    r = tab["results"].get(name or "")
                    if not r or "error" in r:
                        continue
                    share = 100 * r["cpu_s"] / max(r["median_s"], 1e-9)
                    L.append(f"- `{name}`: wall {r['median_s']:.3f} s, client CPU {r['cpu_s']:.3f} s "
                             f"({share:.0f} % of wall){self.counted(tab, name)}")
                    for text, n, secs in self.top_statements(tab, name):
                        L.append(f"  - server {secs:.3f} s in {n:,}× `{text}`")
                key = (e["table"], e["ours"])
                if key in self.profiles and self.profiles[key] is None:
                    L.append("- no perf profile: schemake's own CPU is under a quarter of its wall time, so the "
                             "time is spent waiting (server, disk, scheduler)")
                elif self.profiles.get(key) and key in shown:
                    L.append(f"- perf: the same command's profile is under “{shown[key]}” above")
                elif self.profiles.get(key):
                    shown[key] = e["text"]
                    L.append("- perf, one run (`perf report --no-children --sort comm,dso,symbol`, top lines):\n")
                    L.append("```\n" + self.profiles[key] + "\n```")
                if e["id"] in findings:
                    L.append("\n" + findings[e["id"]])
                L.append("")
        if self.pending:
            L.append("## Pending\n")
            for k, v in self.pending.items():
                L.append(f"- {k[0]}, N = {k[2]:,}: `schemake-migrate diff` does not run yet ({v[:300]}); "
                         "the harness is ready and measures it as soon as it does")
            L.append("")
        L.append("## Workloads\n")
        L.append("median, min–max: wall seconds; CPU: user + system seconds of the command's processes (the rest "
                 "of the wall time is waiting: on the server, the disk or the scheduler); peak: the largest "
                 "process's resident memory; ratios: schemake's median over the peer's (below 1: schemake is "
                 "faster); statements and server s: PostgreSQL, one extra run with every statement logged.\n")
        for tab in self.tables:
            L.append(f"### {tab['title']}\n")
            res = tab["results"]
            peers = [p for p in tab["peers"] if "error" not in res[p]]
            has_count = any("statements" in r for r in res.values())
            head = ["command", "median s", "min–max s", "CPU s", "peak MiB"]
            if has_count:
                head += ["statements", "server s"]
            head += [f"÷ {p}" for p in peers]
            L.append("| " + " | ".join(head) + " |")
            L.append("|" + "---|" + "---:|" * (len(head) - 1))
            for name in tab["order"]:
                r = res[name]
                if "error" in r:
                    L.append(f"| {name} | failed: {r['error'][:200].replace('|', '/').replace(chr(10), ' ')} |" +
                             " |" * (len(head) - 2))
                    continue
                row = [name, f"{r['median_s']:.3f}", f"{r['min_s']:.3f}–{r['max_s']:.3f}", f"{r['cpu_s']:.3f}",
                       f"{r['peak_mib']:.1f}"]
                if has_count:
                    row += [f"{r['statements']:,}" if "statements" in r else "",
                            f"{r['server_s']:.3f}" if "server_s" in r else ""]
                for p in peers:
                    row.append(f"{r['median_s'] / res[p]['median_s']:.2f}×" if name in tab["ours"] else "")
                L.append("| " + " | ".join(row) + " |")
            L.append("")
            for note in tab["notes"]:
                L.append(f"- {note}")
            L.append("\n<details><summary>commands</summary>\n")
            for name in tab["order"]:
                r = res[name]
                if "command" in r:
                    L.append(f"- {name}: `{r['command']}`" + (f" (untimed before each run: `{r['setup']}`)"
                                                               if r.get("setup") else ""))
            L.append("\n</details>\n")
        return "\n".join(L).rstrip() + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    ap.add_argument("--only")
    ap.add_argument("--sizes")
    ap.add_argument("--build-dir", default=os.environ.get("SK_BENCH_BUILD", os.path.join(ROOT, "build-release")))
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--keep", metavar="WORKDIR")
    ap.add_argument("--output", help="the Markdown report (default bench/RESULTS.md)")
    ap.add_argument("--json", help="the JSON results (default bench/results/bench-SET.json)")
    ap.add_argument("--report-from", metavar="JSON", help="write RESULTS.md again from a run's JSON")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    b = None

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        b = Bench(args)
        if args.report_from:
            versions, machine = b.load(args.report_from)
            args.json = args.json or args.report_from
        else:
            b.run()
            versions, machine = b.versions(), b.machine()
        evals, json_path, md_path = b.write(versions, machine)
    except Fatal as e:
        log(f"error: {e}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if b:
            b.stop_cluster()
            if b.work and not args.keep:
                shutil.rmtree(b.work, ignore_errors=True)
    print(f"\nschemake against its targets ({b.set} set; {os.path.relpath(md_path, os.getcwd())}, "
          f"{os.path.relpath(json_path, os.getcwd())}):")
    for e in evals:
        print(f"  {e['status']:>12}  {e['text']}: {e['measured']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
