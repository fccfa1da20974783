/*
 * sqlite.c: the SQLite driver over the sqlite3 C API. Runs scripts statement
 * by statement with sqlite3_prepare_v2 (never sqlite3_exec), binds $N
 * parameters as text, and maps SQLite's result codes to struct sk_error.
 *
 * The migration lock here is an flock(2) on the database file for the whole
 * run plus a busy handler: writers wait for each other's write transaction
 * (every sk_db_begin is BEGIN IMMEDIATE). Without sk_db_lock a connection
 * still waits up to DEFAULT_BUSY_MS for a lock before failing, like Python's
 * sqlite3 module. Under the lock, sk_db_expect_many_commits runs an upgrade
 * in WAL mode and sk_db_unlock puts the database back in its own mode.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

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
	int lock_fd; /* the flock held by sk_db_lock, else -1 */
	/* set while sk_db_expect_many_commits changed the database: the
	 * journal mode and synchronous setting sk_db_unlock goes back to */
	char restore_mode[16];
	int restore_sync;
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

/* SQLite has no lock that outlives a transaction, and a transaction:false
 * section runs outside one: with only the write lock, two upgraders both ran
 * such a migration (each statement twice) and one of them stopped on the
 * other's in-progress 'failed' row. So a whole run also holds an flock(2) on
 * the database file, which the kernel drops when the process dies. On Linux
 * flock locks and SQLite's own POSIX record locks do not interact. *fd stays
 * -1 when there is no file to lock (an in-memory or temporary database, a
 * URI). */
static int flock_file(struct lite_db *l, int *fd, long timeout_ms, struct sk_error *err)
{
	const char *path = l->base.name;
	long long start = sk_db_now_ms();

	*fd = -1;
	if (!path || !*path || !strcmp(path, ":memory:"))
		return 0;
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0) {
		if (errno == ENOENT)
			return 0; /* not a file SQLite created (a URI, a temporary database) */
		return sk_error_set(err, SK_ERR_IO, "cannot open '%s' to lock it: %s", path, strerror(errno));
	}
	for (;;) {
		long long elapsed;
		long nap = 50;

		if (flock(*fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			int rc = sk_error_set(err, SK_ERR_IO, "cannot lock '%s': %s", path, strerror(errno));
			close(*fd);
			*fd = -1;
			return rc;
		}
		if (!l->waited) {
			l->waited = true;
			if (l->on_wait)
				l->on_wait(l->wait_ctx, SK_DB_LOCK_WHAT);
		}
		elapsed = sk_db_now_ms() - start;
		if (timeout_ms >= 0 && elapsed >= timeout_ms) {
			int rc = sk_error_set(err, SK_ERR_LOCK, "timed out after %ld ms waiting for %s",
			                      timeout_ms, SK_DB_LOCK_WHAT);
			sk_error_hint(err, "%s", SK_DB_LOCK_HINT);
			close(*fd);
			*fd = -1;
			return rc;
		}
		if (timeout_ms >= 0 && timeout_ms - elapsed < nap)
			nap = (long)(timeout_ms - elapsed);
		sk_db_sleep_ms(nap);
	}
}

/* ---- WAL for the length of an upgrade ----
 *
 * In the default rollback-journal mode every commit costs 4 fdatasync calls
 * (journal, its directory, journal header, database), which made applying
 * migrations one transaction each slower than dbmate. In WAL mode with
 * synchronous = NORMAL a commit costs none: each migration is still one
 * atomic transaction with its history row, and a crash or kill of the
 * process loses nothing committed; a power loss or OS crash may lose the
 * last migrations committed before it (together with their history rows,
 * so the database stays consistent and the next upgrade applies them
 * again). sk_db_unlock syncs the WAL and checkpoints it, so a run that has
 * returned is as durable as in the database's own mode. The alternatives
 * measured (200 migrations): rollback mode with synchronous = NORMAL, or
 * journal_mode TRUNCATE or PERSIST, still cost 3 or 4 syncs per commit
 * (dbmate's SQLite costs 3), so only WAL gets well below dbmate; WAL with
 * synchronous = FULL costs one sync per commit.
 *
 * The database's own journal mode is written to <db>-schemake-mode before
 * the switch, and the file is removed once the mode is restored. A run that
 * was killed, or could not restore because other connections had the
 * database open (leaving rollback mode needs the only connection), leaves
 * the file: the next connection that gets the migration lock restores the
 * mode (sk_sqlite_connect tries without waiting). A database already in WAL
 * mode only gets synchronous = NORMAL for the run. In-memory and temporary
 * databases, and databases in MEMORY or OFF mode, are left alone. */

