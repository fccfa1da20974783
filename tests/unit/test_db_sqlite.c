/*
 * Unit tests of the database interface on SQLite (db.c, sqlite.c): real
 * database files in a temporary directory, sqlite_master as the oracle.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "common/buf.h"
#include "common/error.h"
#include "db/db.h"

#include "common/banned.h"

struct fixture {
	char dir[512];
	char path[600];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *base = getenv("SK_TEST_TMP");

	if (!base || !*base)
		base = "/tmp";
	mkdir(base, 0755);
	snprintf(f->dir, sizeof(f->dir), "%s/sk-dbsqlite-XXXXXX", base);
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/test.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char p[700];
	static const char *const names[] = {"test.db", "test.db-journal", "test.db-wal", "test.db-shm",
	                                    "garbage.db"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", f->dir, names[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static struct sk_db *open_db(const char *path)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_db *db = NULL;
	int rc;

	ci.dialect = SK_DIALECT_SQLITE;
	ci.sqlite_path = (char *)path;
	rc = sk_db_connect(&db, &ci, &err);
	if (rc)
		fail_msg("connect %s: %s", path, err.message);
	return db;
}

static void exec_ok(struct sk_db *db, const char *sql)
{
	struct sk_error err = SK_ERROR_INIT;

	if (sk_db_exec(db, sql, &err))
		fail_msg("exec '%s': %s", sql, err.message);
}

/* The single value of a one-row, one-column query (NULL for SQL NULL),
 * copied into buf. Returns buf or NULL. */
static const char *scalar(struct sk_db *db, char *buf, size_t cap, const char *sql, int n,
                          const char *const *p)
{
	struct sk_rows rows = SK_ROWS_INIT;
	struct sk_error err = SK_ERROR_INIT;
	const char *res = NULL;

	if (sk_db_query(db, &rows, sql, n, p, &err))
		fail_msg("query '%s': %s", sql, err.message);
	assert_int_equal(rows.nrows, 1);
	assert_int_equal(rows.ncols, 1);
	if (sk_rows_get(&rows, 0, 0)) {
		snprintf(buf, cap, "%s", sk_rows_get(&rows, 0, 0));
		res = buf;
	}
	sk_rows_release(&rows);
	return res;
}

static bool table_exists(struct sk_db *db, const char *name)
{
	const char *p[1] = {name};
	char buf[32];

	return strcmp(scalar(db, buf, sizeof(buf), "SELECT count(*) FROM sqlite_master WHERE name = $1", 1,
	                     p),
	              "0") != 0;
}

static void test_db_sqlite__memory_metadata(void **state)
{
	struct sk_db *db = open_db(":memory:");

	(void)state;
	assert_int_equal(sk_db_dialect(db), SK_DIALECT_SQLITE);
	assert_int_equal(sk_db_server_version(db), sqlite3_libversion_number());
	assert_string_equal(sk_db_name(db), ":memory:");
	assert_non_null(sk_db_native(db));
	assert_false(sk_db_in_transaction(db));
	sk_db_free(db);
	sk_db_free(NULL);
}

