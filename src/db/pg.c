/*
 * pg.c: the PostgreSQL driver over libpq. Turns libpq results into struct
 * sk_rows and server errors into struct sk_error (primary message, detail,
 * hint, position), implements the migration lock as a session advisory
 * lock, and sends batches of statements in one round trip.
 *
 * It never prints: the notice processor drops NOTICE/WARNING messages that
 * libpq would otherwise write to stderr. Parsing URLs is config/url.c's job.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/buf.h"
#include "db/db_internal.h"

#include "common/banned.h"

struct pg_db {
	struct sk_db base;
	PGconn *conn;
};

static struct pg_db *pg(struct sk_db *db)
{
	return (struct pg_db *)db;
}

static const struct pg_db *cpg(const struct sk_db *db)
{
	return (const struct pg_db *)db;
}

static void swallow_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* ---- errors ---- */

/* Replaces every occurrence of secret in the NUL-terminated text (capacity
 * cap) by ****. libpq does not echo passwords; this is the second line of
 * defence for the promise that none reaches a message. Very short secrets
 * are left alone, as replacing them would garble the text and reveal
 * nothing. */
static void scrub(char *text, size_t cap, const char *secret)
{
	struct sk_buf sb = SK_BUF_INIT;
	size_t slen = secret ? strlen(secret) : 0;
	const char *p = text, *hit;

	if (slen < 4 || !strstr(text, secret))
		return;
	while ((hit = strstr(p, secret))) {
		sk_buf_add(&sb, p, (size_t)(hit - p));
		sk_buf_adds(&sb, "****");
		p = hit + slen;
	}
	sk_buf_adds(&sb, p);
	snprintf(text, cap, "%s", sb.buf);
	sk_buf_release(&sb);
}

static const char *conninfo_value(const struct sk_conninfo *ci, const char *kw)
{
	for (size_t i = 0; ci->pg_keywords && ci->pg_keywords[i]; i++)
		if (!strcmp(ci->pg_keywords[i], kw))
			return ci->pg_values[i];
	return NULL;
}

/* Drops libpq's "connection to server at "h", port p failed: " and the
 * server's "FATAL:  " from one line of a connection error. */
static const char *connect_reason(const char *line)
{
	const char *p = line;

	if (!strncmp(p, "connection to server ", 21)) {
		const char *f = strstr(p, " failed: ");
		if (f)
			p = f + 9;
	}
	if (!strncmp(p, "could not connect to server: ", 29))
		p += 29;
	if (!strncmp(p, "FATAL:  ", 8) || !strncmp(p, "ERROR:  ", 8))
		p += 8;
	return p;
}

static const char *connect_hint(const char *reason)
{
	static const char *const unreachable[] = {
	        "Connection refused",   "No such file or directory",    "could not connect",
	        "timeout expired",      "Network is unreachable",       "No route to host",
	        "Connection timed out", "server closed the connection",
	};

	if (strstr(reason, "password authentication failed") || strstr(reason, "no password supplied"))
		return "check the password (password_file, PGPASSWORD or the URL)";
	if (!strncmp(reason, "database \"", 10) && strstr(reason, "\" does not exist"))
		return "create it, or use schemake-reset";
	if (!strncmp(reason, "role \"", 6) && strstr(reason, "\" does not exist"))
		return "check the user name in the URL";
	if (strstr(reason, "could not translate host name"))
		return "check the host name in the URL";
	for (size_t i = 0; i < sizeof(unreachable) / sizeof(unreachable[0]); i++)
		if (strstr(reason, unreachable[i]))
			return "is the server running?";
	return NULL;
}