#define MODE_FILE_SUFFIX "-schemake-mode"

static char *mode_file_path(const struct lite_db *l)
{
	struct sk_buf sb = SK_BUF_INIT;

	sk_buf_adds(&sb, l->base.name);
	sk_buf_adds(&sb, MODE_FILE_SUFFIX);
	return sk_buf_detach(&sb, NULL);
}

/* The value of a PRAGMA that returns one row, lower case, into out. */
static bool pragma_value(struct lite_db *l, const char *sql, char *out, size_t cap)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	out[0] = '\0';
	if (sqlite3_prepare_v2(l->conn, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(st, 0);
		snprintf(out, cap, "%s", v ? (const char *)v : "");
		for (char *p = out; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		ok = true;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	return ok;
}

static bool is_rollback_mode(const char *mode)
{
	return !strcmp(mode, "delete") || !strcmp(mode, "truncate") || !strcmp(mode, "persist");
}

/* Writes the mode file durably: if it were lost while the database is in
 * WAL mode, the database would stay there. */
static bool write_mode_file(struct lite_db *l, const char *mode)
{
	char *path = mode_file_path(l);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t len = strlen(mode);
	bool ok = fd >= 0 && write(fd, mode, len) == (ssize_t)len && fsync(fd) == 0;

	if (fd >= 0)
		close(fd);
	if (!ok)
		unlink(path);
	free(path);
	return ok;
}

/* The mode a killed or unfinished run left in the mode file, or "". */
static void read_mode_file(struct lite_db *l, char *out, size_t cap)
{
	char *path = mode_file_path(l);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, out, cap - 1) : -1;

	out[n > 0 ? n : 0] = '\0';
	if (!is_rollback_mode(out))
		out[0] = '\0';
	if (fd >= 0)
		close(fd);
	free(path);
}

/* With synchronous = NORMAL the WAL is synced only by a checkpoint, and a
 * checkpoint that other connections' readers hold back may sync nothing:
 * so the run's end syncs the WAL file itself (fsync reaches the file's
 * data whichever descriptor it is called on). */
static void sync_wal(struct lite_db *l)
{
	struct sk_buf path = SK_BUF_INIT;
	int fd;

	sk_buf_adds(&path, l->base.name);
	sk_buf_adds(&path, "-wal");
	fd = open(path.buf, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	sk_buf_release(&path);
}

/* Under the flock: back to l->restore_mode, without waiting for other
 * connections (they would keep a whole run waiting at its end). */
static void restore_journal_mode(struct lite_db *l)
{
	long saved_timeout = l->timeout_ms;
	char sql[64], now[16];

	if (l->restore_sync >= 0) {
		sync_wal(l);
		snprintf(sql, sizeof(sql), "PRAGMA synchronous = %d", l->restore_sync);
		sqlite3_exec(l->conn, sql, NULL, NULL, NULL);
		l->restore_sync = -1;
	}
	if (!l->restore_mode[0])
		return;
	l->timeout_ms = 0;
	snprintf(sql, sizeof(sql), "PRAGMA journal_mode = %s", l->restore_mode);
	if (pragma_value(l, "PRAGMA wal_checkpoint(TRUNCATE)", now, sizeof(now)) &&
	    pragma_value(l, sql, now, sizeof(now)) && !strcmp(now, l->restore_mode)) {
		char *path = mode_file_path(l);
		unlink(path);
		free(path);
	}
	l->timeout_ms = saved_timeout;
	l->timed_out = false;
	l->restore_mode[0] = '\0';
}

static void lite_expect_many_commits(struct sk_db *db)
{
	struct lite_db *l = lite(db);
	char mode[16], sync[16];

	if (l->lock_fd < 0 || l->restore_sync >= 0 || lite_in_transaction(db))
		return;
	if (!pragma_value(l, "PRAGMA journal_mode", mode, sizeof(mode)) ||
	    !pragma_value(l, "PRAGMA synchronous", sync, sizeof(sync)))
		return;
	if (is_rollback_mode(mode) && !l->restore_mode[0]) {
		char now[16];
		if (!write_mode_file(l, mode))
			return;
		if (!pragma_value(l, "PRAGMA journal_mode = WAL", now, sizeof(now)) || strcmp(now, "wal")) {
			char *path = mode_file_path(l);
			unlink(path);
			free(path);
			return;
		}
		snprintf(l->restore_mode, sizeof(l->restore_mode), "%s", mode);
	} else if (strcmp(mode, "wal")) {
		return;
	}
	l->restore_sync = atoi(sync);
	sqlite3_exec(l->conn, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
}

static int lite_lock(struct sk_db *db, long long key, long timeout_ms, sk_db_wait_fn on_wait, void *ctx,
                     struct sk_error *err)
{
	struct lite_db *l = lite(db);
	bool relock = l->lock_installed;
	int rc;

	(void)key;
	l->timeout_ms = timeout_ms;
	l->on_wait = on_wait;
	l->wait_ctx = ctx;
	l->waited = false;
	l->timed_out = false;
	if (relock)
		return 0; /* held already: only the busy limit changes */
	rc = flock_file(l, &l->lock_fd, timeout_ms, err);
	if (rc)
		return rc;
	l->lock_installed = true;
	if (l->lock_fd >= 0)
		read_mode_file(l, l->restore_mode, sizeof(l->restore_mode));
	return 0;
}

static void lite_unlock(struct sk_db *db, long long key)
{
	struct lite_db *l = lite(db);

	(void)key;
	if (l->lock_fd >= 0) {
		if (!lite_in_transaction(db))
			restore_journal_mode(l);
		close(l->lock_fd); /* drops the flock */
		l->lock_fd = -1;
	}
	l->lock_installed = false;
	l->timeout_ms = DEFAULT_BUSY_MS;
	l->on_wait = NULL;
	l->wait_ctx = NULL;
}

/* A mode file at connect time: a run is going on (it holds the flock), or
 * one was killed or could not restore. In the second case restore now, if
 * the flock is free this instant. */
static void tidy_after_killed_run(struct lite_db *l)
{
	char *path = mode_file_path(l);
	bool present = access(path, F_OK) == 0;

	free(path);
	if (!present)
		return;
	l->lock_fd = open(l->base.name, O_RDONLY | O_CLOEXEC);
	if (l->lock_fd < 0)
		return;
	if (flock(l->lock_fd, LOCK_EX | LOCK_NB) == 0) {
		read_mode_file(l, l->restore_mode, sizeof(l->restore_mode));
		restore_journal_mode(l);
	}
	close(l->lock_fd);
	l->lock_fd = -1;
}

static void *lite_native(struct sk_db *db)
{
	return lite(db)->conn;
}

static void lite_close(struct sk_db *db)
{
	struct lite_db *l = lite(db);

	if (l->lock_fd >= 0)
		lite_unlock(db, 0);

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
        .expect_many_commits = lite_expect_many_commits,
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
	l->lock_fd = -1;
	l->restore_sync = -1;
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
	tidy_after_killed_run(l);
	*out = &l->base;
	return 0;
fail:
	sqlite3_close_v2(l->conn);
	free(l->base.name);
	free(l);
	return rc;
}
