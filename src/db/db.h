#ifndef SK_DB_H
#define SK_DB_H
/*
 * One interface over the two database drivers (pg.c over libpq, sqlite.c over
 * sqlite3). Callers never see a PGconn or sqlite3 handle except through
 * sk_db_native() (reserved for generated-code tests and introspection).
 *
 * Parameters in SQL are written $1, $2, ... in order of first use; both
 * drivers accept that spelling. Values are text (NULL pointer = SQL NULL).
 *
 * Errors: SK_ERR_CONFIG for connection failures (message names the masked
 * URL, never the password), SK_ERR_MIGRATION for a failing statement (message
 * is the server's, detail and hint copied from the server, err->col set to the
 * server's error position within the statement when it gave one, else 0),
 * SK_ERR_LOCK when a lock wait timed out. The position is 1-based and counts
 * characters (UTF-8 code points), not bytes, on both dialects; for a
 * multi-statement sk_db_exec it counts from the start of the whole text.
 *
 * PostgreSQL sessions get fallback_application_name=schemake and
 * client_encoding=UTF8 unless the settings name them; server notices and
 * warnings are discarded (the library never prints). SQLite connections run
 * PRAGMA foreign_keys = ON, and wait up to 5 s for another connection's lock
 * (SK_ERR_LOCK after that) unless sk_db_lock set another limit.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"
#include "config/url.h"

struct sk_db;

struct sk_rows {
	size_t nrows;
	size_t ncols;
	char **colnames; /* ncols */
	char **cells;    /* nrows * ncols, row-major; NULL for SQL NULL */
};
#define SK_ROWS_INIT { 0, 0, NULL, NULL }

static inline const char *sk_rows_get(const struct sk_rows *r, size_t row, size_t col)
{
	return r->cells[row * r->ncols + col];
}
void sk_rows_release(struct sk_rows *r);

/* Called while waiting for a lock, once when the wait starts (so the tool can
 * say that it waits). */
typedef void (*sk_db_wait_fn)(void *ctx, const char *what);

int sk_db_connect(struct sk_db **out, const struct sk_conninfo *ci, struct sk_error *err);
/* Closes the connection; NULL is a no-op. */
void sk_db_free(struct sk_db *db);

enum sk_dialect sk_db_dialect(const struct sk_db *db);
/* e.g. 150018 for PostgreSQL 15.18, 3040001 for SQLite 3.40.1 */
int sk_db_server_version(const struct sk_db *db);
/* The database's name for messages: dbname on PostgreSQL, the file path on SQLite. */
const char *sk_db_name(const struct sk_db *db);

/* Runs one or more statements that return no rows (no parameters). */
int sk_db_exec(struct sk_db *db, const char *sql, struct sk_error *err);
/* Runs one statement with parameters; returns no rows. */
int sk_db_exec_params(struct sk_db *db, const char *sql, int nparams, const char *const *params,
		      struct sk_error *err);
/* Runs one statement with parameters (nparams may be 0) and collects its rows. */
int sk_db_query(struct sk_db *db, struct sk_rows *out, const char *sql, int nparams,
		const char *const *params, struct sk_error *err);
/* Runs one statement of a script exactly as written (no parameters), discarding
 * rows. Same as sk_db_exec but guaranteed to send exactly one statement so an
 * error position refers to it. */
int sk_db_exec_statement(struct sk_db *db, const char *sql, size_t len, struct sk_error *err);
/* Sends a COPY ... FROM stdin statement followed by its data block (the lines
 * after the statement, up to and including "\."). PostgreSQL only. */
int sk_db_copy_in(struct sk_db *db, const char *copy_stmt, size_t stmt_len, const char *data, size_t data_len,
		  struct sk_error *err);

/* One statement of a batch. sql is NUL-terminated unless len is non-zero,
 * when it is the statement's length in bytes (a span of a script; only
 * without parameters and rows). rows, when not NULL, collects the
 * statement's rows (initialised by the batch). */
