/*
 * history.c: reading and writing the history table. The SQL is the same on
 * both dialects except for the column types and defaults of CREATE TABLE.
 */
#include "migrate/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/banned.h"

static const char create_pg[] =
        "CREATE TABLE IF NOT EXISTS " SK_HISTORY_TABLE " (\n"
        "    version text PRIMARY KEY,\n"
        "    name text NOT NULL,\n"
        "    checksum text NOT NULL,\n"
        "    applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
        "    duration_ms bigint NOT NULL DEFAULT 0,\n"
        "    status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'failed')),\n"
        "    failed_statement integer,\n"
        "    error text\n"
        ")";

static const char create_sqlite[] =
        "CREATE TABLE IF NOT EXISTS " SK_HISTORY_TABLE " (\n"
        "    version text PRIMARY KEY,\n"
        "    name text NOT NULL,\n"
        "    checksum text NOT NULL,\n"
        "    applied_at text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n"
        "    duration_ms integer NOT NULL DEFAULT 0,\n"
        "    status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'failed')),\n"
        "    failed_statement integer,\n"
        "    error text\n"
        ")";

static const char exists_pg[] = "SELECT to_regclass('" SK_HISTORY_TABLE "') IS NOT NULL";
static const char exists_sqlite[] = "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = "
                                    "'" SK_HISTORY_TABLE "'";

static bool is_true(const char *v)
{
	return v && (v[0] == 't' || v[0] == '1');
}

int sk_history_exists(struct sk_db *db, bool *out, struct sk_error *err)
{
	struct sk_rows rows = SK_ROWS_INIT;
	int rc = sk_db_query(db, &rows, sk_db_dialect(db) == SK_DIALECT_POSTGRES ? exists_pg : exists_sqlite,
	                     0, NULL, err);

	if (rc == 0)
		*out = rows.nrows && is_true(sk_rows_get(&rows, 0, 0));
	sk_rows_release(&rows);
	return rc;
}

int sk_history_ensure(struct sk_db *db, struct sk_error *err)
{
	bool exists = false;
	int rc = sk_history_exists(db, &exists, err);

	if (rc || exists)
		return rc;
	return sk_db_exec(db, sk_db_dialect(db) == SK_DIALECT_POSTGRES ? create_pg : create_sqlite, err);
}

static int cmp_applied(const void *a, const void *b)
{
	return sk_version_cmp(((const struct sk_applied *)a)->version,
	                      ((const struct sk_applied *)b)->version);
}

static char *dup_or_null(const char *s)
{
	return s ? sk_xstrdup(s) : NULL;
}

static const char select_pg[] =
        "SELECT version, name, checksum, "
        "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
        "duration_ms, status, failed_statement, error FROM " SK_HISTORY_TABLE;
static const char select_sqlite[] =
        "SELECT version, name, checksum, applied_at, duration_ms, status, failed_statement, error "
        "FROM " SK_HISTORY_TABLE;

static void rows_to_history(struct sk_history *out, const struct sk_rows *rows)
{
	out->rows = sk_xcalloc(rows->nrows ? rows->nrows : 1, sizeof(*out->rows));
	for (size_t i = 0; i < rows->nrows; i++) {
		struct sk_applied *a = &out->rows[out->nr++];
		const char *status = sk_rows_get(rows, i, 5);
		const char *stmt = sk_rows_get(rows, i, 6);

		a->version = dup_or_null(sk_rows_get(rows, i, 0));
		a->name = dup_or_null(sk_rows_get(rows, i, 1));
		a->checksum = dup_or_null(sk_rows_get(rows, i, 2));
		a->applied_at = dup_or_null(sk_rows_get(rows, i, 3));
		a->duration_ms = sk_rows_get(rows, i, 4) ? atoll(sk_rows_get(rows, i, 4)) : 0;
		a->failed = status && strcmp(status, "failed") == 0;
		a->failed_statement = stmt ? atoi(stmt) : 0;
		a->error = dup_or_null(sk_rows_get(rows, i, 7));
		if (!a->version)
			a->version = sk_xstrdup("");
		if (!a->name)
			a->name = sk_xstrdup("");
		if (!a->checksum)
			a->checksum = sk_xstrdup("");
	}
	for (size_t i = 1; i < out->nr; i++) {
		/* rows usually come in primary key order already */
		if (cmp_applied(&out->rows[i - 1], &out->rows[i]) > 0) {
			qsort(out->rows, out->nr, sizeof(*out->rows), cmp_applied);
			break;
		}
	}
}