static int connect_error(const struct sk_conninfo *ci, PGconn *conn, struct sk_error *err)
{
	struct sk_buf url = SK_BUF_INIT, lines = SK_BUF_INIT, detail = SK_BUF_INIT;
	const char *raw = conn ? PQerrorMessage(conn) : "out of memory";
	const char *reason = NULL, *hint = NULL, *libpq_hint = NULL;
	size_t attempts = 0;
	int rc;

	sk_conninfo_mask(&url, ci);
	/* libpq's message: one "connection to server ... failed: reason" line
	 * per address tried, each maybe followed by tab-indented advice. */
	sk_buf_adds(&lines, raw);
	for (char *line = lines.buf, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		bool advice = *line == '\t' || *line == ' ';
		while (*line == '\t' || *line == ' ')
			line++;
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
			line[--n] = '\0';
		if (!n)
			continue;
		if (advice) {
			if (!libpq_hint)
				libpq_hint = line;
			continue;
		}
		if (!strncmp(line, "connection to server ", 21))
			attempts++;
		if (!reason) {
			reason = connect_reason(line);
		} else if (!strstr(detail.buf, line)) {
			if (detail.len)
				sk_buf_addch(&detail, '\n');
			sk_buf_adds(&detail, line);
		}
	}
	if (!reason || !*reason)
		reason = "unknown error";
	rc = sk_error_set(err, SK_ERR_CONFIG, "cannot connect to %s: %s", url.buf, reason);
	if (attempts > 1) {
		/* Several addresses were tried: name them all. */
		struct sk_buf all = SK_BUF_INIT;
		sk_buf_adds(&all, raw);
		sk_buf_reset(&detail);
		for (char *line = all.buf, *next; line && *line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			if (strncmp(line, "connection to server ", 21) || strstr(detail.buf, line))
				continue;
			if (detail.len)
				sk_buf_addch(&detail, '\n');
			sk_buf_adds(&detail, line);
		}
		sk_buf_release(&all);
	}
	if (detail.len)
		sk_error_detail(err, "%s", detail.buf);
	hint = connect_hint(reason);
	if (!hint && libpq_hint)
		hint = libpq_hint;
	if (hint)
		sk_error_hint(err, "%s", hint);
	if (err) {
		const char *pw = conninfo_value(ci, "password");
		scrub(err->message, sizeof(err->message), pw);
		scrub(err->detail, sizeof(err->detail), pw);
		scrub(err->hint, sizeof(err->hint), pw);
	}
	sk_buf_release(&url);
	sk_buf_release(&lines);
	sk_buf_release(&detail);
	return rc;
}

/* A lost connection (a server restart, a terminated backend) is a
 * connection error, whatever the statement was: exit 3, which a deploy
 * script may retry, and not "the statement failed". */
static int lost_connection(struct pg_db *db, const PGresult *res, int rc, struct sk_error *err)
{
	const char *severity = res ? PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED) : NULL;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	/* FATAL ends the session (57P01 admin shutdown, a terminated backend);
	 * libpq may not have noticed the closed socket yet */
	bool lost = PQstatus(db->conn) == CONNECTION_BAD ||
	            (severity && (!strcmp(severity, "FATAL") || !strcmp(severity, "PANIC"))) ||
	            (state && (!strncmp(state, "08", 2) || !strncmp(state, "57P0", 4)));

	if (!lost)
		return rc;
	if (err)
		err->code = SK_ERR_CONFIG;
	return -SK_ERR_CONFIG;
}

static int result_error_fields(struct pg_db *db, const PGresult *res, bool with_context, struct sk_error *err);

/* A failed statement: the server's message, detail, hint and position. */
static int result_error(struct pg_db *db, const PGresult *res, bool with_context, struct sk_error *err)
{
	return lost_connection(db, res, result_error_fields(db, res, with_context, err), err);
}

static int result_error_fields(struct pg_db *db, const PGresult *res, bool with_context, struct sk_error *err)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail, *hint, *pos, *context;
	struct sk_buf sb = SK_BUF_INIT;
	int rc;

	if (!primary) {
		/* Not from the server (lost connection, libpq trouble): the
		 * first line of libpq's own message. */
		sk_buf_adds(&sb, res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res)
		                                                   : PQerrorMessage(db->conn));
		char *nl = strchr(sb.buf, '\n');
		if (nl)
			sk_buf_setlen(&sb, (size_t)(nl - sb.buf));
		rc = sk_error_set(err, SK_ERR_MIGRATION, "%s", sb.len ? sb.buf : "unknown error");
		sk_buf_release(&sb);
		return rc;
	}
	rc = sk_error_set(err, SK_ERR_MIGRATION, "%s", primary);
	detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);
	pos = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
	context = with_context ? PQresultErrorField(res, PG_DIAG_CONTEXT) : NULL;
	if (detail)
		sk_buf_adds(&sb, detail);
	if (context) {
		if (sb.len)
			sk_buf_addch(&sb, '\n');
		sk_buf_adds(&sb, context);
	}
	if (sb.len)
		sk_error_detail(err, "%s", sb.buf);
	if (hint)
		sk_error_hint(err, "%s", hint);
	if (pos && err) {
		long p = strtol(pos, NULL, 10);
		err->col = p > 0 ? (unsigned)p : 0;
	}
	sk_buf_release(&sb);
	return rc;
}

