/*
 * sqlite.c: the SQLite driver over the sqlite3 C API. Runs scripts statement
 * by statement with sqlite3_prepare_v2 (never sqlite3_exec), binds $N
 * parameters as text, and maps SQLite's result codes to struct sk_error.
 *
 * The "migration lock" here is a busy handler: writers wait for each other's
 * write transaction (every sk_db_begin is BEGIN IMMEDIATE). Without
 * sk_db_lock a connection still waits up to DEFAULT_BUSY_MS for a lock
 * before failing, like Python's sqlite3 module.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "common/buf.h"
#include "db/db_internal.h"

#include "common/banned.h"

#define DEFAULT_BUSY_MS 5000L

struct lite_db {
	struct sk_db base;
	sqlite3 *conn;
	/* busy handler state */
	bool lock_installed; /* by sk_db_lock, until sk_db_unlock */
	long timeout_ms;     /* negative: forever */
	sk_db_wait_fn on_wait;
	void *wait_ctx;
	bool waited;    /* on_wait was called for this sk_db_lock */
	bool timed_out; /* the handler gave up on the last wait */
	long long busy_start;
};

static struct lite_db *lite(struct sk_db *db)
{
	return (struct lite_db *)db;
}

static int busy_handler(void *arg, int count)
{
	struct lite_db *l = arg;
	long long now = sk_db_now_ms(), elapsed;
	long nap;

	if (count == 0) {
		l->busy_start = now;
		l->timed_out = false;
		if (!l->waited && l->on_wait) {
			l->waited = true;
			l->on_wait(l->wait_ctx, SK_DB_LOCK_WHAT);
		}
	}
	elapsed = now - l->busy_start;
	if (l->timeout_ms >= 0 && elapsed >= l->timeout_ms) {
		l->timed_out = true;
		return 0;
	}
	/* Short naps first (the holder is often about to commit), then 50 ms. */
	nap = count < 4 ? 10L * (count + 1) : 50L;
	if (l->timeout_ms >= 0 && l->timeout_ms - elapsed < nap)
		nap = (long)(l->timeout_ms - elapsed);
	sk_db_sleep_ms(nap);
	return 1;
}

/* Maps the connection's last error. base is the whole text handed to the
 * caller's call and stmt where the failing statement starts in it, so that
 * err->col counts characters from the start of base. */
static int lite_error(struct lite_db *l, int rc, const char *base, const char *stmt, struct sk_error *err)
{
	const char *msg = sqlite3_errmsg(l->conn);
	int off = base ? sqlite3_error_offset(l->conn) : -1;
	int ret;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
		if (l->timed_out && l->lock_installed) {
			ret = sk_error_set(err, SK_ERR_LOCK, "timed out after %ld ms waiting for %s",
			                   l->timeout_ms, SK_DB_LOCK_WHAT);
			sk_error_hint(err, "%s", SK_DB_LOCK_HINT);
		} else if (l->timed_out) {
			ret = sk_error_set(err, SK_ERR_LOCK,
			                   "timed out after %ld ms waiting for a lock on '%s'", l->timeout_ms,
			                   l->base.name);
			sk_error_hint(
			        err,
			        "another connection is writing to the database; try again when it is done");
		} else {
			ret = sk_error_set(err, SK_ERR_LOCK, "%s", msg);
		}
		l->timed_out = false;
		return ret;
	case SQLITE_NOTADB:
		ret = sk_error_set(err, SK_ERR_CONFIG, "'%s' is not a SQLite database", l->base.name);
		sk_error_hint(err, "check the database path; the file exists but holds something else");
		return ret;
	default:
		break;
	}
	ret = sk_error_set(err, SK_ERR_MIGRATION, "%s", msg);
	if (off >= 0 && err)
		err->col = (unsigned)sk_db_utf8_chars(base, (size_t)(stmt - base) + (size_t)off) + 1;
	return ret;
}

/* Steps a prepared statement to its end, discarding rows. */
static int step_all(sqlite3_stmt *st)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	return rc;
}

/* Runs every statement of a script in turn. */
static int run_script(struct lite_db *l, const char *sql, struct sk_error *err)
{
	const char *tail = sql;

	while (tail && *tail) {
		const char *start = tail;
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(l->conn, start, -1, &st, &tail);

		if (rc != SQLITE_OK)
			return lite_error(l, rc, sql, start, err);
		if (!st) {
			/* only white space or a comment was left */
			if (tail == start)
				break;
			continue;
		}
		rc = step_all(st);
		if (rc != SQLITE_DONE) {
			rc = lite_error(l, rc, NULL, NULL, err);
			sqlite3_finalize(st);
			return rc;
		}
		sqlite3_finalize(st);
	}
	return 0;
}

