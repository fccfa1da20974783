/*
 * reset.c: schemake-reset as a whole: the safety rules (protection, other
 * sessions, confirmation), destroying (a PostgreSQL database through the
 * maintenance database, a SQLite file, or every object of either), and
 * building again from the migrations or a dump, then the seeds.
 *
 * Not its job: asking the user or printing (the tool's callbacks do that),
 * how migrations apply (migrate.c), where the database is (db/open.c).
 */
#include "reset/reset.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/fs.h"
#include "db/open.h"
#include "sql/lexer.h"
#include "common/banned.h"

/* One SQL file, read and split into statements before anything is
 * destroyed. The statements are views into text. */
struct script {
	char *display; /* the path as shown in messages */
	struct sk_buf text;
	struct sk_sql_stmt *stmts;
	size_t nr, alloc;
	size_t nsql; /* SQL statements (COPY data blocks not counted) */
};

struct reset {
	const struct sk_reset_opts *o;
	struct sk_buf *out;
	struct sk_error *err;
	struct sk_config cfg;
	struct sk_conninfo ci; /* the target */
	enum sk_dialect dialect;
	struct sk_buf url; /* masked */
	char *dbname;      /* PostgreSQL: the database's name; SQLite: the file's path as shown */
	char *path;        /* SQLite: the file's path as opened */
	char *seeds_dir;
	struct sk_migdir md;
	bool have_md;
	struct script dump;
	bool have_dump;
	struct script *seeds;
	size_t nseeds;

	/* what is there now */
	bool exists;
	char *owner;        /* PostgreSQL: of the database */
	char *current_user; /* PostgreSQL */
	bool can_set_owner; /* PostgreSQL: CREATE DATABASE ... OWNER owner will work */
	size_t sessions;
	struct sk_buf pids;    /* "123, 456" */
	struct sk_buf objects; /* SK_RESET_OBJECTS: what will be dropped, for the notice */
	struct sk_buf others;  /* PostgreSQL objects-only: schemas left alone */
	char **drops;          /* SK_RESET_OBJECTS: the DROP statements */
	size_t ndrops, drops_alloc;
	bool recreate_public; /* PostgreSQL objects-only: create public afterwards */
	struct sk_db *admin;  /* PostgreSQL database mode: the maintenance database */
};

/* --- small helpers ------------------------------------------------------- */

/* A path under the working directory is shown relative to it. */
static char *display_path(const char *path)
{
	char cwd[4096];
	size_t n;

	if (path[0] != '/' || !getcwd(cwd, sizeof(cwd)))
		return sk_xstrdup(path);
	n = strlen(cwd);
	if (strncmp(path, cwd, n) == 0 && path[n] == '/' && path[n + 1])
		return sk_xstrdup(path + n + 1);
	return sk_xstrdup(path);
}

static enum sk_sql_dialect_hint lexer_dialect(enum sk_dialect d)
{
	return d == SK_DIALECT_SQLITE ? SK_SQL_SQLITE : SK_SQL_POSTGRES;
}

