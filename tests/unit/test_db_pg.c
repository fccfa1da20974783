/*
 * Unit tests of the database interface on PostgreSQL (db.c, pg.c) and of the
 * development cluster (cluster.c), against the throwaway server of the "pg"
 * ctest fixture (tests/pg/cluster.sh). The env file named by SK_TEST_PG_ENV
 * says where it runs; without SK_TEST_PG_ENV the tests are skipped, with it
 * an unreachable server is a failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
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

#include "common/buf.h"
#include "common/error.h"
#include "config/url.h"
#include "db/cluster.h"
#include "db/db.h"

#include "common/banned.h"

/* ---- the fixture's settings ---- */

static struct {
	bool loaded;
	char sockdir[512];
	char port[16];
	char superuser[64];
	char pw_role[64];
	char pw_password[128];
	char bindir[512];
	char url[1024];
} env;

static void set_value(char *dst, size_t cap, const char *v)
{
	size_t n = strlen(v);

	/* strip one level of quotes as the fixture writes them */
	if (n >= 2 && (v[0] == '\'' || v[0] == '"') && v[n - 1] == v[0]) {
		v++;
		n -= 2;
	}
	snprintf(dst, cap, "%.*s", (int)n, v);
}

/* The tests work in their own database, so that tables and advisory locks
 * (which are per database) cannot meet those of other tests sharing the
 * fixture's server. */
#define TEST_DB "sk_test_db_pg"

static void make_test_database(void)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_db *db = NULL;

	if (sk_conninfo_parse(&ci, env.url, &err) || sk_db_connect(&db, &ci, &err) ||
	    sk_db_exec(db, "DROP DATABASE IF EXISTS " TEST_DB, &err) ||
	    sk_db_exec(db, "CREATE DATABASE " TEST_DB, &err))
		fail_msg("cannot set up the test database on '%s': %s (%s)", env.url, err.message, err.hint);
	sk_db_free(db);
	sk_conninfo_release(&ci);
}

/* Skips when there is no fixture; fails when it is configured but broken. */
static void need_pg(void)
{
	const char *path = getenv("SK_TEST_PG_ENV");
	char line[2048];
	FILE *fp;

	if (!path || !*path) {
		skip();
		return;
	}
	if (env.loaded)
		return;
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("SK_TEST_PG_ENV is set but '%s' cannot be read: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), fp)) {
		char *eq = strchr(line, '='), *v;
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!eq)
			continue;
		*eq = '\0';
		v = eq + 1;
		if (!strcmp(line, "SK_PG_SOCKDIR"))
			set_value(env.sockdir, sizeof(env.sockdir), v);
		else if (!strcmp(line, "SK_PG_PORT"))
			set_value(env.port, sizeof(env.port), v);
		else if (!strcmp(line, "SK_PG_SUPERUSER"))
			set_value(env.superuser, sizeof(env.superuser), v);
		else if (!strcmp(line, "SK_PG_PW_ROLE"))
			set_value(env.pw_role, sizeof(env.pw_role), v);
		else if (!strcmp(line, "SK_PG_PW_PASSWORD"))
			set_value(env.pw_password, sizeof(env.pw_password), v);
		else if (!strcmp(line, "SK_PG_BINDIR"))
			set_value(env.bindir, sizeof(env.bindir), v);
		else if (!strcmp(line, "SK_TEST_PG_URL"))
			set_value(env.url, sizeof(env.url), v);
	}
	fclose(fp);
	if (!env.url[0] || !env.port[0] || !env.sockdir[0])
		fail_msg("'%s' lacks SK_TEST_PG_URL, SK_PG_PORT or SK_PG_SOCKDIR", path);
	env.loaded = true;
	make_test_database();
}

/* The fixture's superuser connection settings, with changes. */
static void fixture_conninfo(struct sk_conninfo *ci)
{
	struct sk_error err = SK_ERROR_INIT;

	if (sk_conninfo_parse(ci, env.url, &err))
		fail_msg("SK_TEST_PG_URL '%s': %s", env.url, err.message);
	sk_conninfo_set(ci, "dbname", TEST_DB);
}

static struct sk_db *connect_ci(const struct sk_conninfo *ci)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_db *db = NULL;

	if (sk_db_connect(&db, ci, &err))
		fail_msg("connect: %s (%s)", err.message, err.detail);
	return db;
}

static struct sk_db *connect_super(void)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_db *db;

	fixture_conninfo(&ci);
	db = connect_ci(&ci);
	sk_conninfo_release(&ci);
	return db;
}

static void exec_ok(struct sk_db *db, const char *sql)
{
	struct sk_error err = SK_ERROR_INIT;

	if (sk_db_exec(db, sql, &err))
		fail_msg("exec '%s': %s", sql, err.message);
}

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

static bool relation_exists(struct sk_db *db, const char *name)
{
	const char *p[1] = {name};
	char buf[64];

	return scalar(db, buf, sizeof(buf), "SELECT to_regclass(quote_ident($1))::text", 1, p) != NULL;
}