/* Ends a COPY that a statement started although no data block goes with it,
 * and collects what the server says about that. */
static void abandon_copy(struct pg_db *db, ExecStatusType st)
{
	PGresult *res;

	if (st == PGRES_COPY_IN) {
		PQputCopyEnd(db->conn, "COPY FROM stdin needs its data block");
	} else if (st == PGRES_COPY_OUT) {
		char *row;
		while (PQgetCopyData(db->conn, &row, 0) > 0)
			PQfreemem(row);
	}
	while ((res = PQgetResult(db->conn)))
		PQclear(res);
}

/* Checks the result of a statement that returns no rows we keep; takes
 * ownership of res. */
static int finish(struct pg_db *db, PGresult *res, struct sk_error *err)
{
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	int rc = 0;

	switch (st) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		break;
	case PGRES_COPY_IN:
		abandon_copy(db, st);
		rc = sk_error_set(err, SK_ERR_INPUT, "COPY FROM stdin without its data block");
		sk_error_hint(err, "run COPY statements with their data as part of a migration script");
		break;
	case PGRES_COPY_OUT:
		/* COPY TO stdout: nothing to keep. */
		abandon_copy(db, st);
		break;
	default:
		rc = result_error(db, res, false, err);
		break;
	}
	PQclear(res);
	return rc;
}

/* ---- operations ---- */

static int pg_exec(struct sk_db *db, const char *sql, struct sk_error *err)
{
	struct pg_db *p = pg(db);

	return finish(p, PQexec(p->conn, sql), err);
}

static int pg_exec_params(struct sk_db *db, const char *sql, int nparams, const char *const *params,
                          struct sk_error *err)
{
	struct pg_db *p = pg(db);

	return finish(p, PQexecParams(p->conn, sql, nparams, NULL, params, NULL, NULL, 0), err);
}

/* Rows of a query's result into out (set up by sk_db_exec_batch). */
static void collect_rows(struct sk_rows *out, const PGresult *res)
{
	size_t ncols = (size_t)PQnfields(res), nrows = (size_t)PQntuples(res), alloc = 0;
	const char **names = sk_xcalloc(ncols ? ncols : 1, sizeof(*names));
	char **cells = sk_xcalloc(ncols ? ncols : 1, sizeof(*cells));

	for (size_t c = 0; c < ncols; c++)
		names[c] = PQfname(res, (int)c);
	sk_rows_set_columns(out, ncols, names);
	for (size_t r = 0; r < nrows; r++) {
		for (size_t c = 0; c < ncols; c++)
			cells[c] = PQgetisnull(res, (int)r, (int)c)
			                   ? NULL
			                   : sk_xstrdup(PQgetvalue(res, (int)r, (int)c));
		sk_rows_add_row(out, cells, &alloc);
	}
	free(cells);
	free(names);
}

static int pg_query(struct sk_db *db, struct sk_rows *out, const char *sql, int nparams,
                    const char *const *params, struct sk_error *err)
{
	struct pg_db *p = pg(db);
	PGresult *res = PQexecParams(p->conn, sql, nparams, NULL, params, NULL, NULL, 0);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;

	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
		return finish(p, res, err);
	collect_rows(out, res);
	PQclear(res);
	return 0;
}

static int pg_exec_statement(struct sk_db *db, const char *sql, size_t len, struct sk_error *err)
{
	char *copy = sk_xstrndup(sql, len);
	int rc = pg_exec(db, copy, err);

	free(copy);
	return rc;
}

/* Length of data without its terminating "\." line (and what follows). */
static size_t copy_data_len(const char *data, size_t len)
{
	size_t end = len;

	while (end && (data[end - 1] == '\n' || data[end - 1] == '\r'))
		end--;
	if (end >= 2 && data[end - 2] == '\\' && data[end - 1] == '.' && (end == 2 || data[end - 3] == '\n'))
		return end - 2;
	return len;
}