static void warn(struct reset *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(struct reset *r, const char *fmt, ...)
{
	struct sk_buf msg = SK_BUF_INIT;
	va_list ap;

	if (!r->o->events.on_warning)
		return;
	va_start(ap, fmt);
	sk_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	r->o->events.on_warning(r->o->events.ctx, msg.buf);
	sk_buf_release(&msg);
}

/* One line of the report, as soon as the step is done: the migrations'
 * progress lines come between them. */
static void step(struct reset *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void step(struct reset *r, const char *fmt, ...)
{
	struct sk_buf line = SK_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sk_buf_vaddf(&line, fmt, ap);
	va_end(ap);
	if (r->o->events.on_step) {
		r->o->events.on_step(r->o->events.ctx, line.buf);
	} else {
		sk_buf_add(r->out, line.buf, line.len);
		sk_buf_addch(r->out, '\n');
	}
	sk_buf_release(&line);
}

static void add_drop(struct reset *r, char *sql)
{
	SK_ALLOC_GROW(r->drops, r->ndrops + 1, r->drops_alloc);
	r->drops[r->ndrops++] = sql;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* --- scripts: dump and seed files ---------------------------------------- */

static void script_release(struct script *s)
{
	free(s->display);
	sk_buf_release(&s->text);
	free(s->stmts);
	memset(s, 0, sizeof(*s));
}

/* BEGIN, COMMIT, END, ROLLBACK (not ROLLBACK TO), ABORT, START TRANSACTION:
 * statements that would end the one transaction a script runs in. */
static bool is_transaction_control(const struct sk_sql_stmt *st)
{
	static const char *const words[] = {"BEGIN", "COMMIT", "END", "ABORT", "START TRANSACTION", NULL};

	if (st->kind != SK_STMT_SQL)
		return false;
	if (sk_sql_starts_with(st, "ROLLBACK"))
		return !sk_sql_starts_with(st, "ROLLBACK TO");
	for (const char *const *w = words; *w; w++)
		if (sk_sql_starts_with(st, *w))
			return true;
	return false;
}

/* Reads and splits path. A dump (seed == false) loses its psql meta-command
 * lines and transaction control; in a seed file they are errors, because
 * the seeds must run in one transaction that the tool controls. */
static int script_load(struct script *s, const char *path, bool seed, enum sk_sql_dialect_hint d,
                       struct sk_error *err)
{
	struct sk_sql_lexer lx;
	struct sk_sql_stmt st;
	bool skip_data = false;
	int rc;

	memset(s, 0, sizeof(*s));
	sk_buf_init(&s->text);
	s->display = display_path(path);
	rc = sk_fs_read_file(&s->text, path, err);
	if (rc)
		return rc;
	sk_sql_lexer_init(&lx, s->text.buf, s->text.len, d);
	while ((rc = sk_sql_lexer_statement(&lx, &st, err)) > 0) {
		if (st.kind == SK_STMT_COPY_DATA && skip_data) {
			skip_data = false;
			continue;
		}
		skip_data = false;
		if (st.kind == SK_STMT_META || is_transaction_control(&st)) {
			if (seed) {
				rc = sk_error_set(err, SK_ERR_INPUT, "%s '%.*s' in a seed file",
				                  st.kind == SK_STMT_META ? "psql meta-command"
				                                          : "transaction control",
				                  (int)(st.len > 40 ? 40 : st.len), st.start);
				sk_error_hint(
				        err, "the seeds run in one transaction that schemake-reset controls; "
				             "write plain SQL statements");
				sk_error_locate(err, s->display, st.line, st.col);
				return rc;
			}
			skip_data = st.kind == SK_STMT_META; /* "\copy ... from stdin" has data */
			continue;
		}
		SK_ALLOC_GROW(s->stmts, s->nr + 1, s->alloc);
		s->stmts[s->nr++] = st;
		if (st.kind == SK_STMT_SQL)
			s->nsql++;
	}
	if (rc < 0) {
		sk_error_locate(err, s->display, err->line, err->col);
		return rc;
	}
	return 0;
}

/* Turns the server's error position (1-based, in characters of the
 * statement) into a line and column of the file. */
static void locate(struct sk_error *err, const char *file, const struct sk_sql_stmt *st)
{
	unsigned line = st->line, col = st->col;
	long pos = err->col; /* set by the driver, 0 when unknown */

	if (pos > 0) {
		long chars = 0;
		for (size_t i = 0; i < st->len && chars < pos - 1; i++) {
			unsigned char c = (unsigned char)st->start[i];
			if ((c & 0xC0) == 0x80)
				continue;
			chars++;
			if (c == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
	}
	sk_error_locate(err, file, line, col);
}

/* Runs a script's statements in the caller's transaction. */
static int script_run(struct sk_db *db, const struct script *s, struct sk_error *err)
{
	for (size_t i = 0; i < s->nr; i++) {
		const struct sk_sql_stmt *st = &s->stmts[i];
		const struct sk_sql_stmt *data =
		        i + 1 < s->nr && s->stmts[i + 1].kind == SK_STMT_COPY_DATA ? &s->stmts[i + 1] : NULL;
		int rc;

		if (st->kind == SK_STMT_COPY_DATA)
			continue; /* data of a statement that was not COPY: the lexer never gives one */
		if (data)
			rc = sk_db_copy_in(db, st->start, st->len, data->start, data->len, err);
		else
			rc = sk_db_exec_statement(db, st->start, st->len, err);
		if (rc) {
			locate(err, s->display, st);
			return rc;
		}
		if (data)
			i++;
	}
	return 0;
}

/* --- before anything: options, configuration, inputs, protection -------- */

static int check_options(const struct sk_reset_opts *o, struct sk_error *err)
{
	if (o->migrate && o->from_dump)
		return sk_error_set(err, SK_ERR_USAGE, "--migrate and --from-dump exclude each other");
	if (o->mode == SK_RESET_SEED_ONLY && (o->migrate || o->from_dump))
		return sk_error_set(err, SK_ERR_USAGE, "--seed-only resets nothing: it takes no %s",
		                    o->migrate ? "--migrate" : "--from-dump");
	return 0;
}

/* SCHEMAKE_ENV as the configuration reads it: the environment, else .env. */
static char *stage(const struct reset *r, const char **source)
{
	const char *env = getenv("SCHEMAKE_ENV");
	struct sk_buf text = SK_BUF_INIT;
	struct sk_error ignored = SK_ERROR_INIT;
	char *path, *v = NULL;

	if (env && *env) {
		*source = "the environment";
		return sk_xstrdup(env);
	}
	path = sk_fs_join(r->cfg.project_dir, ".env");
	if (sk_fs_exists(path) && sk_fs_read_file(&text, path, &ignored) == 0)
		v = sk_dotenv_lookup(text.buf, text.len, "SCHEMAKE_ENV", NULL);
	*source = ".env";
	free(path);
	sk_buf_release(&text);
	return v;
}

/* The refusal names the rule that refused: the configuration only says
 * that one of them did, so the environment is read again here. */
static int refuse_protected(struct reset *r, const char *what)
{
	const char *source = NULL;
	char *env = stage(r, &source);
	bool by_env = env && !strcasecmp(env, "production");
	int rc;

	rc = sk_error_set(r->err, SK_ERR_REFUSED, "refusing to %s '%s': the database is protected (%s)", what,
	                  r->dbname,
	                  by_env ? (!strcmp(source, ".env") ? "SCHEMAKE_ENV=production in .env"
	                                                    : "SCHEMAKE_ENV=production in the environment")
	                         : "protected = true in schemake.ini");
	sk_error_hint(r->err, "%s; if you mean it, pass --force%s",
	              by_env ? "SCHEMAKE_ENV=production marks a production database"
	                     : "schemake.ini marks this database as holding real data",
	              strcmp(what, "reset") ? "" : " (confirmation is still needed: typed, or --yes)");
	free(env);
	return rc;
}

/* The database's name. A PostgreSQL URL that names none leaves it to libpq
 * (PGDATABASE, the user name, a service file): ask the server then. */
static int resolve_name(struct reset *r)
{
	struct sk_rows rows = SK_ROWS_INIT;
	struct sk_db *db = NULL;
	const char *name;
	int rc;

	if (r->dialect == SK_DIALECT_SQLITE) {
		if (!r->ci.sqlite_path || !strcmp(r->ci.sqlite_path, ":memory:") || !r->ci.sqlite_path[0])
			return sk_error_set(r->err, SK_ERR_USAGE,
			                    "an in-memory SQLite database has nothing to reset");
		r->path = sk_xstrdup(r->ci.sqlite_path);
		r->dbname = display_path(r->path);
		return 0;
	}
	name = sk_conninfo_get(&r->ci, "dbname");
	if (name && *name) {
		r->dbname = sk_xstrdup(name);
		return 0;
	}
	rc = sk_db_connect(&db, &r->ci, r->err);
	if (rc) {
		sk_error_hint(r->err, "name the database in the URL (postgresql://host/NAME)");
		return rc;
	}
	rc = sk_db_query(db, &rows, "SELECT current_database()", 0, NULL, r->err);
	if (rc == 0)
		r->dbname = sk_xstrdup(sk_rows_get(&rows, 0, 0));
	sk_rows_release(&rows);
	sk_db_free(db);
	return rc;
}

static int load_seeds(struct reset *r)
{
	struct sk_fs_names names = SK_FS_NAMES_INIT;
	int rc = 0;

	if (!sk_fs_is_dir(r->seeds_dir)) {
		char *shown = display_path(r->seeds_dir);
		rc = sk_error_set(r->err, SK_ERR_IO, "no seeds directory '%s'", shown);
		sk_error_hint(r->err,
		              "put the seed files (*.sql, run in name order) there, point --seeds-dir at "
		              "them, or set [paths] seeds in schemake.ini");
		free(shown);
		return rc;
	}
	rc = sk_fs_list_dir(&names, r->seeds_dir, r->err);
	if (rc)
		return rc;
	for (size_t i = 0; i < names.nr; i++) {
		size_t n = strlen(names.names[i]);
		char *path;
		if (n < 5 || strcmp(names.names[i] + n - 4, ".sql") != 0)
			continue;
		path = sk_fs_join(r->seeds_dir, names.names[i]);
		r->seeds = sk_xrealloc(r->seeds, (r->nseeds + 1) * sizeof(*r->seeds));
		rc = script_load(&r->seeds[r->nseeds++], path, true, lexer_dialect(r->dialect), r->err);
		free(path);
		if (rc)
			break;
	}
	if (rc == 0 && r->nseeds == 0) {
		char *shown = display_path(r->seeds_dir);
		warn(r, "no seed files (*.sql) in '%s'", shown);
		free(shown);
	}
	sk_fs_names_release(&names);
	return rc;
}

/* Everything the run reads, read now: a bad file must destroy nothing. */
static int load_inputs(struct reset *r)
{
	const struct sk_reset_opts *o = r->o;
	int rc;

	if (o->migrate || o->from_dump) {
		bool sum_exists;
		rc = sk_migdir_load(&r->md, r->cfg.migrations_dir, lexer_dialect(r->dialect), r->err);
		r->have_md = true;
		if (rc)
			return rc;
		rc = sk_migdir_sum_check(&r->md, &sum_exists, NULL, r->err);
		if (rc)
			return rc;
	}
	if (o->from_dump) {
		rc = script_load(&r->dump, o->from_dump, false, lexer_dialect(r->dialect), r->err);
		r->have_dump = true;
		if (rc)
			return rc;
	}
	if (o->seed || o->mode == SK_RESET_SEED_ONLY)
		return load_seeds(r);
	return 0;
}

/* --- what is there now ----------------------------------------------------- */

/* The server's maintenance database: "postgres", else "template1" (never the
 * target itself: it is about to be dropped). */
static int connect_admin(struct reset *r)
{
	static const char *const candidates[] = {"postgres", "template1"};
	struct sk_conninfo admin = SK_CONNINFO_INIT;
	int rc = -SK_ERR_CONFIG;

	for (size_t i = 0; i < 2; i++) {
		struct sk_error attempt = SK_ERROR_INIT;
		if (!strcmp(candidates[i], r->dbname))
			continue;
		sk_conninfo_release(&admin);
		sk_conninfo_copy(&admin, &r->ci);
		sk_conninfo_set(&admin, "dbname", candidates[i]);
		rc = sk_db_connect(&r->admin, &admin, &attempt);
		if (rc == 0)
			break;
		*r->err = attempt; /* the last attempt's error */
	}
	sk_conninfo_release(&admin);
	if (rc)
		sk_error_prefix(r->err, "cannot connect to the maintenance database (postgres or template1)");
	return rc;
}

/* Other client sessions on the database (not autovacuum, not ourselves). */
static int pg_count_sessions(struct reset *r, struct sk_db *db)
{
	struct sk_rows rows = SK_ROWS_INIT;
	const char *params[] = {r->dbname};
	int rc;

	rc = sk_db_query(db, &rows,
	                 "SELECT pid FROM pg_catalog.pg_stat_activity WHERE datname = $1 "
	                 "AND pid <> pg_catalog.pg_backend_pid() AND backend_type = 'client backend' "
	                 "ORDER BY pid",
	                 1, params, r->err);
	if (rc == 0) {
		r->sessions = rows.nrows;
		sk_buf_reset(&r->pids);
		for (size_t i = 0; i < rows.nrows; i++)
			sk_buf_addf(&r->pids, "%s%s", i ? ", " : "", sk_rows_get(&rows, i, 0));
	}
	sk_rows_release(&rows);
	return rc;
}

static int pg_inspect_database(struct reset *r)
{
	struct sk_rows rows = SK_ROWS_INIT;
	const char *params[] = {r->dbname};
	int rc;

	rc = connect_admin(r);
	if (rc)
		return rc;
	rc = sk_db_query(r->admin, &rows,
	                 "SELECT current_user, pg_catalog.pg_get_userbyid(d.datdba), "
	                 "pg_catalog.pg_has_role(d.datdba, 'MEMBER') FROM (SELECT 1) AS one "
	                 "LEFT JOIN pg_catalog.pg_database d ON d.datname = $1",
	                 1, params, r->err);
	if (rc)
		goto done;
	r->current_user = sk_xstrdup(sk_rows_get(&rows, 0, 0));
	r->exists = sk_rows_get(&rows, 0, 1) != NULL;
	if (r->exists) {
		r->owner = sk_xstrdup(sk_rows_get(&rows, 0, 1));
		r->can_set_owner = !strcmp(sk_rows_get(&rows, 0, 2), "t");
		rc = pg_count_sessions(r, r->admin);
	}
done:
	sk_rows_release(&rows);
	return rc;
}

/* Objects-only on PostgreSQL: every non-system schema we may drop. A
 * database owner is a member of pg_database_owner, public's owner since
 * PostgreSQL 15, so pg_has_role covers that case. */
static int pg_inspect_objects(struct reset *r, struct sk_db *db)
{
	struct sk_rows rows = SK_ROWS_INIT;
	struct sk_buf list = SK_BUF_INIT;
	bool public_seen = false;
	size_t n = 0;
	int rc;

	rc = sk_db_query(db, &rows,
	                 "SELECT n.nspname, pg_catalog.pg_get_userbyid(n.nspowner), "
	                 "pg_catalog.pg_has_role(n.nspowner, 'USAGE') FROM pg_catalog.pg_namespace n "
	                 "WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ORDER BY 1",
	                 0, NULL, r->err);
	if (rc)
		goto done;
	for (size_t i = 0; i < rows.nrows; i++) {
		const char *name = sk_rows_get(&rows, i, 0);
		struct sk_buf sql = SK_BUF_INIT;

		if (!strcmp(name, "public"))
			public_seen = true;
		if (strcmp(sk_rows_get(&rows, i, 2), "t") != 0) {
			sk_buf_addf(&r->others, "%s'%s' (owner %s)", r->others.len ? ", " : "", name,
			            sk_rows_get(&rows, i, 1));
			continue;
		}
		if (!strcmp(name, "public"))
			r->recreate_public = true;
		sk_buf_adds(&sql, "DROP SCHEMA ");
		sk_db_quote_ident(&sql, SK_DIALECT_POSTGRES, name);
		sk_buf_adds(&sql, " CASCADE");
		add_drop(r, sk_buf_detach(&sql, NULL));
		sk_buf_addf(&list, "%s'%s'", n++ ? ", " : "", name);
	}
	if (!public_seen)
		r->recreate_public = true;
	if (n)
		sk_buf_addf(&r->objects, "%s %s and everything in %s", plural(n, "schema", "schemas"),
		            list.buf, plural(n, "it", "them"));
	else
		sk_buf_adds(&r->objects, "nothing (no schema this role owns)");
	rc = pg_count_sessions(r, db);
done:
	sk_rows_release(&rows);
	sk_buf_release(&list);
	return rc;
}

/* Objects-only on SQLite: the tables and views (their indexes and triggers
 * go with them); sqlite_* tables belong to SQLite. */
static int sqlite_inspect_objects(struct reset *r, struct sk_db *db)
{
	static const char *const kinds[] = {"table", "view", "index", "trigger"};
	struct sk_rows rows = SK_ROWS_INIT;
	size_t count[4] = {0};
	int rc;

	rc = sk_db_query(db, &rows,
	                 "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
	                 "ORDER BY type = 'table', name",
	                 0, NULL, r->err);
	if (rc)
		goto done;
	for (size_t i = 0; i < rows.nrows; i++) {
		const char *type = sk_rows_get(&rows, i, 0);
		for (size_t k = 0; k < 4; k++)
			if (!strcmp(type, kinds[k]))
				count[k]++;
		if (!strcmp(type, "table") || !strcmp(type, "view")) {
			struct sk_buf sql = SK_BUF_INIT;
			/* IF EXISTS: a virtual table takes its shadow tables along */
			sk_buf_addf(&sql, "DROP %s IF EXISTS ", !strcmp(type, "table") ? "TABLE" : "VIEW");
			sk_db_quote_ident(&sql, SK_DIALECT_SQLITE, sk_rows_get(&rows, i, 1));
			add_drop(r, sk_buf_detach(&sql, NULL));
		}
	}
	for (size_t k = 0; k < 4; k++)
		if (count[k])
			sk_buf_addf(&r->objects, "%s%zu %s%s", r->objects.len ? ", " : "", count[k], kinds[k],
			            count[k] == 1 ? "" : (k == 2 ? "es" : "s"));
	if (!r->objects.len)
		sk_buf_adds(&r->objects, "nothing (the database is empty)");
done:
	sk_rows_release(&rows);
	return rc;
}

static int inspect(struct reset *r)
{
	struct sk_db *db = NULL;
	int rc;

	if (r->o->mode == SK_RESET_DATABASE) {
		if (r->dialect == SK_DIALECT_POSTGRES)
			return pg_inspect_database(r);
		r->exists = sk_fs_exists(r->path);
		return 0;
	}
	/* objects only: the database must be there */
	if (r->dialect == SK_DIALECT_SQLITE && !sk_fs_exists(r->path)) {
		r->exists = false;
		sk_buf_adds(&r->objects, "nothing (no file yet)");
		return 0;
	}
	r->exists = true;
	rc = sk_db_connect(&db, &r->ci, r->err);
	if (rc == 0)
		rc = r->dialect == SK_DIALECT_POSTGRES ? pg_inspect_objects(r, db)
		                                       : sqlite_inspect_objects(r, db);
	sk_db_free(db);
	return rc;
}

/* --- the safety rules ------------------------------------------------------ */

static const char *notice_host(const struct reset *r)
{
	const char *h = sk_conninfo_get(&r->ci, "host");

	if (!h || !*h)
		h = sk_conninfo_get(&r->ci, "hostaddr");
	if (!h || !*h)
		h = getenv("PGHOST");
	return h && *h ? h : "the default socket";
}

static void fill_notice(const struct reset *r, struct sk_reset_notice *n, const char **base)
{
	const char *slash = r->path ? strrchr(r->path, '/') : NULL;

	memset(n, 0, sizeof(*n));
	n->dialect = r->dialect;
	n->mode = r->o->mode;
	n->database = r->dbname;
	*base = slash ? slash + 1 : r->path ? r->path : r->dbname;
	n->confirm_name = *base;
	if (r->dialect == SK_DIALECT_POSTGRES) {
		const char *port = sk_conninfo_get(&r->ci, "port");
		n->host = notice_host(r);
		n->port = port && *port ? port : getenv("PGPORT");
		n->owner = r->owner;
		n->sessions = r->sessions;
		n->disconnect = r->o->force_disconnect;
	}
	n->url = r->url.buf;
	n->exists = r->exists;
	n->objects = r->o->mode == SK_RESET_OBJECTS ? r->objects.buf : NULL;
	n->dry_run = r->o->dry_run;
}

static int check_sessions(struct reset *r)
{
	int rc;

	if (r->dialect != SK_DIALECT_POSTGRES || !r->sessions || r->o->force_disconnect)
		return 0;
	rc = sk_error_set(r->err, SK_ERR_REFUSED, "refusing to %s '%s': %zu other %s connected to it",
	                  r->o->mode == SK_RESET_OBJECTS ? "drop the objects of" : "drop database", r->dbname,
	                  r->sessions, plural(r->sessions, "session is", "sessions are"));
	sk_error_detail(r->err, "%s %s", plural(r->sessions, "pid", "pids"), r->pids.buf);
	sk_error_hint(r->err, "close %s, or pass --force-disconnect to terminate %s first",
	              plural(r->sessions, "it", "them"), plural(r->sessions, "it", "them"));
	return rc;
}

static int confirm(struct reset *r, const struct sk_reset_notice *n)
{
	const struct sk_reset_events *ev = &r->o->events;
	enum sk_reset_answer a;
	int rc;

	if (r->o->yes || r->o->dry_run || !r->exists)
		return 0;
	a = ev->confirm ? ev->confirm(ev->ctx, n) : SK_RESET_NO_TERMINAL;
	if (a == SK_RESET_YES)
		return 0;
	if (a == SK_RESET_NO_TERMINAL) {
		rc = sk_error_set(
		        r->err, SK_ERR_REFUSED,
		        "refusing to reset '%s' without confirmation: standard input is not a terminal",
		        r->dbname);
		sk_error_hint(r->err, "pass --yes to confirm (or --dry-run to see what would happen)");
		return rc;
	}
	rc = sk_error_set(r->err, SK_ERR_REFUSED, "not confirmed: '%s' was left as it was", r->dbname);
	sk_error_hint(r->err, "type the database's name exactly to confirm, or pass --yes");
	return rc;
}

/* --- the plan (dry run) ---------------------------------------------------- */

static const char *head_version(const struct sk_migdir *md)
{
	return md->nr ? md->migs[md->nr - 1].version : "base (no migrations)";
}

static void plan_build(struct reset *r, bool dry)
{
	const char *would = dry ? "would " : "";

	if (r->o->migrate)
		sk_buf_addf(r->out, "%sapply %zu %s up to %s\n", would, r->md.nr,
		            plural(r->md.nr, "migration", "migrations"), head_version(&r->md));
	if (r->o->from_dump)
		sk_buf_addf(r->out, "%sload '%s' (%zu %s) and stamp %s\n", would, r->dump.display,
		            r->dump.nsql, plural(r->dump.nsql, "statement", "statements"),
		            head_version(&r->md));
	if (r->nseeds) {
		size_t n = 0;
		for (size_t i = 0; i < r->nseeds; i++)
			n += r->seeds[i].nsql;
		sk_buf_addf(r->out, "%srun %zu seed %s (%zu %s) in one transaction:", would, r->nseeds,
		            plural(r->nseeds, "file", "files"), n, plural(n, "statement", "statements"));
		for (size_t i = 0; i < r->nseeds; i++)
			sk_buf_addf(r->out, " %s", r->seeds[i].display);
		sk_buf_addch(r->out, '\n');
	}
}

static void plan_destroy(struct reset *r)
{
	if (r->sessions)
		sk_buf_addf(r->out, "would terminate %zu other %s (%s %s)\n", r->sessions,
		            plural(r->sessions, "session", "sessions"), plural(r->sessions, "pid", "pids"),
		            r->pids.buf);
	if (r->o->mode == SK_RESET_OBJECTS) {
		for (size_t i = 0; i < r->ndrops; i++)
			sk_buf_addf(r->out, "would run: %s\n", r->drops[i]);
		if (r->recreate_public)
			sk_buf_adds(r->out, "would create schema public as a new database has it\n");
		return;
	}
	if (r->dialect == SK_DIALECT_SQLITE) {
		if (r->exists)
			sk_buf_addf(r->out, "would delete '%s' (and its -wal, -shm, -journal files)\n",
			            r->dbname);
		sk_buf_addf(r->out, "would create an empty '%s'\n", r->dbname);
		return;
	}
	if (r->exists)
		sk_buf_addf(r->out, "would drop database '%s'\n", r->dbname);
	sk_buf_addf(r->out, "would create database '%s'", r->dbname);
	if (r->owner)
		sk_buf_addf(r->out, " owned by '%s'", r->owner);
	sk_buf_addch(r->out, '\n');
}

/* --- destroying ------------------------------------------------------------ */

static int pg_terminate(struct reset *r, struct sk_db *db)
{
	const char *params[] = {r->dbname};
	struct sk_rows rows = SK_ROWS_INIT;
	int rc;

	if (!r->sessions)
		return 0;
	rc = sk_db_query(db, &rows,
	                 "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity "
	                 "WHERE datname = $1 AND pid <> pg_catalog.pg_backend_pid()",
	                 1, params, r->err);
	sk_rows_release(&rows);
	if (rc)
		sk_error_prefix(r->err, "cannot disconnect the other sessions of '%s'", r->dbname);
	return rc;
}

static int pg_recreate(struct reset *r)
{
	struct sk_buf sql = SK_BUF_INIT;
	bool with_owner;
	int rc = 0;

	if (r->exists) {
		if (r->o->force_disconnect) {
			rc = pg_terminate(r, r->admin);
			if (rc)
				goto done;
		}
		sk_buf_adds(&sql, "DROP DATABASE IF EXISTS ");
		sk_db_quote_ident(&sql, SK_DIALECT_POSTGRES, r->dbname);
		/* a session that connected since the check is not waited for */
		if (r->o->force_disconnect && sk_db_server_version(r->admin) >= 130000)
			sk_buf_adds(&sql, " WITH (FORCE)");
		rc = sk_db_exec(r->admin, sql.buf, r->err);
		if (rc) {
			sk_error_prefix(r->err, "cannot drop database '%s'", r->dbname);
			goto done;
		}
		step(r, "dropped database '%s'", r->dbname);
	}
	with_owner = r->owner && r->current_user && strcmp(r->owner, r->current_user) != 0;
	if (with_owner && !r->can_set_owner) {
		warn(r, "database '%s' was owned by '%s'; it is created owned by '%s' (not a member of '%s')",
		     r->dbname, r->owner, r->current_user, r->owner);
		with_owner = false;
	}
	sk_buf_reset(&sql);
	sk_buf_adds(&sql, "CREATE DATABASE ");
	sk_db_quote_ident(&sql, SK_DIALECT_POSTGRES, r->dbname);
	if (with_owner) {
		sk_buf_adds(&sql, " OWNER ");
		sk_db_quote_ident(&sql, SK_DIALECT_POSTGRES, r->owner);
	}
	rc = sk_db_exec(r->admin, sql.buf, r->err);
	if (rc) {
		sk_error_prefix(r->err, "cannot create database '%s'", r->dbname);
		if (!r->err->hint[0])
			sk_error_hint(r->err, "the role needs CREATEDB; %s",
			              r->exists ? "the database is gone now" : "nothing was changed");
		goto done;
	}
	step(r, "created database '%s' owned by '%s'", r->dbname, with_owner ? r->owner : r->current_user);
done:
	sk_buf_release(&sql);
	return rc;
}

/* public as initdb makes it (PostgreSQL 15+: owned by pg_database_owner,
 * USAGE for everyone; before: CREATE and USAGE for everyone). */
static void pg_public_sql(struct sk_buf *sql, int server_version)
{
	if (server_version >= 150000)
		sk_buf_adds(sql, "CREATE SCHEMA public AUTHORIZATION pg_database_owner;\n"
		                 "GRANT USAGE ON SCHEMA public TO PUBLIC;\n");
	else
		sk_buf_adds(sql, "CREATE SCHEMA public;\n"
		                 "GRANT ALL ON SCHEMA public TO PUBLIC;\n");
	sk_buf_adds(sql, "COMMENT ON SCHEMA public IS 'standard public schema';\n");
}

static int drop_objects(struct reset *r)
{
	struct sk_buf sql = SK_BUF_INIT;
	struct sk_db *db = NULL;
	bool sqlite = r->dialect == SK_DIALECT_SQLITE;
	int rc;

	if (!r->exists)
		return 0;
	rc = sk_db_connect(&db, &r->ci, r->err);
	if (rc)
		goto done;
	if (r->o->force_disconnect && !sqlite) {
		rc = pg_terminate(r, db);
		if (rc)
			goto done;
	}
	/* outside the transaction: SQLite ignores the pragma inside one */
	if (sqlite && (rc = sk_db_exec(db, "PRAGMA foreign_keys = OFF", r->err)) != 0)
		goto done;
	rc = sk_db_begin(db, r->err);
	for (size_t i = 0; rc == 0 && i < r->ndrops; i++)
		rc = sk_db_exec(db, r->drops[i], r->err);
	if (rc == 0 && !sqlite && r->recreate_public) {
		pg_public_sql(&sql, sk_db_server_version(db));
		rc = sk_db_exec(db, sql.buf, r->err);
	}
	if (rc == 0)
		rc = sk_db_commit(db, r->err);
	if (rc) {
		sk_db_rollback(db);
		sk_error_prefix(r->err, "cannot drop the objects of '%s' (nothing was dropped)", r->dbname);
		goto done;
	}
	step(r, "dropped %s from '%s'", r->objects.buf, r->dbname);
done:
	sk_db_free(db);
	sk_buf_release(&sql);
	return rc;
}

/* True when the file starts like an SQLite database or is empty: a URL that
 * points at some other file must not delete it. */
static bool looks_like_sqlite(const char *path)
{
	char head[16];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return true; /* unlink will tell */
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	return n == 0 || (n == sizeof(head) && !memcmp(head, "SQLite format 3", 16));
}

static int sqlite_remove(struct reset *r)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	struct stat st;
	int rc = 0;

	if (stat(r->path, &st) == 0 && !S_ISREG(st.st_mode))
		return sk_error_set(r->err, SK_ERR_REFUSED,
		                    "refusing to reset '%s': it is not a regular file", r->dbname);
	if (!looks_like_sqlite(r->path)) {
		rc = sk_error_set(r->err, SK_ERR_REFUSED,
		                  "refusing to delete '%s': it is not an SQLite database", r->dbname);
		sk_error_hint(r->err, "check the database URL");
		return rc;
	}
	for (size_t i = 0; i < 4; i++) {
		char *path = sk_xstrfmt("%s%s", r->path, suffixes[i]);
		if (unlink(path) != 0 && errno != ENOENT)
			rc = sk_error_set(r->err, SK_ERR_IO, "cannot delete '%s': %s", path, strerror(errno));
		free(path);
		if (rc)
			return rc;
	}
	if (r->exists)
		step(r, "deleted '%s'", r->dbname);
	return 0;
}

static int destroy(struct reset *r)
{
	if (r->o->mode == SK_RESET_OBJECTS)
		return drop_objects(r);
	if (r->dialect == SK_DIALECT_SQLITE)
		return sqlite_remove(r);
	return pg_recreate(r);
}

/* --- building again -------------------------------------------------------- */

static int load_dump(struct reset *r)
{
	struct sk_db *db = NULL;
	int rc;

	/* its own session: a dump's SET lines (search_path = '') must not
	 * reach the stamp and the seeds */
	rc = sk_db_connect(&db, &r->ci, r->err);
	/* a dump may insert rows before the rows they refer to (sqlite3 .dump
	 * says PRAGMA foreign_keys=OFF, which does nothing inside the
	 * transaction): so off before it, as sqlite3 would have it */
	if (rc == 0 && r->dialect == SK_DIALECT_SQLITE)
		rc = sk_db_exec(db, "PRAGMA foreign_keys = OFF", r->err);
	if (rc == 0)
		rc = sk_db_begin(db, r->err);
	if (rc == 0)
		rc = script_run(db, &r->dump, r->err);
	if (rc == 0)
		rc = sk_db_commit(db, r->err);
	if (rc) {
		sk_db_rollback(db);
		sk_error_prefix(r->err, "the dump was rolled back");
		if (!r->err->hint[0])
			sk_error_hint(r->err,
			              "the database is empty now; fix the dump and run schemake-reset again");
	}
	sk_db_free(db);
	return rc;
}

static int run_seeds(struct reset *r, struct sk_db *db)
{
	struct sk_buf files = SK_BUF_INIT;
	size_t n = 0;
	int rc;

	if (!r->nseeds)
		return 0;
	rc = sk_db_begin(db, r->err);
	for (size_t i = 0; rc == 0 && i < r->nseeds; i++) {
		rc = script_run(db, &r->seeds[i], r->err);
		n += r->seeds[i].nsql;
	}
	if (rc == 0)
		rc = sk_db_commit(db, r->err);
	if (rc) {
		sk_db_rollback(db);
		sk_error_prefix(r->err, "seeds rolled back, none loaded");
		return rc;
	}
	for (size_t i = 0; i < r->nseeds; i++)
		sk_buf_addf(&files, " %s", r->seeds[i].display);
	step(r, "seeded %zu %s from %zu %s:%s", n, plural(n, "statement", "statements"), r->nseeds,
	     plural(r->nseeds, "file", "files"), files.buf);
	sk_buf_release(&files);
	return 0;
}

static int build(struct reset *r)
{
	struct sk_migrate_apply_opts a;
	struct sk_db *db = NULL;
	size_t applied = 0;
	int rc;

	if (r->o->from_dump) {
		rc = load_dump(r);
		if (rc)
			return rc;
	}
	rc = sk_db_connect(&db, &r->ci, r->err);
	if (rc)
		goto done;
	if (r->o->from_dump) {
		rc = sk_migrate_stamp(db, &r->md, "head", r->o->lock_timeout_ms, r->err);
		if (rc)
			goto done;
		step(r, "loaded '%s' (%zu %s), stamped %s", r->dump.display, r->dump.nsql,
		     plural(r->dump.nsql, "statement", "statements"), head_version(&r->md));
	}
	if (r->o->migrate) {
		memset(&a, 0, sizeof(a));
		a.lock_timeout_ms = r->o->lock_timeout_ms;
		a.events = r->o->events.migrate;
		rc = sk_migrate_upgrade(db, &r->md, &a, &applied, r->err);
		if (rc)
			goto done;
		step(r, "applied %zu %s, now at %s", applied, plural(applied, "migration", "migrations"),
		     head_version(&r->md));
	}
	rc = run_seeds(r, db);
done:
	sk_db_free(db);
	return rc;
}

/* --- the command ----------------------------------------------------------- */

static void release(struct reset *r)
{
	sk_db_free(r->admin);
	sk_config_release(&r->cfg);
	sk_conninfo_release(&r->ci);
	sk_buf_release(&r->url);
	sk_buf_release(&r->pids);
	sk_buf_release(&r->objects);
	sk_buf_release(&r->others);
	free(r->dbname);
	free(r->path);
	free(r->seeds_dir);
	free(r->owner);
	free(r->current_user);
	if (r->have_md)
		sk_migdir_release(&r->md);
	if (r->have_dump)
		script_release(&r->dump);
	for (size_t i = 0; i < r->nseeds; i++)
		script_release(&r->seeds[i]);
	free(r->seeds);
	for (size_t i = 0; i < r->ndrops; i++)
		free(r->drops[i]);
	free(r->drops);
}

static int seed_only(struct reset *r)
{
	struct sk_db *db = NULL;
	int rc;

	if (r->o->dry_run) {
		plan_build(r, true);
		sk_buf_adds(r->out, "dry run: nothing was changed\n");
		return 0;
	}
	rc = sk_db_connect(&db, &r->ci, r->err);
	if (rc == 0)
		rc = run_seeds(r, db);
	sk_db_free(db);
	return rc;
}

int sk_reset_run(const struct sk_reset_opts *o, struct sk_buf *out, struct sk_error *err)
{
	struct reset r;
	struct sk_reset_notice n;
	const char *base;
	int rc;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.out = out;
	r.err = err;
	sk_buf_init(&r.url);
	sk_buf_init(&r.pids);
	sk_buf_init(&r.objects);
	sk_buf_init(&r.others);
	r.md = (struct sk_migdir)SK_MIGDIR_INIT;

	rc = check_options(o, err);
	if (rc)
		return rc;
	rc = sk_config_load(&r.cfg, &o->config, err);
	if (rc)
		goto done;
	if (sk_config_password_file_insecure(&r.cfg))
		warn(&r, "password file '%s' is readable by other users; 'chmod 600' it",
		     r.cfg.password_file);
	r.seeds_dir =
	        o->seeds_dir ? sk_fs_join(r.cfg.project_dir, o->seeds_dir) : sk_xstrdup(r.cfg.seeds_dir);
	/* the development cluster is started here when it is the target */
	rc = sk_db_project_conninfo(&r.ci, &r.cfg, err);
	if (rc)
		goto done;
	r.dialect = r.ci.dialect;
	sk_conninfo_mask(&r.url, &r.ci);
	rc = resolve_name(&r);
	if (rc)
		goto done;
	if (r.cfg.protected_db && !o->force) {
		rc = refuse_protected(&r, o->mode == SK_RESET_SEED_ONLY ? "seed" : "reset");
		goto done;
	}
	rc = load_inputs(&r);
	if (rc)
		goto done;
	if (o->mode == SK_RESET_SEED_ONLY) {
		rc = seed_only(&r);
		goto done;
	}

	rc = inspect(&r);
	if (rc)
		goto done;
	fill_notice(&r, &n, &base);
	if (o->events.on_notice)
		o->events.on_notice(o->events.ctx, &n);
	if (r.others.len)
		warn(&r, "schemas owned by other roles are left alone: %s", r.others.buf);
	rc = check_sessions(&r);
	if (rc)
		goto done;
	if (o->dry_run) {
		plan_destroy(&r);
		plan_build(&r, true);
		sk_buf_adds(out, "dry run: nothing was changed\n");
		goto done;
	}
	rc = confirm(&r, &n);
	if (rc)
		goto done;
	rc = destroy(&r);
	if (rc)
		goto done;
	/* done with the maintenance database before building */
	sk_db_free(r.admin);
	r.admin = NULL;
	rc = build(&r);
done:
	release(&r);
	return rc;
}