static void assert_no_secret(const struct sk_error *err, const char *secret)
{
	if (strstr(err->message, secret) || strstr(err->detail, secret) || strstr(err->hint, secret))
		fail_msg("the error reveals the password: %s / %s / %s", err->message, err->detail,
		         err->hint);
}

/* ---- the driver ---- */

static void test_db_pg__connect_metadata(void **state)
{
	struct sk_db *db;
	char buf[128];

	(void)state;
	need_pg();
	db = connect_super();
	assert_int_equal(sk_db_dialect(db), SK_DIALECT_POSTGRES);
	assert_true(sk_db_server_version(db) >= 100000);
	assert_string_equal(sk_db_name(db), TEST_DB);
	assert_non_null(sk_db_native(db));
	assert_false(sk_db_in_transaction(db));
	assert_string_equal(
	        scalar(db, buf, sizeof(buf), "SELECT current_setting('application_name')", 0, NULL),
	        "schemake");
	assert_string_equal(scalar(db, buf, sizeof(buf), "SHOW client_encoding", 0, NULL), "UTF8");
	sk_db_free(db);
	sk_db_free(NULL);
}

static void test_db_pg__exec_query_params_nulls(void **state)
{
	struct sk_db *db;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_rows rows = SK_ROWS_INIT;
	const char *ins[3] = {"2", "two", NULL};
	const char *sel[2] = {"p", "1"};

	(void)state;
	need_pg();
	db = connect_super();
	exec_ok(db, "DROP TABLE IF EXISTS t_params;\n"
	            "CREATE TABLE t_params (id int PRIMARY KEY, name text, note text, data bytea);\n"
	            "-- a comment between statements\n"
	            "INSERT INTO t_params VALUES (1, 'one', 'n', '\\x00ff10');");
	assert_int_equal(sk_db_exec_params(db, "INSERT INTO t_params (id, name, note) VALUES ($1, $2, $3)", 3,
	                                   ins, &err),
	                 0);
	assert_int_equal(sk_db_query(db, &rows,
	                             "SELECT id, name, note AS \"Note\", data FROM t_params "
	                             "WHERE id >= $2::int AND name < $1 ORDER BY id",
	                             2, sel, &err),
	                 0);
	assert_int_equal(rows.ncols, 4);
	assert_int_equal(rows.nrows, 1);
	assert_string_equal(rows.colnames[0], "id");
	assert_string_equal(rows.colnames[2], "Note");
	assert_string_equal(sk_rows_get(&rows, 0, 1), "one");
	assert_string_equal(sk_rows_get(&rows, 0, 3), "\\x00ff10");
	sk_rows_release(&rows);

	assert_int_equal(
	        sk_db_query(db, &rows, "SELECT name, note FROM t_params WHERE id = 2", 0, NULL, &err), 0);
	assert_string_equal(sk_rows_get(&rows, 0, 0), "two");
	assert_null(sk_rows_get(&rows, 0, 1));
	sk_rows_release(&rows);

	assert_int_equal(sk_db_query(db, &rows, "SELECT id, name FROM t_params WHERE false", 0, NULL, &err),
	                 0);
	assert_int_equal(rows.nrows, 0);
	assert_int_equal(rows.ncols, 2);
	sk_rows_release(&rows);

	/* one statement only with parameters, as on SQLite */
	assert_int_equal(sk_db_query(db, &rows, "SELECT 1; SELECT 2", 0, NULL, &err), -SK_ERR_MIGRATION);
	exec_ok(db, "DROP TABLE t_params");
	sk_db_free(db);
}

static void test_db_pg__error_message_detail_hint_position(void **state)
{
	struct sk_db *db;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_rows rows = SK_ROWS_INIT;

	(void)state;
	need_pg();
	db = connect_super();
	assert_int_equal(sk_db_exec(db, "SELECT * FROM no_such_table", &err), -SK_ERR_MIGRATION);
	assert_int_equal(err.code, SK_ERR_MIGRATION);
	assert_string_equal(err.message, "relation \"no_such_table\" does not exist");
	assert_int_equal(err.col, 15);

	/* in a script, the position counts from the start of the script */
	assert_int_equal(sk_db_exec(db, "SELECT 1;\nSELEC 2", &err), -SK_ERR_MIGRATION);
	assert_string_equal(err.message, "syntax error at or near \"SELEC\"");
	assert_int_equal(err.col, 11);

	/* characters, not bytes, as on SQLite */
	assert_int_equal(sk_db_query(db, &rows, "SELECT 'é', nope FROM pg_class", 0, NULL, &err),
	                 -SK_ERR_MIGRATION);
	assert_int_equal(err.col, 13);

	/* detail */
	exec_ok(db, "DROP TABLE IF EXISTS t_err; CREATE TABLE t_err (id int PRIMARY KEY); "
	            "INSERT INTO t_err VALUES (1)");
	assert_int_equal(sk_db_exec(db, "INSERT INTO t_err VALUES (1)", &err), -SK_ERR_MIGRATION);
	assert_non_null(strstr(err.message, "duplicate key value violates unique constraint"));
	assert_string_equal(err.detail, "Key (id)=(1) already exists.");
	assert_int_equal(err.col, 0);

	/* hint */
	assert_int_equal(sk_db_exec(db, "SELECT no_such_function(1)", &err), -SK_ERR_MIGRATION);
	assert_string_equal(err.message, "function no_such_function(integer) does not exist");
	assert_non_null(strstr(err.hint, "No function matches"));
	assert_int_equal(err.col, 8);
	exec_ok(db, "DROP TABLE t_err");
	sk_db_free(db);
}