static int pg_copy_in(struct sk_db *db, const char *stmt, size_t stmt_len, const char *data, size_t data_len,
                      struct sk_error *err)
{
	struct pg_db *p = pg(db);
	char *sql = sk_xstrndup(stmt, stmt_len);
	PGresult *res = PQexec(p->conn, sql);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	size_t left = copy_data_len(data, data_len);
	int rc = 0;

	free(sql);
	if (st != PGRES_COPY_IN) {
		if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY ||
		    st == PGRES_COPY_OUT) {
			if (st == PGRES_COPY_OUT)
				abandon_copy(p, st);
			PQclear(res);
			return sk_error_set(err, SK_ERR_INPUT, "not a COPY ... FROM stdin statement");
		}
		return finish(p, res, err);
	}
	PQclear(res);
	while (left) {
		/* PQputCopyData takes an int length. */
		int chunk = left > (1u << 20) ? (1 << 20) : (int)left;
		if (PQputCopyData(p->conn, data, chunk) != 1)
			break;
		data += chunk;
		left -= (size_t)chunk;
	}
	PQputCopyEnd(p->conn, left ? "sending the COPY data failed" : NULL);
	while ((res = PQgetResult(p->conn))) {
		if (!rc && PQresultStatus(res) != PGRES_COMMAND_OK)
			rc = result_error(p, res, true, err);
		PQclear(res);
	}
	return rc;
}

/* Statements sent per pipeline sync. Results are read only after the sync,
 * so a chunk must not produce more output than the socket buffers hold
 * while we are still sending (libpq in blocking mode would deadlock). */
#define PIPELINE_CHUNK 64

/* One chunk [from, to) in pipeline mode: every statement sent, one sync,
 * then the results read in order. Stops at the first failure. */
static int pipeline_chunk(struct pg_db *p, const struct sk_db_stmt *stmts, size_t from, size_t to,
                          size_t *failed, struct sk_error *err)
{
	size_t sent = from;
	bool synced;
	int rc = 0;

	for (; sent < to; sent++) {
		const struct sk_db_stmt *s = &stmts[sent];
		char *sql = s->len ? sk_xstrndup(s->sql, s->len) : NULL;
		int ok = PQsendQueryParams(p->conn, sql ? sql : s->sql, s->nparams, NULL, s->params, NULL,
		                           NULL, 0);
		free(sql);
		if (!ok)
			break;
	}
	/* The sync goes out even after a failed send: without it the server
	 * would hold back the results of what was sent. */
	synced = PQpipelineSync(p->conn) == 1;
	if (sent < to || !synced) {
		/* libpq refused to queue: the connection is gone or broken. */
		*failed = sent;
		rc = result_error(p, NULL, false, err);
		if (!synced)
			return rc;
	}
	for (size_t i = from; i < sent; i++) {
		PGresult *res;
		while ((res = PQgetResult(p->conn))) {
			ExecStatusType st = PQresultStatus(res);
			if (rc == 0 && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK ||
			                st == PGRES_EMPTY_QUERY)) {
				if (stmts[i].rows)
					collect_rows(stmts[i].rows, res);
			} else if (rc == 0) {
				/* PIPELINE_ABORTED only follows an error already taken */
				*failed = i;
				rc = result_error(p, res, false, err);
			}
			PQclear(res);
		}
	}
	/* The sync's own result, then libpq is idle again. */
	for (PGresult *res; (res = PQgetResult(p->conn));) {
		bool sync = PQresultStatus(res) == PGRES_PIPELINE_SYNC;
		PQclear(res);
		if (sync)
			break;
	}
	return rc;
}

/* A batch without parameters or rows goes as one simple-protocol Query
 * message, the statements separated by "\n;\n" (a newline ends a trailing
 * line comment). The server runs them in order and stops at the first
 * error; each statement gives one result, so the results counted before
 * the error tell which statement failed. Measured on 1,000 migrations of
 * DDL, the server spent about twice as long on the same statements sent
 * with the extended protocol (pipeline mode) as on simple queries. */
