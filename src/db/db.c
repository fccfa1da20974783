/*
 * db.c: the driver-independent half of the database interface. Dispatches
 * each call through the connection's operations table (db_internal.h), owns
 * result sets, and quotes identifiers and literals for both dialects.
 *
 * It does not talk to a database itself: pg.c and sqlite.c do.
 */
#include "db/db.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "db/db_internal.h"

#include "common/banned.h"

/*
 * PostgreSQL key words that cannot be used as a plain column or table name:
 * the "reserved" and "reserved (can be function or type)" categories of the
 * documentation's "SQL Key Words" appendix (RESERVED_KEYWORD and
 * TYPE_FUNC_NAME_KEYWORD in the server's kwlist.h; pg_get_keywords() catcode
 * 'R' and 'T'). Sorted for bsearch. system_user is reserved from 16 on.
 */
/* clang-format off */
static const char *const pg_reserved[] = {
	"all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
	"binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
	"constraint", "create", "cross", "current_catalog", "current_date", "current_role",
	"current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
	"desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
	"from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
	"into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
	"localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
	"outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
	"session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then",
	"to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
	"where", "window", "with",
};
/* clang-format on */

static int cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static bool pg_is_reserved(const char *word)
{
	return bsearch(word, pg_reserved, sizeof(pg_reserved) / sizeof(pg_reserved[0]),
	               sizeof(pg_reserved[0]), cmp_word) != NULL;
}

/* Whether ident can be written bare: it folds to itself (lower case) and
 * the parser reads it as an identifier, not a key word. */
static bool ident_is_plain(enum sk_dialect d, const char *ident)
{
	const char *p = ident;

	if (!(*p == '_' || (*p >= 'a' && *p <= 'z')))
		return false;
	for (p++; *p; p++) {
		if (*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			continue;
		if (*p == '$' && d == SK_DIALECT_POSTGRES)
			continue;
		return false;
	}
	if (d == SK_DIALECT_SQLITE)
		return !sqlite3_keyword_check(ident, (int)strlen(ident));
	return !pg_is_reserved(ident);
}

static void add_quoted(struct sk_buf *out, const char *s, char q)
{
	sk_buf_addch(out, q);
	for (; *s; s++) {
		if (*s == q)
			sk_buf_addch(out, q);
		sk_buf_addch(out, *s);
	}
	sk_buf_addch(out, q);
}

void sk_db_quote_ident(struct sk_buf *out, enum sk_dialect d, const char *ident)
{
	if (!ident)
		ident = "";
	if (ident_is_plain(d, ident))
		sk_buf_adds(out, ident);
	else
		add_quoted(out, ident, '"');
}

void sk_db_quote_literal(struct sk_buf *out, enum sk_dialect d, const char *s)
{
	/* Both dialects read '' as one quote and nothing else specially
	 * (PostgreSQL with standard_conforming_strings on, the default since
	 * 9.1), so backslashes stay as they are. */
	(void)d;
	add_quoted(out, s ? s : "", '\'');
}

void sk_rows_release(struct sk_rows *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ncols && r->colnames; i++)
		free(r->colnames[i]);
	free(r->colnames);
	for (size_t i = 0; i < r->nrows * r->ncols; i++)
		free(r->cells[i]);
	free(r->cells);
	r->nrows = 0;
	r->ncols = 0;
	r->colnames = NULL;
	r->cells = NULL;
}

void sk_rows_set_columns(struct sk_rows *r, size_t ncols, const char *const *names)
{
	r->ncols = ncols;
	r->colnames = sk_xcalloc(ncols ? ncols : 1, sizeof(*r->colnames));
	for (size_t i = 0; i < ncols; i++)
		r->colnames[i] = sk_xstrdup(names[i] ? names[i] : "");
}

void sk_rows_add_row(struct sk_rows *r, char **cells, size_t *alloc)
{
	size_t want = (r->nrows + 1) * r->ncols;

	SK_ALLOC_GROW(r->cells, want, *alloc);
	if (r->ncols)
		memcpy(r->cells + r->nrows * r->ncols, cells, r->ncols * sizeof(*cells));
	r->nrows++;
}