/* Prepares exactly one statement and binds $1..$n. */
static int prepare_one(struct lite_db *l, sqlite3_stmt **out, const char *sql, int nparams,
                       const char *const *params, struct sk_error *err)
{
	const char *tail = NULL;
	sqlite3_stmt *st = NULL, *extra = NULL;
	int rc;

	*out = NULL;
	rc = sqlite3_prepare_v2(l->conn, sql, -1, &st, &tail);
	if (rc != SQLITE_OK)
		return lite_error(l, rc, sql, sql, err);
	if (!st)
		return sk_error_set(err, SK_ERR_MIGRATION, "empty statement");
	if (tail && *tail) {
		/* Anything but white space and comments after it is a second
		 * statement, which PostgreSQL would refuse too. */
		rc = sqlite3_prepare_v2(l->conn, tail, -1, &extra, NULL);
		sqlite3_finalize(extra);
		if (rc != SQLITE_OK || extra) {
			sqlite3_finalize(st);
			return sk_error_set(err, SK_ERR_MIGRATION,
			                    "cannot run more than one statement with parameters");
		}
	}
	for (int i = 1; i <= nparams; i++) {
		char name[16];
		int idx;

		snprintf(name, sizeof(name), "$%d", i);
		idx = sqlite3_bind_parameter_index(st, name);
		if (!idx && i <= sqlite3_bind_parameter_count(st))
			idx = i; /* written as ? */
		if (!idx)
			continue;
		if (params[i - 1])
			rc = sqlite3_bind_text(st, idx, params[i - 1], -1, SQLITE_TRANSIENT);
		else
			rc = sqlite3_bind_null(st, idx);
		if (rc != SQLITE_OK) {
			rc = lite_error(l, rc, NULL, NULL, err);
			sqlite3_finalize(st);
			return rc;
		}
	}
	*out = st;
	return 0;
}

static int lite_exec(struct sk_db *db, const char *sql, struct sk_error *err)
{
	return run_script(lite(db), sql, err);
}

static int lite_exec_params(struct sk_db *db, const char *sql, int nparams, const char *const *params,
                            struct sk_error *err)
{
	struct lite_db *l = lite(db);
	sqlite3_stmt *st;
	int rc = prepare_one(l, &st, sql, nparams, params, err);