int sk_history_load(struct sk_db *db, struct sk_history *out, struct sk_error *err)
{
	bool pg = sk_db_dialect(db) == SK_DIALECT_POSTGRES;
	struct sk_rows exists = SK_ROWS_INIT, rows = SK_ROWS_INIT;
	struct sk_error missing = SK_ERROR_INIT;
	/* One batch, so one round trip on PostgreSQL: whether the table exists,
	 * then its rows. The second fails when the first says there is no
	 * table, which is an empty history. */
	struct sk_db_stmt stmts[2] = {
	        {pg ? exists_pg : exists_sqlite, 0, 0, NULL, &exists},
	        {pg ? select_pg : select_sqlite, 0, 0, NULL, &rows},
	};
	size_t failed;
	int rc;

	out->rows = NULL;
	out->nr = 0;
	out->table_exists = false;
	rc = sk_db_exec_batch(db, stmts, 2, &failed, &missing);
	if (failed >= 1 && exists.nrows)
		out->table_exists = is_true(sk_rows_get(&exists, 0, 0));
	if (rc && failed == 1 && !out->table_exists)
		rc = 0;
	else if (rc && err)
		*err = missing;
	if (rc == 0 && out->table_exists)
		rows_to_history(out, &rows);
	sk_rows_release(&exists);
	sk_rows_release(&rows);
	return rc;
}

void sk_history_release(struct sk_history *h)
{
	for (size_t i = 0; i < h->nr; i++) {
		free(h->rows[i].version);
		free(h->rows[i].name);
		free(h->rows[i].checksum);
		free(h->rows[i].applied_at);
		free(h->rows[i].error);
	}
	free(h->rows);
	h->rows = NULL;
	h->nr = 0;
}