static void test_db_pg__rollback_undoes_ddl(void **state)
{
	struct sk_db *db;
	struct sk_error err = SK_ERROR_INIT;

	(void)state;
	need_pg();
	db = connect_super();
	exec_ok(db, "DROP TABLE IF EXISTS t_gone; DROP TABLE IF EXISTS t_kept");
	assert_int_equal(sk_db_begin(db, &err), 0);
	assert_true(sk_db_in_transaction(db));
	exec_ok(db, "CREATE TABLE t_gone (x int); INSERT INTO t_gone VALUES (1)");
	assert_true(relation_exists(db, "t_gone"));
	sk_db_rollback(db);
	assert_false(sk_db_in_transaction(db));
	assert_false(relation_exists(db, "t_gone"));
	sk_db_rollback(db); /* nothing open: no-op */

	assert_int_equal(sk_db_begin(db, &err), 0);
	exec_ok(db, "CREATE TABLE t_kept (x int)");
	assert_int_equal(sk_db_commit(db, &err), 0);
	assert_false(sk_db_in_transaction(db));
	sk_db_free(db);

	/* seen from another session */
	db = connect_super();
	assert_true(relation_exists(db, "t_kept"));
	assert_false(relation_exists(db, "t_gone"));
	exec_ok(db, "DROP TABLE t_kept");
	sk_db_free(db);
}

static void test_db_pg__commit_after_failure_is_an_error(void **state)
{
	struct sk_db *db;
	struct sk_error err = SK_ERROR_INIT;

	(void)state;
	need_pg();
	db = connect_super();
	exec_ok(db, "DROP TABLE IF EXISTS t_half");
	assert_int_equal(sk_db_begin(db, &err), 0);
	exec_ok(db, "CREATE TABLE t_half (x int)");
	assert_int_equal(sk_db_exec(db, "SELECT 1/0", &err), -SK_ERR_MIGRATION);
	assert_string_equal(err.message, "division by zero");
	assert_true(sk_db_in_transaction(db));
	/* the server turns this COMMIT into a ROLLBACK */
	assert_int_equal(sk_db_commit(db, &err), -SK_ERR_MIGRATION);
	assert_false(sk_db_in_transaction(db));
	assert_false(relation_exists(db, "t_half"));
	sk_db_free(db);
}

/* sk_db_exec_batch runs statements (spans of a script too) in order,
 * collects rows, and stops at the first failure with its index and error
 * position, leaving the transaction for the caller to roll back. */
static void test_db_pg__batch_stops_at_first_failure(void **state)
{
	struct sk_db *db;
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
	        {"INSERT INTO t_batch VALUES ($1::int)", 0, 1, params, NULL},
	        {"SELECT x FROM t_batch", 0, 0, NULL, &rows},
	        {"COMMIT", 0, 0, NULL, NULL},
	};
	struct sk_db_stmt syntax[] = {
	        {"BEGIN", 0, 0, NULL, NULL},
	        {"INSERT INTO t_batch VALUES (4)", 0, 0, NULL, NULL},
	        {"CREATE TABLE oops (x int AUTOINCREMENT)", 0, 0, NULL, NULL},
	        {"COMMIT", 0, 0, NULL, NULL},
	};
	struct sk_db_stmt bad[] = {
	        {"BEGIN", 0, 0, NULL, NULL},
	        {script, (size_t)(second - 1 - script), 0, NULL, NULL},
	        {second, strlen(second) - 1, 0, NULL, NULL},
	        {"INSERT INTO t_batch VALUES (3)", 0, 0, NULL, NULL},
	        {"COMMIT", 0, 0, NULL, NULL},
	};

	(void)state;
	need_pg();
	db = connect_super();
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
	assert_string_equal(err.message, "relation \"no_such_table\" does not exist");
	assert_int_equal(err.col, 17);
	assert_true(sk_db_in_transaction(db));
	sk_db_rollback(db);
	assert_false(sk_db_in_transaction(db));

	/* a syntax error stops the whole batch before its first statement
	 * runs, and still names its statement and position */
	assert_int_equal(sk_db_exec_batch(db, syntax, 4, &failed, &err), -SK_ERR_MIGRATION);
	assert_int_equal(failed, 2);
	assert_int_equal(err.col, 26);
	assert_non_null(strstr(err.message, "AUTOINCREMENT"));
	sk_db_rollback(db);
	/* neither the statement before the failure nor the ones after it stay */
	assert_string_equal(scalar(db, buf, sizeof(buf), "SELECT count(*) FROM t_batch", 0, NULL), "1");
	exec_ok(db, "DROP TABLE t_batch");
	sk_db_free(db);
}

