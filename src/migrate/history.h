#ifndef SK_HISTORY_H
#define SK_HISTORY_H
/*
 * The history table, schemake_migrations: one row per applied migration
 * (version, name, checksum, applied_at, duration_ms), or per non-transactional
 * migration that failed midway (status 'failed', failed_statement = the
 * 1-based statement that failed or was running when the process died, error).
 * Created on first use by the verbs that write.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/error.h"
#include "db/db.h"
#include "migrate/migfile.h"

#define SK_HISTORY_TABLE "schemake_migrations"

struct sk_applied {
	char *version;
	char *name;
	char *checksum;
	char *applied_at; /* UTC, ISO 8601 */
	long long duration_ms;
	bool failed;
	int failed_statement; /* 0 unless failed */
	char *error;          /* NULL unless failed */
};

struct sk_history {
	bool table_exists;
	struct sk_applied *rows; /* sorted by version */
	size_t nr;
};
#define SK_HISTORY_INIT                                                                                      \
	{                                                                                                    \
		false, NULL, 0                                                                               \
	}

int sk_history_exists(struct sk_db *db, bool *out, struct sk_error *err);
int sk_history_ensure(struct sk_db *db, struct sk_error *err);
/* Loads every row; an absent table gives an empty history. */
int sk_history_load(struct sk_db *db, struct sk_history *out, struct sk_error *err);
void sk_history_release(struct sk_history *h);
const struct sk_applied *sk_history_find(const struct sk_history *h, const char *version);
/* Highest version with status applied, or NULL. */
const struct sk_applied *sk_history_last_applied(const struct sk_history *h);

/* Whether version has a row (any status); used to re-check inside a
 * transaction when several processes upgrade one SQLite file. */
int sk_history_has(struct sk_db *db, const char *version, bool *out, struct sk_error *err);
int sk_history_insert(struct sk_db *db, const struct sk_migration *m, long long duration_ms,
                      struct sk_error *err);
/* sk_history_insert as a statement of a PostgreSQL batch (sk_db_exec_batch)
 * that also holds the migration's BEGIN and statements: they have not run
 * when it is queued, so duration_ms is the server's time from the
 * transaction's start to the insert. The values are literals (a batch
 * without parameters goes as one simple query); the text is put in sql,
 * which must outlive the batch. */
void sk_history_insert_stmt(struct sk_db_stmt *out, struct sk_buf *sql, const struct sk_migration *m);
int sk_history_mark_failed(struct sk_db *db, const struct sk_migration *m, int statement, const char *error,
                           struct sk_error *err);
int sk_history_delete(struct sk_db *db, const char *version, struct sk_error *err);
/* sk_history_delete as a statement of a PostgreSQL batch, its text in sql. */
void sk_history_delete_stmt(struct sk_db_stmt *out, struct sk_buf *sql, const char *version);
int sk_history_clear(struct sk_db *db, struct sk_error *err);

/* One migration's row, recorded later (sk_history_record_many). */
struct sk_history_change {
	const struct sk_migration *m;
	long long duration_ms;
};
/* The rows of n migrations in a few statements instead of n, inside the
 * caller's transaction: applied rows (as sk_history_insert) when up, else
 * the rows deleted. For --single-transaction, where every row commits with
 * the last migration anyway, and where on SQLite preparing the insert once
 * per migration cost more than the history is worth (about 120 K
 * instructions each, with the schema growing). */
int sk_history_record_many(struct sk_db *db, const struct sk_history_change *changes, size_t n, bool up,
                           struct sk_error *err);

/* The statements above as SQL text with literals, for --dry-run. */
void sk_history_sql_create(struct sk_buf *out, enum sk_dialect d);
void sk_history_sql_insert(struct sk_buf *out, enum sk_dialect d, const struct sk_migration *m);
void sk_history_sql_delete(struct sk_buf *out, enum sk_dialect d, const char *version);

#endif