	if (rc)
		return rc;
	rc = step_all(st);
	rc = rc == SQLITE_DONE ? 0 : lite_error(l, rc, NULL, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

static char *cell_text(sqlite3_stmt *st, int col)
{
	static const char hex[] = "0123456789abcdef";

	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		return NULL;
	case SQLITE_BLOB: {
		/* As PostgreSQL prints bytea: \x and hex digits. */
		const unsigned char *b = sqlite3_column_blob(st, col);
		size_t n = (size_t)sqlite3_column_bytes(st, col);
		char *s = sk_xmalloc(2 * n + 3), *p = s;
		*p++ = '\\';
		*p++ = 'x';
		for (size_t i = 0; i < n; i++) {
			*p++ = hex[b[i] >> 4];
			*p++ = hex[b[i] & 15];
		}
		*p = '\0';
		return s;
	}
	default: {
		const unsigned char *t = sqlite3_column_text(st, col);
		return sk_xstrndup(t ? (const char *)t : "", (size_t)sqlite3_column_bytes(st, col));
	}
	}
}

static int lite_query(struct sk_db *db, struct sk_rows *out, const char *sql, int nparams,
                      const char *const *params, struct sk_error *err)
{
	struct lite_db *l = lite(db);
	sqlite3_stmt *st;
	const char **names = NULL;
	char **cells = NULL;
	size_t ncols, alloc = 0;
	int rc = prepare_one(l, &st, sql, nparams, params, err);

	if (rc)
		return rc;
	ncols = (size_t)sqlite3_column_count(st);
	names = sk_xcalloc(ncols ? ncols : 1, sizeof(*names));
	for (size_t c = 0; c < ncols; c++)
		names[c] = sqlite3_column_name(st, (int)c);
	sk_rows_set_columns(out, ncols, names);
	free(names);
	cells = sk_xcalloc(ncols ? ncols : 1, sizeof(*cells));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (size_t c = 0; c < ncols; c++)
			cells[c] = cell_text(st, (int)c);
		sk_rows_add_row(out, cells, &alloc);
	}
	free(cells);
	if (rc != SQLITE_DONE) {
		rc = lite_error(l, rc, NULL, NULL, err);
		sk_rows_release(out);
	} else {
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

static int lite_exec_statement(struct sk_db *db, const char *sql, size_t len, struct sk_error *err)
{
	char *copy = sk_xstrndup(sql, len);
	int rc = run_script(lite(db), copy, err);

	free(copy);
	return rc;
}

static int lite_copy_in(struct sk_db *db, const char *stmt, size_t stmt_len, const char *data,
                        size_t data_len, struct sk_error *err)
{
	int rc = sk_error_set(err, SK_ERR_INPUT, "COPY FROM stdin is not supported on SQLite");

	(void)db;
	(void)stmt;
	(void)stmt_len;
	(void)data;
	(void)data_len;
	sk_error_hint(err, "write the data as INSERT statements");
	return rc;
}

static int lite_begin(struct sk_db *db, struct sk_error *err)
{
	/* IMMEDIATE takes the write lock now, so two upgraders serialise here
	 * rather than failing later with a busy snapshot. */
	return run_script(lite(db), "BEGIN IMMEDIATE", err);
}

static int lite_commit(struct sk_db *db, struct sk_error *err)
{
	return run_script(lite(db), "COMMIT", err);
}

static bool lite_in_transaction(const struct sk_db *db)
{
	return !sqlite3_get_autocommit(((const struct lite_db *)db)->conn);
}

static void lite_rollback(struct sk_db *db)
{
	if (lite_in_transaction(db))
		run_script(lite(db), "ROLLBACK", NULL);
}

static int lite_lock(struct sk_db *db, long long key, long timeout_ms, sk_db_wait_fn on_wait, void *ctx,
                     struct sk_error *err)
{
	struct lite_db *l = lite(db);

	(void)key;
	(void)err;
	l->lock_installed = true;
	l->timeout_ms = timeout_ms;
	l->on_wait = on_wait;
	l->wait_ctx = ctx;
	l->waited = false;
	l->timed_out = false;
	return 0;
}

static void lite_unlock(struct sk_db *db, long long key)
{
	struct lite_db *l = lite(db);

	(void)key;
	l->lock_installed = false;
	l->timeout_ms = DEFAULT_BUSY_MS;
	l->on_wait = NULL;
	l->wait_ctx = NULL;
}

static void *lite_native(struct sk_db *db)
{
	return lite(db)->conn;
}

static void lite_close(struct sk_db *db)
{
	struct lite_db *l = lite(db);

	sqlite3_close_v2(l->conn);
	free(l);
}

static const struct sk_db_ops lite_ops = {
        .exec = lite_exec,
        .exec_params = lite_exec_params,
        .query = lite_query,
        .exec_statement = lite_exec_statement,
        .copy_in = lite_copy_in,
        .begin = lite_begin,
        .commit = lite_commit,
        .rollback = lite_rollback,
        .in_transaction = lite_in_transaction,
        .lock = lite_lock,
        .unlock = lite_unlock,
        .native = lite_native,
        .close = lite_close,
};

int sk_sqlite_connect(struct sk_db **out, const struct sk_conninfo *ci, struct sk_error *err)
{
	const char *path = ci->sqlite_path;
	struct lite_db *l;
	int rc;

	*out = NULL;
	if (!path || !*path)
		return sk_error_set(err, SK_ERR_CONFIG, "no SQLite database path given");
	l = sk_xcalloc(1, sizeof(*l));
	l->base.ops = &lite_ops;
	l->base.dialect = SK_DIALECT_SQLITE;
	l->base.server_version = sqlite3_libversion_number();
	l->base.name = sk_xstrdup(path);
	l->timeout_ms = DEFAULT_BUSY_MS;
	rc = sqlite3_open_v2(path, &l->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "cannot open '%s': %s", path,
		                  l->conn ? sqlite3_errmsg(l->conn) : sqlite3_errstr(rc));
		sk_error_hint(err, "check that the directory exists and is writable");
		goto fail;
	}
	sqlite3_extended_result_codes(l->conn, 1);
	sqlite3_busy_handler(l->conn, busy_handler, l);
	/* Reading the schema now turns "not a database" into a connection
	 * error rather than the first migration's. */
	rc = run_script(l, "PRAGMA foreign_keys = ON; SELECT count(*) FROM sqlite_master", err);
	if (rc) {
		if (!err) {
			rc = -(int)SK_ERR_CONFIG;
		} else if (err->code == SK_ERR_MIGRATION) {
			char msg[SK_ERROR_MSG_MAX];
			snprintf(msg, sizeof(msg), "%s", err->message);
			rc = sk_error_set(err, SK_ERR_CONFIG, "cannot open '%s': %s", path, msg);
		}
		goto fail;
	}
	*out = &l->base;
	return 0;
fail:
	sqlite3_close_v2(l->conn);
	free(l->base.name);
	free(l);
	return rc;
}