static void test_db_sqlite__exec_query_params_nulls(void **state)
{
	struct fixture *f = *state;
	struct sk_db *db = open_db(f->path);
	struct sk_error err = SK_ERROR_INIT;
	struct sk_rows rows = SK_ROWS_INIT;
	const char *ins[3] = {"2", "two", NULL};
	const char *sel[2] = {"p", "1"};

	exec_ok(db, "CREATE TABLE t (id integer PRIMARY KEY, name text, note text, data blob, r real);\n"
	            "-- a comment between statements\n"
	            "INSERT INTO t VALUES (1, 'one', 'n', x'00ff10', 1.5);\n"
	            "/* trailing comment */  ");
	assert_int_equal(
	        sk_db_exec_params(db, "INSERT INTO t (id, name, note) VALUES ($1, $2, $3)", 3, ins, &err), 0);

	/* $2 used before $1 still binds by number */
	assert_int_equal(
	        sk_db_query(db, &rows,
	                    "SELECT id, name, note AS \"Note\", data, r FROM t WHERE id >= $2 AND name < $1 "
	                    "ORDER BY id",
	                    2, sel, &err),
	        0);
	assert_int_equal(rows.ncols, 5);
	assert_int_equal(rows.nrows, 1);
	assert_string_equal(rows.colnames[0], "id");
	assert_string_equal(rows.colnames[2], "Note");
	assert_string_equal(sk_rows_get(&rows, 0, 1), "one");
	assert_string_equal(sk_rows_get(&rows, 0, 3), "\\x00ff10");
	assert_string_equal(sk_rows_get(&rows, 0, 4), "1.5");
	sk_rows_release(&rows);

	assert_int_equal(sk_db_query(db, &rows, "SELECT name, note, data FROM t WHERE id = 2", 0, NULL, &err),
	                 0);
	assert_int_equal(rows.nrows, 1);
	assert_string_equal(sk_rows_get(&rows, 0, 0), "two");
	assert_null(sk_rows_get(&rows, 0, 1));
	assert_null(sk_rows_get(&rows, 0, 2));
	sk_rows_release(&rows);

	/* no rows: columns still known */
	assert_int_equal(sk_db_query(db, &rows, "SELECT id, name FROM t WHERE 0", 0, NULL, &err), 0);
	assert_int_equal(rows.nrows, 0);
	assert_int_equal(rows.ncols, 2);
	sk_rows_release(&rows);
	sk_rows_release(&rows); /* twice is harmless */
	sk_db_free(db);
}

static void test_db_sqlite__query_rejects_second_statement(void **state)
{
	struct sk_db *db = open_db(":memory:");
	struct sk_error err = SK_ERROR_INIT;
	struct sk_rows rows = SK_ROWS_INIT;

	(void)state;
	exec_ok(db, "CREATE TABLE t (x)");
	assert_int_equal(sk_db_query(db, &rows, "SELECT 1; DELETE FROM t", 0, NULL, &err), -SK_ERR_MIGRATION);
	assert_int_equal(sk_db_query(db, &rows, "SELECT 1; -- just a comment\n", 0, NULL, &err), 0);
	assert_int_equal(rows.nrows, 1);
	sk_rows_release(&rows);
	sk_db_free(db);
}

static void test_db_sqlite__error_message_and_position(void **state)
{
	struct sk_db *db = open_db(":memory:");
	struct sk_error err = SK_ERROR_INIT;
	struct sk_rows rows = SK_ROWS_INIT;

	(void)state;
	assert_int_equal(sk_db_exec(db, "SELECT * FROM nope", &err), -SK_ERR_MIGRATION);
	assert_int_equal(err.code, SK_ERR_MIGRATION);
	assert_string_equal(err.message, "no such table: nope");
	assert_int_equal(sk_db_exec(db, "SELECT nope FROM sqlite_master", &err), -SK_ERR_MIGRATION);
	assert_string_equal(err.message, "no such column: nope");
	assert_int_equal(err.col, 8);

	/* in a script, the position counts from the start of the script */
	assert_int_equal(sk_db_exec(db, "CREATE TABLE a (x);\nSELEC 1", &err), -SK_ERR_MIGRATION);
	assert_non_null(strstr(err.message, "syntax error"));
	assert_int_equal(err.col, 21);
	assert_true(table_exists(db, "a"));

	/* characters, not bytes: 'é' is two bytes */
	assert_int_equal(sk_db_query(db, &rows, "SELECT 'é', nope FROM sqlite_master", 0, NULL, &err),
	                 -SK_ERR_MIGRATION);
	assert_int_equal(err.col, 13);

	/* a runtime error has no position */
	exec_ok(db, "CREATE TABLE u (x integer UNIQUE); INSERT INTO u VALUES (1)");
	assert_int_equal(sk_db_exec(db, "INSERT INTO u VALUES (1)", &err), -SK_ERR_MIGRATION);
	assert_non_null(strstr(err.message, "UNIQUE constraint failed"));
	assert_int_equal(err.col, 0);
	sk_db_free(db);
}