static int simple_batch(struct pg_db *p, const struct sk_db_stmt *stmts, size_t n, size_t *failed,
                        struct sk_error *err)
{
	struct sk_buf q = SK_BUF_INIT;
	size_t *at = sk_xcalloc(n ? n : 1, sizeof(*at)); /* each statement's first character */
	size_t chars = 0, ok = 0;
	PGresult *res;
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		size_t len = stmts[i].len ? stmts[i].len : strlen(stmts[i].sql);
		at[i] = chars;
		sk_buf_add(&q, stmts[i].sql, len);
		sk_buf_adds(&q, "\n;\n");
		chars += sk_db_utf8_chars(stmts[i].sql, len) + 3;
	}
	if (!PQsendQuery(p->conn, q.buf)) {
		*failed = 0;
		rc = result_error(p, NULL, false, err);
		goto done;
	}
	while ((res = PQgetResult(p->conn))) {
		ExecStatusType st = PQresultStatus(res);

		if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT) {
			PQclear(res);
			abandon_copy(p, st);
			if (rc == 0) {
				*failed = ok < n ? ok : n - 1;
				rc = sk_error_set(err, SK_ERR_INPUT, "COPY cannot run in a batch of statements");
			}
			break;
		}
		if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
			ok++;
		} else if (rc == 0) {
			*failed = ok < n ? ok : n - 1;
			rc = result_error(p, res, false, err);
			if (err && err->col) {
				/* The server counts from the start of the whole text,
				 * and parses all of it before running any: a syntax
				 * error comes before any result, so its position, not
				 * the count, names the statement. */
				size_t k = 0;
				while (k + 1 < n && at[k + 1] < err->col)
					k++;
				*failed = k;
				err->col -= (unsigned)at[k];
			}
		}
		PQclear(res);
	}
done:
	free(at);
	sk_buf_release(&q);
	return rc;
}

static bool batch_is_plain(const struct sk_db_stmt *stmts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (stmts[i].nparams || stmts[i].rows)
			return false;
	return true;
}

static int pg_exec_batch(struct sk_db *db, const struct sk_db_stmt *stmts, size_t n, size_t *failed,
                         struct sk_error *err)
{
	struct pg_db *p = pg(db);
	int rc = 0;

	if (batch_is_plain(stmts, n))
		return simple_batch(p, stmts, n, failed, err);

	if (!PQenterPipelineMode(p->conn)) {
		/* not idle (cannot happen between our calls): one at a time */
		for (size_t i = 0; i < n && rc == 0; i++) {
			const struct sk_db_stmt *s = &stmts[i];
			if (s->rows)
				rc = pg_query(db, s->rows, s->sql, s->nparams, s->params, err);
			else if (s->nparams)
				rc = pg_exec_params(db, s->sql, s->nparams, s->params, err);
			else
				rc = pg_exec_statement(db, s->sql, s->len ? s->len : strlen(s->sql), err);
			if (rc)
				*failed = i;
		}
		return rc;
	}
	for (size_t from = 0; from < n && rc == 0; from += PIPELINE_CHUNK)
		rc = pipeline_chunk(p, stmts, from, from + PIPELINE_CHUNK < n ? from + PIPELINE_CHUNK : n,
		                    failed, err);
	PQexitPipelineMode(p->conn);
	return rc;
}

static int pg_begin(struct sk_db *db, struct sk_error *err)
{
	return pg_exec(db, "BEGIN", err);
}

static int pg_commit(struct sk_db *db, struct sk_error *err)
{
	struct pg_db *p = pg(db);
	PGresult *res = PQexec(p->conn, "COMMIT");
	int rc;

	/* COMMIT of a transaction that already failed succeeds as ROLLBACK. */
	if (res && PQresultStatus(res) == PGRES_COMMAND_OK && !strcmp(PQcmdStatus(res), "ROLLBACK")) {
		PQclear(res);
		return sk_error_set(err, SK_ERR_MIGRATION,
		                    "the transaction was rolled back because a statement in it failed");
	}
	rc = finish(p, res, err);
	return rc;
}

static bool pg_in_transaction(const struct sk_db *db)
{
	PGTransactionStatusType st = PQtransactionStatus(cpg(db)->conn);

	return st == PQTRANS_INTRANS || st == PQTRANS_INERROR || st == PQTRANS_ACTIVE;
}

static void pg_rollback(struct sk_db *db)
{
	if (pg_in_transaction(db))
		PQclear(PQexec(pg(db)->conn, "ROLLBACK"));
}

static int pg_lock(struct sk_db *db, long long key, long timeout_ms, sk_db_wait_fn on_wait, void *ctx,
                   struct sk_error *err)
{
	struct pg_db *p = pg(db);
	long long start = sk_db_now_ms();
	char keybuf[32];
	const char *params[1] = {keybuf};
	bool waited = false;

