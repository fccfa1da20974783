#ifndef SK_DB_INTERNAL_H
#define SK_DB_INTERNAL_H
/*
 * What db.c shares with the two drivers, and nothing else includes: the
 * operations table each driver fills in, the common part of a connection, and
 * small helpers for building result sets and error positions.
 *
 * A driver's connection struct embeds struct sk_db as its first member, so a
 * driver casts the struct sk_db * it is handed back to its own type.
 */
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

struct sk_db_ops {
	int (*exec)(struct sk_db *db, const char *sql, struct sk_error *err);
	int (*exec_params)(struct sk_db *db, const char *sql, int nparams, const char *const *params,
	                   struct sk_error *err);
	int (*query)(struct sk_db *db, struct sk_rows *out, const char *sql, int nparams,
	             const char *const *params, struct sk_error *err);
	int (*exec_statement)(struct sk_db *db, const char *sql, size_t len, struct sk_error *err);
	int (*copy_in)(struct sk_db *db, const char *stmt, size_t stmt_len, const char *data, size_t data_len,
	               struct sk_error *err);
	/* NULL: db.c runs the statements one by one */
	int (*exec_batch)(struct sk_db *db, const struct sk_db_stmt *stmts, size_t n, size_t *failed,
	                  struct sk_error *err);
	int (*begin)(struct sk_db *db, struct sk_error *err);
	int (*commit)(struct sk_db *db, struct sk_error *err);
	void (*rollback)(struct sk_db *db);
	bool (*in_transaction)(const struct sk_db *db);
	int (*lock)(struct sk_db *db, long long key, long timeout_ms, sk_db_wait_fn on_wait, void *ctx,
	            struct sk_error *err);
	void (*unlock)(struct sk_db *db, long long key);
	void (*expect_many_commits)(struct sk_db *db); /* NULL: nothing to do */
	void *(*native)(struct sk_db *db);
	/* Closes the connection and frees the driver's struct (and so db). */
	void (*close)(struct sk_db *db);
};

struct sk_db {
	const struct sk_db_ops *ops;
	enum sk_dialect dialect;
	int server_version;
	char *name;        /* owned; freed by db.c after close() */
	size_t statements; /* statements sent through db.c (sk_db_statement_count) */
};

/* Connect functions of the drivers; on success *out is a fully set up
 * connection, on failure *out is NULL and nothing is left open. */
int sk_pg_connect(struct sk_db **out, const struct sk_conninfo *ci, struct sk_error *err);
int sk_sqlite_connect(struct sk_db **out, const struct sk_conninfo *ci, struct sk_error *err);

/* Result set building: sets the column count and names (copied). */
void sk_rows_set_columns(struct sk_rows *r, size_t ncols, const char *const *names);
/* Appends a row of r->ncols cells, taking ownership of the strings in cells
 * (NULL = SQL NULL). */
void sk_rows_add_row(struct sk_rows *r, char **cells, size_t *alloc);

/* Number of UTF-8 characters in the first `bytes` bytes of s: turns a byte
 * offset into the character position both drivers report in err->col. */
size_t sk_db_utf8_chars(const char *s, size_t bytes);

/* Sleeps for ms milliseconds (restarting after signals). */
void sk_db_sleep_ms(long ms);
/* Milliseconds on a monotonic clock. */
long long sk_db_now_ms(void);

#define SK_DB_LOCK_WHAT "the migration lock"
#define SK_DB_LOCK_HINT                                                                                      \
	"another schemake-migrate is running against this database; raise --lock-timeout or wait"

#endif