static void test_db_sqlite__foreign_keys_enforced(void **state)
{
	struct sk_db *db = open_db(":memory:");
	struct sk_error err = SK_ERROR_INIT;

	(void)state;
	exec_ok(db, "CREATE TABLE p (id integer PRIMARY KEY); CREATE TABLE c (p integer REFERENCES p (id))");
	assert_int_equal(sk_db_exec(db, "INSERT INTO c VALUES (42)", &err), -SK_ERR_MIGRATION);
	assert_non_null(strstr(err.message, "FOREIGN KEY constraint failed"));
	sk_db_free(db);
}

static void test_db_sqlite__rollback_undoes_ddl(void **state)
{
	struct fixture *f = *state;
	struct sk_db *db = open_db(f->path);
	struct sk_error err = SK_ERROR_INIT;

	assert_int_equal(sk_db_begin(db, &err), 0);
	assert_true(sk_db_in_transaction(db));
	exec_ok(db, "CREATE TABLE gone (x); INSERT INTO gone VALUES (1)");
	assert_true(table_exists(db, "gone"));
	sk_db_rollback(db);
	assert_false(sk_db_in_transaction(db));
	assert_false(table_exists(db, "gone"));
	sk_db_rollback(db); /* nothing open: no-op */

	assert_int_equal(sk_db_begin(db, &err), 0);
	exec_ok(db, "CREATE TABLE kept (x)");
	assert_int_equal(sk_db_commit(db, &err), 0);
	assert_false(sk_db_in_transaction(db));
	sk_db_free(db);

	db = open_db(f->path);
	assert_true(table_exists(db, "kept"));
	assert_false(table_exists(db, "gone"));
	sk_db_free(db);
}

static void test_db_sqlite__exec_statement_sends_given_bytes(void **state)
{
	struct sk_db *db = open_db(":memory:");
	struct sk_error err = SK_ERROR_INIT;
	const char *sql = "CREATE TABLE s1 (x); CREATE TABLE s2 (x)";

	(void)state;
	assert_int_equal(sk_db_exec_statement(db, sql, 19, &err), 0);
	assert_true(table_exists(db, "s1"));
	assert_false(table_exists(db, "s2"));

	/* the position refers to the statement */
	assert_int_equal(sk_db_exec_statement(db, sql + 21, 19, &err), 0);
	assert_true(table_exists(db, "s2"));
	assert_int_equal(sk_db_exec_statement(db, "SELECT nope FROM sqlite_master; trailing", 30, &err),
	                 -SK_ERR_MIGRATION);
	assert_int_equal(err.col, 8);
	sk_db_free(db);
}

struct waits {
	int calls;
	char what[64];
};