	snprintf(keybuf, sizeof(keybuf), "%lld", key);
	for (;;) {
		PGresult *res = PQexecParams(p->conn, "SELECT pg_try_advisory_lock($1::bigint)", 1, NULL,
		                             params, NULL, NULL, 0);
		bool got;

		if (!res || PQresultStatus(res) != PGRES_TUPLES_OK)
			return finish(p, res, err);
		got = PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
		PQclear(res);
		if (got)
			return 0;
		if (!waited) {
			waited = true;
			if (on_wait)
				on_wait(ctx, SK_DB_LOCK_WHAT);
		}
		long long elapsed = sk_db_now_ms() - start;
		if (timeout_ms >= 0 && elapsed >= timeout_ms) {
			int rc = sk_error_set(err, SK_ERR_LOCK, "timed out after %ld ms waiting for %s",
			                      timeout_ms, SK_DB_LOCK_WHAT);
			sk_error_hint(err, "%s", SK_DB_LOCK_HINT);
			return rc;
		}
		long nap = 50;
		if (timeout_ms >= 0 && timeout_ms - elapsed < nap)
			nap = (long)(timeout_ms - elapsed);
		sk_db_sleep_ms(nap);
	}
}

static void pg_unlock(struct sk_db *db, long long key)
{
	struct pg_db *p = pg(db);
	char keybuf[32];
	const char *params[1] = {keybuf};

	snprintf(keybuf, sizeof(keybuf), "%lld", key);
	PQclear(PQexecParams(p->conn, "SELECT pg_advisory_unlock($1::bigint)", 1, NULL, params, NULL, NULL,
	                     0));
}

static void *pg_native(struct sk_db *db)
{
	return pg(db)->conn;
}

static void pg_close(struct sk_db *db)
{
	struct pg_db *p = pg(db);

	PQfinish(p->conn);
	free(p);
}

static const struct sk_db_ops pg_ops = {
        .exec = pg_exec,
        .exec_params = pg_exec_params,
        .query = pg_query,
        .exec_statement = pg_exec_statement,
        .copy_in = pg_copy_in,
        .exec_batch = pg_exec_batch,
        .begin = pg_begin,
        .commit = pg_commit,
        .rollback = pg_rollback,
        .in_transaction = pg_in_transaction,
        .lock = pg_lock,
        .unlock = pg_unlock,
        .native = pg_native,
        .close = pg_close,
};

int sk_pg_connect(struct sk_db **out, const struct sk_conninfo *ci, struct sk_error *err)
{
	size_t n = 0, i;
	const char **kw, **val;
	struct pg_db *p;
	PGconn *conn;

	*out = NULL;
	while (ci->pg_keywords && ci->pg_keywords[n])
		n++;
	kw = sk_xcalloc(n + 3, sizeof(*kw));
	val = sk_xcalloc(n + 3, sizeof(*val));
	for (i = 0; i < n; i++) {
		kw[i] = ci->pg_keywords[i];
		val[i] = ci->pg_values[i];
	}
	/* fallback_application_name, so that an application_name from the URL
	 * or PGAPPNAME still wins. */
	if (!conninfo_value(ci, "application_name") && !conninfo_value(ci, "fallback_application_name")) {
		kw[i] = "fallback_application_name";
		val[i++] = "schemake";
	}
	/* Migration files are UTF-8, whatever the database's encoding. */
	if (!conninfo_value(ci, "client_encoding")) {
		kw[i] = "client_encoding";
		val[i++] = "UTF8";
	}
	conn = PQconnectdbParams(kw, val, 0);
	free(kw);
	free(val);
	if (conn)
		PQsetNoticeProcessor(conn, swallow_notice, NULL);
	if (!conn || PQstatus(conn) != CONNECTION_OK) {
		int rc = connect_error(ci, conn, err);
		PQfinish(conn);
		return rc;
	}
	p = sk_xcalloc(1, sizeof(*p));
	p->base.ops = &pg_ops;
	p->base.dialect = SK_DIALECT_POSTGRES;
	p->base.server_version = PQserverVersion(conn);
	p->base.name = sk_xstrdup(PQdb(conn) ? PQdb(conn) : "");
	p->conn = conn;
	*out = &p->base;
	return 0;
}