size_t sk_db_utf8_chars(const char *s, size_t bytes)
{
	size_t n = 0;

	for (size_t i = 0; i < bytes && s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

void sk_db_sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	if (ms <= 0)
		return;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

long long sk_db_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int sk_db_connect(struct sk_db **out, const struct sk_conninfo *ci, struct sk_error *err)
{
	*out = NULL;
	switch (ci->dialect) {
	case SK_DIALECT_POSTGRES:
		return sk_pg_connect(out, ci, err);
	case SK_DIALECT_SQLITE:
		return sk_sqlite_connect(out, ci, err);
	}
	return sk_error_set(err, SK_ERR_INTERNAL, "unknown database dialect %d", (int)ci->dialect);
}

void sk_db_free(struct sk_db *db)
{
	char *name;

	if (!db)
		return;
	name = db->name;
	db->ops->close(db);
	free(name);
}

enum sk_dialect sk_db_dialect(const struct sk_db *db)
{
	return db->dialect;
}

int sk_db_server_version(const struct sk_db *db)
{
	return db->server_version;
}

const char *sk_db_name(const struct sk_db *db)
{
	return db->name;
}

int sk_db_exec(struct sk_db *db, const char *sql, struct sk_error *err)
{
	db->statements++;
	return db->ops->exec(db, sql, err);
}

int sk_db_exec_params(struct sk_db *db, const char *sql, int nparams, const char *const *params,
                      struct sk_error *err)
{
	db->statements++;
	return db->ops->exec_params(db, sql, nparams, params, err);
}

int sk_db_query(struct sk_db *db, struct sk_rows *out, const char *sql, int nparams,
                const char *const *params, struct sk_error *err)
{
	struct sk_rows blank = SK_ROWS_INIT;

	*out = blank;
	db->statements++;
	return db->ops->query(db, out, sql, nparams, params, err);
}

int sk_db_exec_statement(struct sk_db *db, const char *sql, size_t len, struct sk_error *err)
{
	db->statements++;
	return db->ops->exec_statement(db, sql, len, err);
}

int sk_db_copy_in(struct sk_db *db, const char *copy_stmt, size_t stmt_len, const char *data, size_t data_len,
                  struct sk_error *err)
{
	db->statements++;
	return db->ops->copy_in(db, copy_stmt, stmt_len, data, data_len, err);
}

static int exec_one(struct sk_db *db, const struct sk_db_stmt *s, struct sk_error *err)
{
	if (s->rows)
		return db->ops->query(db, s->rows, s->sql, s->nparams, s->params, err);
	if (s->nparams)
		return db->ops->exec_params(db, s->sql, s->nparams, s->params, err);
	return db->ops->exec_statement(db, s->sql, s->len ? s->len : strlen(s->sql), err);
}

int sk_db_exec_batch(struct sk_db *db, const struct sk_db_stmt *stmts, size_t n, size_t *failed,
                     struct sk_error *err)
{
	struct sk_rows blank = SK_ROWS_INIT;

	*failed = n;
	for (size_t i = 0; i < n; i++)
		if (stmts[i].rows)
			*stmts[i].rows = blank;
	db->statements += n;
	if (db->ops->exec_batch)
		return db->ops->exec_batch(db, stmts, n, failed, err);
	for (size_t i = 0; i < n; i++) {
		int rc = exec_one(db, &stmts[i], err);
		if (rc) {
			*failed = i;
			return rc;
		}
	}
	return 0;
}

int sk_db_begin(struct sk_db *db, struct sk_error *err)
{
	db->statements++;
	return db->ops->begin(db, err);
}

int sk_db_commit(struct sk_db *db, struct sk_error *err)
{
	db->statements++;
	return db->ops->commit(db, err);
}

void sk_db_rollback(struct sk_db *db)
{
	if (db)
		db->ops->rollback(db);
}

bool sk_db_in_transaction(const struct sk_db *db)
{
	return db->ops->in_transaction(db);
}

int sk_db_lock(struct sk_db *db, long long key, long timeout_ms, sk_db_wait_fn on_wait, void *ctx,
               struct sk_error *err)
{
	return db->ops->lock(db, key, timeout_ms, on_wait, ctx, err);
}

void sk_db_unlock(struct sk_db *db, long long key)
{
	if (db)
		db->ops->unlock(db, key);
}

void sk_db_expect_many_commits(struct sk_db *db)
{
	if (db->ops->expect_many_commits)
		db->ops->expect_many_commits(db);
}

size_t sk_db_statement_count(const struct sk_db *db)
{
	return db->statements;
}

void *sk_db_native(struct sk_db *db)
{
	return db->ops->native(db);
}