static void on_wait(void *ctx, const char *what)
{
	struct waits *w = ctx;

	w->calls++;
	snprintf(w->what, sizeof(w->what), "%s", what);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* sk_db_exec_batch runs statements (spans of a script too) in order,
 * collects rows, and stops at the first failure with its index and error
 * position, leaving the transaction for the caller to roll back. */
static void test_db_sqlite__batch_stops_at_first_failure(void **state)
{
	struct fixture *f = *state;
	struct sk_db *db = open_db(f->path);
	struct sk_error err = SK_ERROR_INIT;
	struct sk_rows rows;
	const char *params[1] = {"7"};
	static const char script[] = "INSERT INTO t_batch VALUES (2);SELECT x\n  FROM no_such_table;";
	const char *second = strchr(script, ';') + 1;
	char buf[16];
	size_t failed, before;
	struct sk_db_stmt ok[] = {
	        {"BEGIN", 0, 0, NULL, NULL},
	        {"CREATE TABLE t_batch (x int)", 0, 0, NULL, NULL},
	        {"INSERT INTO t_batch VALUES ($1)", 0, 1, params, NULL},
	        {"SELECT x FROM t_batch", 0, 0, NULL, &rows},
	        {"COMMIT", 0, 0, NULL, NULL},
	};
	struct sk_db_stmt bad[] = {
	        {"BEGIN", 0, 0, NULL, NULL},
	        {script, (size_t)(second - 1 - script), 0, NULL, NULL},
	        {second, strlen(second) - 1, 0, NULL, NULL},
	        {"INSERT INTO t_batch VALUES (3)", 0, 0, NULL, NULL},
	        {"COMMIT", 0, 0, NULL, NULL},
	};

	exec_ok(db, "DROP TABLE IF EXISTS t_batch");
	before = sk_db_statement_count(db);
	assert_int_equal(sk_db_exec_batch(db, ok, 5, &failed, &err), 0);
	assert_int_equal(failed, 5);
	assert_int_equal(sk_db_statement_count(db) - before, 5);
	assert_int_equal(rows.nrows, 1);
	assert_string_equal(sk_rows_get(&rows, 0, 0), "7");
	sk_rows_release(&rows);
	assert_false(sk_db_in_transaction(db));

	assert_int_equal(sk_db_exec_batch(db, bad, 5, &failed, &err), -SK_ERR_MIGRATION);
	assert_int_equal(failed, 2);
	assert_string_equal(err.message, "no such table: no_such_table");
	assert_true(sk_db_in_transaction(db));
	sk_db_rollback(db);
	assert_false(sk_db_in_transaction(db));
	{
		/* the position is the one the statement alone reports */
		struct sk_error alone = SK_ERROR_INIT;
		assert_int_equal(sk_db_exec_statement(db, second, strlen(second) - 1, &alone), -SK_ERR_MIGRATION);
		assert_int_equal(err.col, alone.col);
	}
	/* neither the statement before the failure nor the ones after it stay */
	assert_string_equal(scalar(db, buf, sizeof(buf), "SELECT count(*) FROM t_batch", 0, NULL), "1");
	exec_ok(db, "DROP TABLE t_batch");
	sk_db_free(db);
}

static void test_db_sqlite__lock_busy_times_out(void **state)
{
	struct fixture *f = *state;
	struct sk_db *a = open_db(f->path), *b = open_db(f->path);
	struct sk_error err = SK_ERROR_INIT;
	struct waits w = {0, ""};
	long long t0;

	exec_ok(a, "CREATE TABLE t (x)");
	assert_int_equal(sk_db_lock(a, 1, 1000, NULL, NULL, &err), 0);

	/* a holds the migration lock (an flock on the file): b times out */
	t0 = now_ms();
	assert_int_equal(sk_db_lock(b, 1, 200, on_wait, &w, &err), -SK_ERR_LOCK);
	assert_true(now_ms() - t0 >= 190);
	assert_string_equal(err.message, "timed out after 200 ms waiting for the migration lock");
	assert_int_equal(w.calls, 1);
	sk_db_unlock(a, 1);

	/* a write transaction without the migration lock: b's busy handler
	 * waits for it up to b's limit */
	w.calls = 0;
	assert_int_equal(sk_db_begin(a, &err), 0);
	assert_int_equal(sk_db_lock(b, 1, 200, on_wait, &w, &err), 0);
	t0 = now_ms();
	assert_int_equal(sk_db_begin(b, &err), -SK_ERR_LOCK);
	assert_true(now_ms() - t0 >= 190);
	assert_int_equal(err.code, SK_ERR_LOCK);
	assert_string_equal(err.message, "timed out after 200 ms waiting for the migration lock");
	assert_non_null(strstr(err.hint, "raise --lock-timeout"));
	assert_int_equal(w.calls, 1);
	assert_string_equal(w.what, "the migration lock");
	assert_false(sk_db_in_transaction(b));

	/* still busy: times out again, but on_wait is not repeated */
	assert_int_equal(sk_db_begin(b, &err), -SK_ERR_LOCK);
	assert_int_equal(w.calls, 1);

	/* once a commits, b gets the write lock */
	exec_ok(a, "INSERT INTO t VALUES (1)");
	assert_int_equal(sk_db_commit(a, &err), 0);
	assert_int_equal(sk_db_begin(b, &err), 0);
	exec_ok(b, "INSERT INTO t VALUES (2)");
	assert_int_equal(sk_db_commit(b, &err), 0);
	sk_db_unlock(b, 1);

	char buf[16];
	assert_string_equal(scalar(a, buf, sizeof(buf), "SELECT count(*) FROM t", 0, NULL), "2");
	sk_db_free(a);
	sk_db_free(b);
}

static void test_db_sqlite__lock_waits_for_holder(void **state)
{
	struct fixture *f = *state;
	struct sk_db *a = open_db(f->path), *b = open_db(f->path);
	struct sk_error err = SK_ERROR_INIT;
	struct waits w = {0, ""};
	pid_t pid;

	/* another process holds the write lock for 300 ms while b waits for
	 * it (up to 5 s) */
	exec_ok(a, "CREATE TABLE t (x)");
	sk_db_free(a);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct sk_db *c = open_db(f->path);
		struct sk_error e = SK_ERROR_INIT;
		if (sk_db_begin(c, &e))
			_exit(1);
		usleep(300 * 1000);
		if (sk_db_exec(c, "INSERT INTO t VALUES (1)", &e) || sk_db_commit(c, &e))
			_exit(2);
		sk_db_free(c);
		_exit(0);
	}
	usleep(100 * 1000);
	assert_int_equal(sk_db_lock(b, 7, 5000, on_wait, &w, &err), 0);
	assert_int_equal(sk_db_begin(b, &err), 0);
	assert_int_equal(w.calls, 1);
	char buf[16];
	assert_string_equal(scalar(b, buf, sizeof(buf), "SELECT count(*) FROM t", 0, NULL), "1");
	assert_int_equal(sk_db_commit(b, &err), 0);
	sk_db_unlock(b, 7);
	int status = -1;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	sk_db_free(b);
}