static void test_db_pg__exec_statement_sends_given_bytes(void **state)
{
	struct sk_db *db;
	struct sk_error err = SK_ERROR_INIT;
	const char *sql = "CREATE TABLE t_s1 (x int); CREATE TABLE t_s2 (x int)";

	(void)state;
	need_pg();
	db = connect_super();
	exec_ok(db, "DROP TABLE IF EXISTS t_s1; DROP TABLE IF EXISTS t_s2");
	assert_int_equal(sk_db_exec_statement(db, sql, 25, &err), 0);
	assert_true(relation_exists(db, "t_s1"));
	assert_false(relation_exists(db, "t_s2"));
	assert_int_equal(sk_db_exec_statement(db, "SELECT nope FROM t_s1; garbage", 21, &err),
	                 -SK_ERR_MIGRATION);
	assert_int_equal(err.col, 8);
	/* outside a transaction block, as CREATE INDEX CONCURRENTLY needs */
	const char *cic = "CREATE INDEX CONCURRENTLY t_s1_x ON t_s1 (x)";
	assert_int_equal(sk_db_exec_statement(db, cic, strlen(cic), &err), 0);
	assert_true(relation_exists(db, "t_s1_x"));
	exec_ok(db, "DROP TABLE t_s1");
	sk_db_free(db);
}

static void test_db_pg__copy_in(void **state)
{
	struct sk_db *db;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_rows rows = SK_ROWS_INIT;
	const char *stmt = "COPY t_copy (id, name) FROM stdin;";
	const char *data = "1\tone\n2\t\\N\n\\.\n";
	const char *bad = "3\tthree\nx\tbad\n\\.\n";

	(void)state;
	need_pg();
	db = connect_super();
	exec_ok(db, "DROP TABLE IF EXISTS t_copy; CREATE TABLE t_copy (id int, name text)");
	assert_int_equal(sk_db_copy_in(db, stmt, strlen(stmt), data, strlen(data), &err), 0);
	assert_int_equal(sk_db_query(db, &rows, "SELECT id, name FROM t_copy ORDER BY id", 0, NULL, &err), 0);
	assert_int_equal(rows.nrows, 2);
	assert_string_equal(sk_rows_get(&rows, 0, 1), "one");
	assert_null(sk_rows_get(&rows, 1, 1));
	sk_rows_release(&rows);

	/* bad data: the server's error, with the line in the detail */
	assert_int_equal(sk_db_copy_in(db, stmt, strlen(stmt), bad, strlen(bad), &err), -SK_ERR_MIGRATION);
	assert_non_null(strstr(err.message, "invalid input syntax for type integer"));
	assert_non_null(strstr(err.detail, "line 2"));
	char buf[16];
	assert_string_equal(scalar(db, buf, sizeof(buf), "SELECT count(*) FROM t_copy", 0, NULL), "2");

	/* a statement that is not COPY FROM stdin */
	assert_int_equal(sk_db_copy_in(db, "SELECT 1", 8, data, strlen(data), &err), -SK_ERR_INPUT);
	/* COPY FROM stdin through sk_db_exec has no data: an error, and the
	 * connection stays usable */
	assert_int_equal(sk_db_exec(db, stmt, &err), -SK_ERR_INPUT);
	assert_string_equal(scalar(db, buf, sizeof(buf), "SELECT count(*) FROM t_copy", 0, NULL), "2");
	exec_ok(db, "DROP TABLE t_copy");
	sk_db_free(db);
}