struct sk_db_stmt {
	const char *sql;
	size_t len;
	int nparams;
	const char *const *params;
	struct sk_rows *rows;
};

/* Runs the statements in order, each as sk_db_exec_statement / _exec_params /
 * _query would, and stops at the first that fails: *failed is its index (n
 * when all succeeded) and err is its error, with err->col as those calls set
 * it. On PostgreSQL a batch costs one round trip however many statements it
 * has: without parameters and rows it is one simple-protocol query (the
 * statements must be single statements whose text the server reads as
 * one), otherwise libpq's pipeline mode (a very long batch is sent in
 * chunks); after a failure the statements after it did not run, and an open
 * transaction is left aborted for the caller to roll back. COPY ... FROM
 * stdin cannot be in a batch. Counts n statements in sk_db_statement_count. */
int sk_db_exec_batch(struct sk_db *db, const struct sk_db_stmt *stmts, size_t n, size_t *failed,
		     struct sk_error *err);

int sk_db_begin(struct sk_db *db, struct sk_error *err);
int sk_db_commit(struct sk_db *db, struct sk_error *err);
/* Rolls back if a transaction is open; never fails loudly (errors are ignored
 * because it runs on error paths). */
void sk_db_rollback(struct sk_db *db);
bool sk_db_in_transaction(const struct sk_db *db);

/* The migration lock serialising upgraders of one database.
 * PostgreSQL: session-level advisory lock on `key`, taken outside any
 * transaction (so CREATE INDEX CONCURRENTLY in a non-transactional migration
 * does not wait for it); polled with pg_try_advisory_lock every 50 ms until
 * timeout_ms (negative: wait forever).
 * SQLite: an flock(2) on the database file, held until sk_db_unlock (or the
 * process dies), polled every 50 ms until timeout_ms; none for in-memory and
 * temporary databases. Other connections are not stopped by it, so it also
 * installs a busy handler that waits up to timeout_ms for the write lock;
 * every sk_db_begin on SQLite is BEGIN IMMEDIATE, and callers re-read their
 * state inside each transaction. key is unused there. Calling sk_db_lock
 * again while holding the lock only changes the busy handler's limit.
 * on_wait is called once, the first time the lock is not free. */
int sk_db_lock(struct sk_db *db, long long key, long timeout_ms, sk_db_wait_fn on_wait, void *ctx,
	       struct sk_error *err);
void sk_db_unlock(struct sk_db *db, long long key);

/* Under the migration lock, outside a transaction: many short write
 * transactions follow (an upgrade of many migrations, one transaction
 * each). SQLite switches a file database in a rollback-journal mode to WAL
 * with synchronous = NORMAL until sk_db_unlock, which checkpoints and puts
 * the original mode back (sqlite.c says what that costs in durability and
 * what a killed run leaves). PostgreSQL: nothing. Never fails: when the
 * mode cannot change, the database stays as it was. */
void sk_db_expect_many_commits(struct sk_db *db);

/* How many statements this connection has sent through sk_db_exec,
 * sk_db_exec_params, sk_db_query, sk_db_exec_statement, sk_db_copy_in,
 * sk_db_begin and sk_db_commit (a multi-statement sk_db_exec counts once).
 * Lets tests check that introspection costs a fixed number of round trips. */
size_t sk_db_statement_count(const struct sk_db *db);

/* PGconn * or sqlite3 *. */
void *sk_db_native(struct sk_db *db);

/* Appends an identifier quoted only when needed (reserved word, upper case,
 * not a plain identifier) in the dialect's way. */
void sk_db_quote_ident(struct sk_buf *out, enum sk_dialect d, const char *ident);
/* Appends a string literal ('...' with doubled quotes; E'' never needed). */
void sk_db_quote_literal(struct sk_buf *out, enum sk_dialect d, const char *s);

#endif