static void test_db_sqlite__not_a_database(void **state)
{
	struct fixture *f = *state;
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_db *db = (struct sk_db *)&err; /* must be reset to NULL */
	char path[700], expect[800];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/garbage.db", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	for (int i = 0; i < 200; i++)
		fputs("this is not a database, just some text\n", fp);
	fclose(fp);
	ci.dialect = SK_DIALECT_SQLITE;
	ci.sqlite_path = path;
	assert_int_equal(sk_db_connect(&db, &ci, &err), -SK_ERR_CONFIG);
	assert_null(db);
	snprintf(expect, sizeof(expect), "'%s' is not a SQLite database", path);
	assert_string_equal(err.message, expect);
}

static void test_db_sqlite__missing_directory(void **state)
{
	struct fixture *f = *state;
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_db *db = NULL;
	char path[700];

	snprintf(path, sizeof(path), "%s/no/such/dir/x.db", f->dir);
	ci.dialect = SK_DIALECT_SQLITE;
	ci.sqlite_path = path;
	assert_int_equal(sk_db_connect(&db, &ci, &err), -SK_ERR_CONFIG);
	assert_null(db);
	assert_non_null(strstr(err.message, path));
	assert_true(err.hint[0] != '\0');
}

static void test_db_sqlite__copy_in_unsupported(void **state)
{
	struct sk_db *db = open_db(":memory:");
	struct sk_error err = SK_ERROR_INIT;
	const char *stmt = "COPY t FROM stdin;";
	const char *data = "1\n\\.\n";

	(void)state;
	assert_int_equal(sk_db_copy_in(db, stmt, strlen(stmt), data, strlen(data), &err), -SK_ERR_INPUT);
	assert_string_equal(err.message, "COPY FROM stdin is not supported on SQLite");
	sk_db_free(db);
}