const struct sk_applied *sk_history_find(const struct sk_history *h, const char *version)
{
	/* rows is sorted by version (sk_history_load): binary search. */
	size_t lo = 0, hi = h->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = sk_version_cmp(h->rows[mid].version, version);
		if (c == 0)
			return &h->rows[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct sk_applied *sk_history_last_applied(const struct sk_history *h)
{
	for (size_t i = h->nr; i > 0; i--)
		if (!h->rows[i - 1].failed)
			return &h->rows[i - 1];
	return NULL;
}

int sk_history_has(struct sk_db *db, const char *version, bool *out, struct sk_error *err)
{
	struct sk_rows rows = SK_ROWS_INIT;
	const char *params[1] = {version};
	int rc = sk_db_query(db, &rows, "SELECT 1 FROM " SK_HISTORY_TABLE " WHERE version = $1", 1, params,
	                     err);

	if (rc == 0)
		*out = rows.nrows > 0;
	sk_rows_release(&rows);
	return rc;
}

/* How an applied row is written, whoever writes it: a row left 'failed' by
 * an earlier run becomes applied. */
#define APPLIED_UPSERT                                                                                       \
	" ON CONFLICT (version) DO UPDATE SET name = excluded.name, checksum = excluded.checksum, "         \
	"duration_ms = excluded.duration_ms, status = 'applied', failed_statement = NULL, error = NULL"

/* Appends "'version', 'name', 'checksum'" as literals. */
static void add_identity_literals(struct sk_buf *sql, enum sk_dialect d, const struct sk_migration *m)
{
	sk_db_quote_literal(sql, d, m->version);
	sk_buf_adds(sql, ", ");
	sk_db_quote_literal(sql, d, m->name);
	sk_buf_adds(sql, ", ");
	sk_db_quote_literal(sql, d, m->checksum);
}

int sk_history_insert(struct sk_db *db, const struct sk_migration *m, long long duration_ms,
                      struct sk_error *err)
{
	char ms[32];
	const char *params[4] = {m->version, m->name, m->checksum, ms};

	snprintf(ms, sizeof(ms), "%lld", duration_ms);
	return sk_db_exec_params(
	        db,
	        "INSERT INTO " SK_HISTORY_TABLE " (version, name, checksum, duration_ms, status) "
	        "VALUES ($1, $2, $3, $4, 'applied')" APPLIED_UPSERT,
	        4, params, err);
}

void sk_history_insert_stmt(struct sk_db_stmt *out, struct sk_buf *sql, const struct sk_migration *m)
{
	sk_buf_reset(sql);
	sk_buf_adds(sql, "INSERT INTO " SK_HISTORY_TABLE " (version, name, checksum, duration_ms, status) VALUES (");
	add_identity_literals(sql, SK_DIALECT_POSTGRES, m);
	sk_buf_adds(sql, ", (extract(epoch FROM clock_timestamp() - transaction_timestamp()) * 1000)::bigint, "
	                 "'applied')" APPLIED_UPSERT);
	memset(out, 0, sizeof(*out));
	out->sql = sql->buf;
}

int sk_history_mark_failed(struct sk_db *db, const struct sk_migration *m, int statement, const char *error,
                           struct sk_error *err)
{
	char stmt[32];
	const char *params[5] = {m->version, m->name, m->checksum, stmt, error};

	snprintf(stmt, sizeof(stmt), "%d", statement);
	return sk_db_exec_params(
	        db,
	        "INSERT INTO " SK_HISTORY_TABLE " (version, name, checksum, status, failed_statement, error) "
	        "VALUES ($1, $2, $3, 'failed', $4, $5) "
	        "ON CONFLICT (version) DO UPDATE SET name = excluded.name, checksum = excluded.checksum, "
	        "status = 'failed', failed_statement = excluded.failed_statement, error = excluded.error",
	        5, params, err);
}

static const char delete_sql[] = "DELETE FROM " SK_HISTORY_TABLE " WHERE version = $1";

int sk_history_delete(struct sk_db *db, const char *version, struct sk_error *err)
{
	const char *params[1] = {version};
	return sk_db_exec_params(db, delete_sql, 1, params, err);
}

void sk_history_delete_stmt(struct sk_db_stmt *out, struct sk_buf *sql, const char *version)
{
	sk_buf_reset(sql);
	sk_buf_adds(sql, "DELETE FROM " SK_HISTORY_TABLE " WHERE version = ");
	sk_db_quote_literal(sql, SK_DIALECT_POSTGRES, version);
	memset(out, 0, sizeof(*out));
	out->sql = sql->buf;
}

/* Rows per statement: literals, so no parameter limit applies; this keeps
 * each statement's text and parse small. */
#define RECORD_CHUNK 250

int sk_history_record_many(struct sk_db *db, const struct sk_history_change *changes, size_t n, bool up,
                           struct sk_error *err)
{
	enum sk_dialect d = sk_db_dialect(db);
	struct sk_buf sql = SK_BUF_INIT;
	int rc = 0;

	for (size_t from = 0; from < n && rc == 0; from += RECORD_CHUNK) {
		size_t to = from + RECORD_CHUNK < n ? from + RECORD_CHUNK : n;

		sk_buf_reset(&sql);
		sk_buf_adds(&sql, up ? "INSERT INTO " SK_HISTORY_TABLE
		                       " (version, name, checksum, duration_ms, status) VALUES "
		                     : "DELETE FROM " SK_HISTORY_TABLE " WHERE version IN (");
		for (size_t i = from; i < to; i++) {
			const struct sk_migration *m = changes[i].m;
			if (i > from)
				sk_buf_adds(&sql, ", ");
			if (!up) {
				sk_db_quote_literal(&sql, d, m->version);
				continue;
			}
			sk_buf_addch(&sql, '(');
			add_identity_literals(&sql, d, m);
			sk_buf_addf(&sql, ", %lld, 'applied')", changes[i].duration_ms);
		}
		sk_buf_adds(&sql, up ? APPLIED_UPSERT : ")");
		rc = sk_db_exec_statement(db, sql.buf, sql.len, err);
	}
	sk_buf_release(&sql);
	return rc;
}

int sk_history_clear(struct sk_db *db, struct sk_error *err)
{
	return sk_db_exec(db, "DELETE FROM " SK_HISTORY_TABLE, err);
}

void sk_history_sql_create(struct sk_buf *out, enum sk_dialect d)
{
	sk_buf_adds(out, d == SK_DIALECT_POSTGRES ? create_pg : create_sqlite);
	sk_buf_adds(out, ";\n");
}

void sk_history_sql_insert(struct sk_buf *out, enum sk_dialect d, const struct sk_migration *m)
{
	sk_buf_adds(out, "INSERT INTO " SK_HISTORY_TABLE " (version, name, checksum) VALUES (");
	add_identity_literals(out, d, m);
	sk_buf_adds(out, ");\n");
}

void sk_history_sql_delete(struct sk_buf *out, enum sk_dialect d, const char *version)
{
	sk_buf_adds(out, "DELETE FROM " SK_HISTORY_TABLE " WHERE version = ");
	sk_db_quote_literal(out, d, version);
	sk_buf_adds(out, ";\n");
}