static void test_db_pg__notices_are_not_printed(void **state)
{
	struct sk_db *db;
	char path[] = "/tmp/sk-notice-XXXXXX";
	int fd, saved;
	struct stat st;

	(void)state;
	need_pg();
	db = connect_super();
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	exec_ok(db, "DO $$ BEGIN RAISE NOTICE 'hello from the server'; RAISE WARNING 'careful'; END $$");
	exec_ok(db, "DROP TABLE IF EXISTS surely_not_there_notice");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(fstat(fd, &st), 0);
	close(fd);
	unlink(path);
	assert_int_equal(st.st_size, 0);
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

static void test_db_pg__lock_times_out_and_releases(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_db *a, *b;
	struct sk_error err = SK_ERROR_INIT;
	struct waits w = {0, ""};
	long long t0;
	const long long key = 7230817490123LL;

	(void)state;
	need_pg();
	a = connect_super();
	/* the second upgrader is not a superuser */
	fixture_conninfo(&ci);
	sk_conninfo_set(&ci, "user", "sk_user");
	b = connect_ci(&ci);
	sk_conninfo_release(&ci);

	assert_int_equal(sk_db_lock(a, key, 1000, on_wait, &w, &err), 0);
	assert_int_equal(w.calls, 0);

	t0 = now_ms();
	assert_int_equal(sk_db_lock(b, key, 300, on_wait, &w, &err), -SK_ERR_LOCK);
	assert_true(now_ms() - t0 >= 290);
	assert_int_equal(err.code, SK_ERR_LOCK);
	assert_string_equal(err.message, "timed out after 300 ms waiting for the migration lock");
	assert_string_equal(
	        err.hint,
	        "another schemake-migrate is running against this database; raise --lock-timeout or wait");
	assert_int_equal(w.calls, 1);
	assert_string_equal(w.what, "the migration lock");

	/* a different key is free */
	assert_int_equal(sk_db_lock(b, key + 1, 0, NULL, NULL, &err), 0);
	sk_db_unlock(b, key + 1);

	sk_db_unlock(a, key);
	w.calls = 0;
	assert_int_equal(sk_db_lock(b, key, 0, on_wait, &w, &err), 0);
	assert_int_equal(w.calls, 0);
	/* now a is the one that waits */
	assert_int_equal(sk_db_lock(a, key, 100, NULL, NULL, &err), -SK_ERR_LOCK);
	sk_db_unlock(b, key);
	assert_int_equal(sk_db_lock(a, key, 100, NULL, NULL, &err), 0);
	sk_db_unlock(a, key);
	sk_db_free(a);
	sk_db_free(b);
}

static void test_db_pg__lock_waits_until_holder_disconnects(void **state)
{
	struct sk_db *b;
	struct sk_error err = SK_ERROR_INIT;
	struct waits w = {0, ""};
	const long long key = 42;
	int ready[2], status = -1;
	long long t0;
	char c = 0;
	pid_t pid;

	(void)state;
	need_pg();
	/* another process takes the lock, holds it for 400 ms and exits
	 * without unlocking; b waits with no timeout and then gets it */
	assert_int_equal(pipe(ready), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct sk_conninfo ci = SK_CONNINFO_INIT;
		struct sk_error e = SK_ERROR_INIT;
		struct sk_db *a = NULL;
		close(ready[0]);
		/* no cmocka calls in the child */
		if (sk_conninfo_parse(&ci, env.url, &e))
			_exit(1);
		sk_conninfo_set(&ci, "dbname", TEST_DB);
		if (sk_db_connect(&a, &ci, &e) || sk_db_lock(a, key, 0, NULL, NULL, &e))
			_exit(1);
		if (write(ready[1], "x", 1) != 1)
			_exit(2);
		usleep(400 * 1000);
		_exit(0); /* the session ends: its advisory locks go */
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	b = connect_super();
	t0 = now_ms();
	assert_int_equal(sk_db_lock(b, key, -1, on_wait, &w, &err), 0);
	assert_true(now_ms() - t0 >= 100);
	assert_int_equal(w.calls, 1);
	sk_db_unlock(b, key);
	sk_db_free(b);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void test_db_pg__wrong_password(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_db *db = NULL;
	const char *wrong = "Wr0ng-S3cret-value";

	(void)state;
	need_pg();
	ci.dialect = SK_DIALECT_POSTGRES;
	sk_conninfo_set(&ci, "host", "127.0.0.1");
	sk_conninfo_set(&ci, "port", env.port);
	sk_conninfo_set(&ci, "user", env.pw_role);
	sk_conninfo_set(&ci, "dbname", "postgres");
	sk_conninfo_set(&ci, "password", wrong);
	assert_int_equal(sk_db_connect(&db, &ci, &err), -SK_ERR_CONFIG);
	assert_null(db);
	assert_true(strncmp(err.message, "cannot connect to ", 18) == 0);
	assert_non_null(strstr(err.message, "password authentication failed for user \"sk_pw\""));
	assert_null(strstr(err.message, "connection to server"));
	assert_string_equal(err.hint, "check the password (password_file, PGPASSWORD or the URL)");
	assert_no_secret(&err, wrong);
	assert_no_secret(&err, env.pw_password);

	/* the right one, with its space, '%', ':' and '@', works */
	sk_conninfo_set(&ci, "password", env.pw_password);
	assert_int_equal(sk_db_connect(&db, &ci, &err), 0);
	char buf[64];
	assert_string_equal(scalar(db, buf, sizeof(buf), "SELECT current_user", 0, NULL), "sk_pw");
	sk_db_free(db);
	sk_conninfo_release(&ci);
}

static void test_db_pg__unreachable_server(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_db *db = NULL;

	(void)state;
	need_pg();
	ci.dialect = SK_DIALECT_POSTGRES;
	sk_conninfo_set(&ci, "host", "127.0.0.1");
	sk_conninfo_set(&ci, "port", "1");
	sk_conninfo_set(&ci, "user", "postgres");
	sk_conninfo_set(&ci, "dbname", "postgres");
	sk_conninfo_set(&ci, "password", "Another-S3cret");
	assert_int_equal(sk_db_connect(&db, &ci, &err), -SK_ERR_CONFIG);
	assert_null(db);
	assert_true(strncmp(err.message, "cannot connect to ", 18) == 0);
	assert_non_null(strstr(err.message, "Connection refused"));
	assert_null(strstr(err.message, "connection to server"));
	assert_string_equal(err.hint, "is the server running?");
	assert_no_secret(&err, "Another-S3cret");

	/* a unix socket directory with no server */
	sk_conninfo_set(&ci, "host", "/nonexistent-sk-dir");
	assert_int_equal(sk_db_connect(&db, &ci, &err), -SK_ERR_CONFIG);
	assert_non_null(strstr(err.message, "No such file or directory"));
	assert_string_equal(err.hint, "is the server running?");
	sk_conninfo_release(&ci);
}

static void test_db_pg__missing_database(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_db *db = NULL;

	(void)state;
	need_pg();
	fixture_conninfo(&ci);
	sk_conninfo_set(&ci, "dbname", "sk_no_such_db");
	assert_int_equal(sk_db_connect(&db, &ci, &err), -SK_ERR_CONFIG);
	assert_null(db);
	assert_non_null(strstr(err.message, "database \"sk_no_such_db\" does not exist"));
	assert_non_null(strstr(err.message, "sk_no_such_db:") || strstr(err.message, "sk_no_such_db?"));
	assert_string_equal(err.hint, "create it, or use schemake-reset");
	sk_conninfo_release(&ci);
}

static char *quoted(const char *ident)
{
	struct sk_buf sb = SK_BUF_INIT;

	sk_db_quote_ident(&sb, SK_DIALECT_POSTGRES, ident);
	return sk_buf_detach(&sb, NULL);
}

static void test_db_pg__quote_ident(void **state)
{
	struct sk_db *db;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_rows rows = SK_ROWS_INIT;
	static const char *const names[] = {"plain", "user", "order",     "group",      "table",   "select",
	                                    "check", "left", "MixedCase", "with space", "we\"ird", "1abc",
	                                    "a$b",   "text", "name",      "ünïcode",    "key"};
	static const struct {
		const char *in, *out;
	} cases[] = {
	        {"plain", "plain"},
	        {"_x9$", "_x9$"},
	        {"user", "\"user\""},
	        {"order", "\"order\""},
	        {"left", "\"left\""},
	        {"text", "text"},
	        {"MixedCase", "\"MixedCase\""},
	        {"we\"ird", "\"we\"\"ird\""},
	        {"1abc", "\"1abc\""},
	        {"", "\"\""},
	        {"key", "key"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *q = quoted(cases[i].in);
		assert_string_equal(q, cases[i].out);
		free(q);
	}
	need_pg();
	db = connect_super();

	/* the server's own list: reserved (R) and type/function-name (T) key
	 * words are quoted, unreserved (U) ones are not */
	assert_int_equal(sk_db_query(db, &rows, "SELECT word, catcode FROM pg_get_keywords() ORDER BY 1", 0,
	                             NULL, &err),
	                 0);
	assert_true(rows.nrows > 400);
	for (size_t r = 0; r < rows.nrows; r++) {
		const char *word = sk_rows_get(&rows, r, 0), *cat = sk_rows_get(&rows, r, 1);
		char *q = quoted(word);
		bool is_quoted = q[0] == '"';
		if ((cat[0] == 'R' || cat[0] == 'T') != is_quoted && cat[0] != 'C')
			fail_msg("key word %s (%s) quoted as %s", word, cat, q);
		free(q);
	}
	sk_rows_release(&rows);

	/* every name round-trips through CREATE TABLE */
	exec_ok(db, "DROP SCHEMA IF EXISTS sk_quote CASCADE; CREATE SCHEMA sk_quote");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct sk_buf sql = SK_BUF_INIT;
		const char *p[1] = {names[i]};
		char buf[128];
		sk_buf_adds(&sql, "CREATE TABLE sk_quote.");
		sk_db_quote_ident(&sql, SK_DIALECT_POSTGRES, names[i]);
		sk_buf_addch(&sql, '(');
		sk_db_quote_ident(&sql, SK_DIALECT_POSTGRES, names[i]);
		sk_buf_adds(&sql, " int)");
		exec_ok(db, sql.buf);
		assert_string_equal(scalar(db, buf, sizeof(buf),
		                           "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
		                           "c.relnamespace "
		                           "WHERE nspname = 'sk_quote' AND relname = $1",
		                           1, p),
		                    "1");
		sk_buf_release(&sql);
	}
	exec_ok(db, "DROP SCHEMA sk_quote CASCADE");
	sk_db_free(db);
}

static void test_db_pg__quote_literal(void **state)
{
	struct sk_db *db;
	struct sk_buf sb = SK_BUF_INIT;
	const char *value = "it's a \\ 'quoted' \"text\" with \\n";
	char buf[128];

	(void)state;
	sk_db_quote_literal(&sb, SK_DIALECT_POSTGRES, "it's");
	assert_string_equal(sb.buf, "'it''s'");
	sk_buf_release(&sb);
	need_pg();
	db = connect_super();
	sk_buf_reset(&sb);
	sk_buf_adds(&sb, "SELECT ");
	sk_db_quote_literal(&sb, SK_DIALECT_POSTGRES, value);
	assert_string_equal(scalar(db, buf, sizeof(buf), sb.buf, 0, NULL), value);
	sk_buf_release(&sb);
	sk_db_free(db);
}

/* ---- the development cluster ---- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

struct cluster_fixture {
	char project[256];
	struct sk_cluster c;
	bool made;
};

static int cluster_teardown(void **state)
{
	struct cluster_fixture *f = *state;
	struct sk_error err = SK_ERROR_INIT;

	if (!f)
		return 0;
	if (f->made) {
		sk_cluster_stop(&f->c, &err);
		sk_cluster_release(&f->c);
	}
	if (f->project[0])
		nftw(f->project, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	*state = NULL;
	return 0;
}

static struct cluster_fixture *new_project(void **state, mode_t mode)
{
	struct cluster_fixture *f = calloc(1, sizeof(*f));

	*state = f;
	snprintf(f->project, sizeof(f->project), "/tmp/sk-cluster-XXXXXX");
	assert_non_null(mkdtemp(f->project));
	assert_int_equal(chmod(f->project, mode), 0);
	unsetenv("SCHEMAKE_CLUSTER_DIR");
	unsetenv("SCHEMAKE_CLUSTER_DB");
	unsetenv("SCHEMAKE_CLUSTER_USER");
	sk_cluster_init(&f->c, f->project);
	f->made = true;
	return f;
}

static void test_db_pg__cluster_paths(void **state)
{
	struct sk_cluster c;
	char expect[1024], longdir[400];
	char *url;

	(void)state;
	unsetenv("SCHEMAKE_CLUSTER_DIR");
	unsetenv("SCHEMAKE_CLUSTER_DB");
	sk_cluster_init(&c, "/srv/proj");
	assert_string_equal(c.root, "/srv/proj/.schemake/pg");
	assert_string_equal(c.datadir, "/srv/proj/.schemake/pg/data");
	assert_string_equal(c.sockdir, "/srv/proj/.schemake/pg/run");
	assert_string_equal(c.logfile, "/srv/proj/.schemake/pg/log");
	assert_string_equal(c.dbname, "schemake");
	assert_string_equal(c.user, "postgres");
	assert_null(c.bindir);
	url = sk_cluster_url(&c, NULL);
	assert_string_equal(url,
	                    "postgresql:///schemake?host=/srv/proj/.schemake/pg/run&port=5432&user=postgres");
	free(url);
	url = sk_cluster_url(&c, "other db");
	assert_string_equal(
	        url, "postgresql:///other%20db?host=/srv/proj/.schemake/pg/run&port=5432&user=postgres");
	free(url);
	sk_cluster_release(&c);

	/* too long for a socket path: a private directory under /tmp */
	memset(longdir, 'x', sizeof(longdir) - 1);
	longdir[0] = '/';
	longdir[sizeof(longdir) - 1] = '\0';
	sk_cluster_init(&c, longdir);
	assert_int_equal(strncmp(c.sockdir, "/tmp/schemake-", 14), 0);
	assert_int_equal(strlen(c.sockdir), 14 + 12);
	sk_cluster_release(&c);

	/* overrides */
	setenv("SCHEMAKE_CLUSTER_DIR", "/var/tmp/skc", 1);
	setenv("SCHEMAKE_CLUSTER_DB", "appdb", 1);
	sk_cluster_init(&c, "/srv/proj");
	assert_string_equal(c.root, "/var/tmp/skc");
	assert_string_equal(c.dbname, "appdb");
	snprintf(expect, sizeof(expect), "%s", "/var/tmp/skc/run");
	assert_string_equal(c.sockdir, expect);
	sk_cluster_release(&c);
	sk_cluster_release(NULL);
	unsetenv("SCHEMAKE_CLUSTER_DIR");
	unsetenv("SCHEMAKE_CLUSTER_DB");
}

static void test_db_pg__cluster_lifecycle(void **state)
{
	struct cluster_fixture *f;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_db *db;
	bool init = true, running = true;
	int status = -1;
	pid_t pid;
	char buf[128], expect[512];

	need_pg();
	f = new_project(state, 0755);
	assert_int_equal(sk_cluster_status(&f->c, &init, &running, &err), 0);
	assert_false(init);
	assert_false(running);

	/* two processes at once: both succeed */
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct sk_cluster c2;
		struct sk_error e = SK_ERROR_INIT;
		sk_cluster_init(&c2, f->project);
		int rc = sk_cluster_ensure_running(&c2, &e);
		sk_cluster_release(&c2);
		_exit(rc ? 1 : 0);
	}
	if (sk_cluster_ensure_running(&f->c, &err))
		fail_msg("ensure_running: %s | %s | %s", err.message, err.detail, err.hint);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_non_null(f->c.bindir);

	assert_int_equal(sk_cluster_status(&f->c, &init, &running, &err), 0);
	assert_true(init);
	assert_true(running);
	snprintf(expect, sizeof(expect), "%s/.schemake/pg/run", f->project);
	assert_string_equal(f->c.sockdir, expect);

	sk_cluster_conninfo(&f->c, &ci, NULL);
	db = connect_ci(&ci);
	sk_conninfo_release(&ci);
	assert_string_equal(scalar(db, buf, sizeof(buf), "SELECT current_database()", 0, NULL), "schemake");
	/* unix socket only */
	assert_string_equal(scalar(db, buf, sizeof(buf), "SHOW listen_addresses", 0, NULL), "");
	assert_string_equal(scalar(db, buf, sizeof(buf), "SHOW server_encoding", 0, NULL), "UTF8");
	exec_ok(db, "CREATE TABLE kept (x int)");
	sk_db_free(db);

	/* idempotent while running */
	assert_int_equal(sk_cluster_ensure_running(&f->c, &err), 0);

	assert_int_equal(sk_cluster_stop(&f->c, &err), 0);
	assert_int_equal(sk_cluster_status(&f->c, &init, &running, &err), 0);
	assert_true(init);
	assert_false(running);
	assert_int_equal(sk_cluster_stop(&f->c, &err), 0); /* stopped: no-op */

	/* the data survives a restart */
	assert_int_equal(sk_cluster_start(&f->c, &err), 0);
	assert_int_equal(sk_cluster_status(&f->c, &init, &running, &err), 0);
	assert_true(running);
	sk_cluster_conninfo(&f->c, &ci, "schemake");
	db = connect_ci(&ci);
	sk_conninfo_release(&ci);
	assert_true(relation_exists(db, "kept"));
	sk_db_free(db);
	assert_int_equal(sk_cluster_stop(&f->c, &err), 0);
	assert_int_equal(sk_cluster_status(&f->c, &init, &running, &err), 0);
	assert_false(running);
}

static void test_db_pg__cluster_unreachable_dir(void **state)
{
	struct cluster_fixture *f;
	struct sk_error err = SK_ERROR_INIT;

	need_pg();
	if (geteuid() != 0) {
		skip(); /* only root switches to another user */
		return;
	}
	/* a project directory the cluster user cannot enter: the cluster
	 * moves under /var/tmp, linked from the project */
	f = new_project(state, 0700);
	assert_int_equal(sk_cluster_ensure_running(&f->c, &err), 0);
	assert_non_null(strstr(f->c.root, "/var/tmp/schemake-cluster-"));
	assert_int_equal(sk_cluster_stop(&f->c, &err), 0);
	{
		struct sk_buf cmd = SK_BUF_INIT;
		sk_buf_addf(&cmd, "rm -rf '%s'", f->c.root);
		assert_int_equal(system(cmd.buf), 0);
		sk_buf_release(&cmd);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_db_pg__connect_metadata),
	        cmocka_unit_test(test_db_pg__exec_query_params_nulls),
	        cmocka_unit_test(test_db_pg__error_message_detail_hint_position),
	        cmocka_unit_test(test_db_pg__rollback_undoes_ddl),
	        cmocka_unit_test(test_db_pg__commit_after_failure_is_an_error),
	        cmocka_unit_test(test_db_pg__exec_statement_sends_given_bytes),
	        cmocka_unit_test(test_db_pg__batch_stops_at_first_failure),
	        cmocka_unit_test(test_db_pg__copy_in),
	        cmocka_unit_test(test_db_pg__notices_are_not_printed),
	        cmocka_unit_test(test_db_pg__lock_times_out_and_releases),
	        cmocka_unit_test(test_db_pg__lock_waits_until_holder_disconnects),
	        cmocka_unit_test(test_db_pg__wrong_password),
	        cmocka_unit_test(test_db_pg__unreachable_server),
	        cmocka_unit_test(test_db_pg__missing_database),
	        cmocka_unit_test(test_db_pg__quote_ident),
	        cmocka_unit_test(test_db_pg__quote_literal),
	        cmocka_unit_test(test_db_pg__cluster_paths),
	        cmocka_unit_test_teardown(test_db_pg__cluster_lifecycle, cluster_teardown),
	        cmocka_unit_test_teardown(test_db_pg__cluster_unreachable_dir, cluster_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