static char *quoted(enum sk_dialect d, const char *ident)
{
	struct sk_buf sb = SK_BUF_INIT;

	sk_db_quote_ident(&sb, d, ident);
	return sk_buf_detach(&sb, NULL);
}

static void expect_quote(enum sk_dialect d, const char *ident, const char *want)
{
	char *got = quoted(d, ident);

	assert_string_equal(got, want);
	free(got);
}

static void test_db_sqlite__quote_ident(void **state)
{
	struct sk_db *db = open_db(":memory:");
	static const char *const names[] = {"plain", "user",      "order",      "group",   "table", "select",
	                                    "key",   "MixedCase", "with space", "we\"ird", "1abc",  "a$b",
	                                    "text",  "_x9",       "ünïcode",    ""};

	(void)state;
	expect_quote(SK_DIALECT_SQLITE, "plain", "plain");
	expect_quote(SK_DIALECT_SQLITE, "_x9", "_x9");
	expect_quote(SK_DIALECT_SQLITE, "text", "text"); /* a type name, not a key word */
	expect_quote(SK_DIALECT_SQLITE, "user", "user"); /* reserved in PostgreSQL only */
	expect_quote(SK_DIALECT_SQLITE, "order", "\"order\"");
	expect_quote(SK_DIALECT_SQLITE, "key", "\"key\"");
	expect_quote(SK_DIALECT_SQLITE, "MixedCase", "\"MixedCase\"");
	expect_quote(SK_DIALECT_SQLITE, "we\"ird", "\"we\"\"ird\"");
	expect_quote(SK_DIALECT_SQLITE, "a$b", "\"a$b\"");
	expect_quote(SK_DIALECT_SQLITE, "1abc", "\"1abc\"");
	expect_quote(SK_DIALECT_SQLITE, "", "\"\"");

	/* every name round-trips through CREATE TABLE */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct sk_buf sql = SK_BUF_INIT;
		char *col = quoted(SK_DIALECT_SQLITE, names[i]);
		sk_buf_adds(&sql, "CREATE TABLE ");
		sk_db_quote_ident(&sql, SK_DIALECT_SQLITE, names[i]);
		sk_buf_addf(&sql, " (%s integer)", col);
		exec_ok(db, sql.buf);
		assert_true(table_exists(db, names[i]));
		sk_buf_reset(&sql);
		sk_buf_adds(&sql, "INSERT INTO ");
		sk_db_quote_ident(&sql, SK_DIALECT_SQLITE, names[i]);
		sk_buf_addf(&sql, " (%s) VALUES (1)", col);
		exec_ok(db, sql.buf);
		free(col);
		sk_buf_release(&sql);
	}
	sk_db_free(db);
}

static void test_db_sqlite__quote_literal(void **state)
{
	struct sk_db *db = open_db(":memory:");
	struct sk_buf sb = SK_BUF_INIT;
	const char *value = "it's a \\ 'quoted' \"text\"";
	char buf[128];

	(void)state;
	sk_db_quote_literal(&sb, SK_DIALECT_SQLITE, "it's");
	assert_string_equal(sb.buf, "'it''s'");
	sk_buf_reset(&sb);
	sk_buf_adds(&sb, "SELECT ");
	sk_db_quote_literal(&sb, SK_DIALECT_SQLITE, value);
	assert_string_equal(scalar(db, buf, sizeof(buf), sb.buf, 0, NULL), value);
	sk_buf_release(&sb);
	sk_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_db_sqlite__memory_metadata, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__exec_query_params_nulls, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__query_rejects_second_statement, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__error_message_and_position, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__foreign_keys_enforced, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__rollback_undoes_ddl, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__exec_statement_sends_given_bytes, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__batch_stops_at_first_failure, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__lock_busy_times_out, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__lock_waits_for_holder, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__not_a_database, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__missing_directory, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__copy_in_unsupported, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__quote_ident, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_db_sqlite__quote_literal, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
