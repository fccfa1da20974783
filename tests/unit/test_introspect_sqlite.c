/*
 * Unit tests of the SQLite schema reader (introspect/sqlite.c) and of the
 * SQLite dump writer (emit/sql_sqlite.c): real database files in a
 * temporary directory, created by the tests; sqlite_schema and the PRAGMAs
 * are the oracles.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "common/buf.h"
#include "common/error.h"
#include "db/db.h"
#include "emit/sql.h"
#include "introspect/introspect.h"
#include "model/model.h"

#include "common/banned.h"

struct fixture {
	char dir[512];
	char path[600];
	struct sk_db *db;
	struct sk_model *m;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *base = getenv("SK_TEST_TMP");
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	char url[700];

	if (!base || !*base)
		base = "/tmp";
	mkdir(base, 0755);
	snprintf(f->dir, sizeof(f->dir), "%s/sk-introsqlite-XXXXXX", base);
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/test.db", f->dir);
	snprintf(url, sizeof(url), "sqlite:%s", f->path);
	if (sk_conninfo_parse(&ci, url, &err) || sk_db_connect(&f->db, &ci, &err))
		fail_msg("connect %s: %s", url, err.message);
	sk_conninfo_release(&ci);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char p[700];

	sk_model_free(f->m);
	sk_db_free(f->db);
	snprintf(p, sizeof(p), "%s/test.db", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/test.db-journal", f->dir);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void exec_ok(struct fixture *f, const char *sql)
{
	struct sk_error err = SK_ERROR_INIT;

	if (sk_db_exec(f->db, sql, &err))
		fail_msg("exec '%s': %s", sql, err.message);
}

/* Reads the schema into f->m (replacing an earlier model). */
static const struct sk_model *introspect(struct fixture *f, bool include_history)
{
	struct sk_introspect_opts opts = {include_history};
	struct sk_error err = SK_ERROR_INIT;

	sk_model_free(f->m);
	f->m = sk_model_new(SK_DIALECT_SQLITE);
	if (sk_introspect_sqlite(f->m, f->db, &opts, &err))
		fail_msg("introspect: %s", err.message);
	return f->m;
}

static const struct sk_table *table(const struct sk_model *m, const char *name)
{
	const struct sk_table *t = sk_model_find_table(m, NULL, name);

	if (!t)
		fail_msg("no table \"%s\" in the model", name);
	return t;
}

static const struct sk_column *column(const struct sk_table *t, const char *name)
{
	const struct sk_column *c = sk_table_find_column(t, name);

	if (!c)
		fail_msg("no column \"%s\" in \"%s\"", name, t->name);
	return c;
}

/* The constraint of a kind whose definition is def (names may be ""). */
static const struct sk_constraint *constraint(const struct sk_table *t, enum sk_constraint_kind kind,
                                              const char *def)
{
	for (size_t i = 0; i < t->nconstraints; i++)
		if (t->constraints[i].kind == kind && !strcmp(t->constraints[i].definition, def))
			return &t->constraints[i];
	for (size_t i = 0; i < t->nconstraints; i++)
		print_message("  %c %s: %s\n", t->constraints[i].kind, t->constraints[i].name,
		              t->constraints[i].definition);
	fail_msg("no constraint '%s' on \"%s\"", def, t->name);
	return NULL;
}

static size_t count_kind(const struct sk_table *t, enum sk_constraint_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nconstraints; i++)
		n += t->constraints[i].kind == kind;
	return n;
}

/* The stored sql of an object, from sqlite_schema. */
static char *stored_sql(struct fixture *f, const char *name)
{
	struct sk_rows rows = SK_ROWS_INIT;
	struct sk_error err = SK_ERROR_INIT;
	const char *p[1] = {name};
	char *s;

	if (sk_db_query(f->db, &rows, "SELECT sql FROM sqlite_schema WHERE name = $1", 1, p, &err))
		fail_msg("%s", err.message);
	assert_int_equal(rows.nrows, 1);
	s = sk_xstrdup(sk_rows_get(&rows, 0, 0));
	sk_rows_release(&rows);
	return s;
}

static void test_introspect_sqlite__columns(void **state)
{
	struct fixture *f = *state;
	const struct sk_table *t;
	const struct sk_column *c;

	exec_ok(f, "CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL DEFAULT 'it''s',"
	           " price NUMERIC(10, 2) DEFAULT (1 + 2), at TEXT DEFAULT CURRENT_TIMESTAMP,"
	           " untyped, note TEXT COLLATE NOCASE, neg REAL DEFAULT -1.5)");
	t = table(introspect(f, false), "t");
	assert_string_equal(t->schema, "main");
	assert_int_equal(t->ncolumns, 7);
	for (size_t i = 0; i < t->ncolumns; i++)
		assert_int_equal(t->columns[i].position, (int)i + 1);
	assert_string_equal(t->columns[0].name, "id");
	assert_string_equal(t->columns[6].name, "neg");

	c = column(t, "id");
	assert_string_equal(c->type, "INTEGER");
	assert_false(c->not_null);
	assert_null(c->default_expr);
	c = column(t, "name");
	assert_string_equal(c->type, "VARCHAR(40)");
	assert_true(c->not_null);
	assert_string_equal(c->default_expr, "'it''s'");
	assert_null(c->collation);
	c = column(t, "price");
	assert_string_equal(c->type, "NUMERIC(10, 2)");
	assert_string_equal(c->default_expr, "1 + 2");
	assert_string_equal(column(t, "at")->default_expr, "CURRENT_TIMESTAMP");
	assert_string_equal(column(t, "untyped")->type, "");
	assert_string_equal(column(t, "note")->collation, "NOCASE");
	assert_string_equal(column(t, "neg")->default_expr, "-1.5");
	assert_null(column(t, "neg")->generated_expr);
	assert_int_equal(column(t, "neg")->identity, SK_IDENTITY_NONE);
}

static void test_introspect_sqlite__primary_key_order(void **state)
{
	struct fixture *f = *state;
	const struct sk_model *m;
	const struct sk_constraint *pk;

	exec_ok(f, "CREATE TABLE p (x INT, y INT, z INT, CONSTRAINT p_pkey PRIMARY KEY (y, x)) WITHOUT ROWID;"
	           "CREATE TABLE q (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);"
	           "CREATE TABLE r (v TEXT)");
	m = introspect(f, false);
	pk = sk_table_primary_key(table(m, "p"));
	assert_non_null(pk);
	assert_string_equal(pk->name, "p_pkey");
	assert_int_equal(pk->ncolumns, 2);
	assert_string_equal(pk->columns[0], "y");
	assert_string_equal(pk->columns[1], "x");
	assert_string_equal(pk->definition, "PRIMARY KEY (y, x)");
	/* SQLite makes PRIMARY KEY columns of WITHOUT ROWID tables NOT NULL */
	assert_true(column(table(m, "p"), "x")->not_null);

	pk = sk_table_primary_key(table(m, "q"));
	assert_non_null(pk);
	assert_string_equal(pk->name, "");
	assert_int_equal(pk->ncolumns, 1);
	assert_string_equal(pk->columns[0], "id");
	assert_null(sk_table_primary_key(table(m, "r")));
	/* the index behind a primary key is the constraint's, not listed */
	assert_int_equal(table(m, "p")->nindexes, 0);
}

static void test_introspect_sqlite__table_flags(void **state)
{
	struct fixture *f = *state;
	const struct sk_model *m;
	char *sql;

	exec_ok(f,
	        "CREATE TABLE plain (a INT);"
	        "CREATE TABLE wr (k TEXT PRIMARY KEY) WITHOUT ROWID;"
	        "CREATE TABLE st (a INTEGER, b TEXT) STRICT;"
	        "CREATE TABLE both_ (k INT PRIMARY KEY, \"without rowid\" INT) STRICT, without  rowid;"
	        "CREATE TABLE ai (id INTEGER PRIMARY KEY autoincrement, note TEXT DEFAULT 'AUTOINCREMENT');"
	        "CREATE TABLE ai2 (id INTEGER, CONSTRAINT ai2_pk PRIMARY KEY (id AUTOINCREMENT))");
	m = introspect(f, false);
	assert_false(table(m, "plain")->without_rowid);
	assert_false(table(m, "plain")->strict);
	assert_false(table(m, "plain")->autoincrement);
	assert_true(table(m, "wr")->without_rowid);
	assert_false(table(m, "wr")->strict);
	assert_true(table(m, "st")->strict);
	assert_false(table(m, "st")->without_rowid);
	assert_true(table(m, "both_")->strict);
	assert_true(table(m, "both_")->without_rowid);
	assert_true(table(m, "ai")->autoincrement);
	assert_true(table(m, "ai2")->autoincrement);
	assert_string_equal(sk_table_primary_key(table(m, "ai2"))->name, "ai2_pk");
	assert_false(table(m, "wr")->autoincrement);
	/* the stored statement, byte for byte */
	sql = stored_sql(f, "both_");
	assert_string_equal(table(m, "both_")->sql, sql);
	free(sql);
	/* sqlite_sequence (made by AUTOINCREMENT) is SQLite's own */
	assert_null(sk_model_find_table(m, NULL, "sqlite_sequence"));
	assert_int_equal(m->ntables, 6);
}

static void test_introspect_sqlite__generated_columns(void **state)
{
	struct fixture *f = *state;
	const struct sk_table *t;

	exec_ok(f, "CREATE TABLE g (a INT, b INT,"
	           " s INT GENERATED ALWAYS AS (a * (b + 1)) STORED,"
	           " v TEXT AS ( 'x' || a ) VIRTUAL,"
	           " d INT AS (a + b) NOT NULL)");
	t = table(introspect(f, false), "g");
	assert_int_equal(t->ncolumns, 5);
	assert_null(column(t, "a")->generated_expr);
	assert_string_equal(column(t, "s")->generated_expr, "a * (b + 1)");
	assert_true(column(t, "s")->generated_stored);
	assert_string_equal(column(t, "s")->type, "INT");
	assert_string_equal(column(t, "v")->generated_expr, "'x' || a");
	assert_false(column(t, "v")->generated_stored);
	assert_string_equal(column(t, "d")->generated_expr, "a + b");
	assert_false(column(t, "d")->generated_stored);
	assert_true(column(t, "d")->not_null);
	assert_int_equal(column(t, "d")->position, 5);
}

static void test_introspect_sqlite__foreign_keys(void **state)
{
	struct fixture *f = *state;
	const struct sk_model *m;
	const struct sk_table *t;
	const struct sk_constraint *c;

	exec_ok(f, "CREATE TABLE Parent (Id INTEGER PRIMARY KEY, code TEXT UNIQUE);"
	           "CREATE TABLE pair (a INT, b INT, PRIMARY KEY (a, b));"
	           "CREATE TABLE child ("
	           " p INTEGER CONSTRAINT child_p_fk REFERENCES PARENT ON DELETE CASCADE ON UPDATE SET NULL,"
	           " c TEXT REFERENCES parent (CODE) DEFERRABLE INITIALLY DEFERRED,"
	           " x INT, y INT,"
	           " self INT REFERENCES child (x) ON DELETE SET DEFAULT DEFERRABLE,"
	           " r INT REFERENCES parent ON DELETE RESTRICT NOT DEFERRABLE INITIALLY DEFERRED,"
	           " FOREIGN KEY (x, y) REFERENCES pair (a, b) MATCH FULL)");
	m = introspect(f, false);
	t = table(m, "child");
	assert_int_equal(count_kind(t, SK_CON_FOREIGN), 5);

	c = constraint(t, SK_CON_FOREIGN,
	               "FOREIGN KEY (p) REFERENCES \"Parent\"(\"Id\") ON UPDATE SET NULL"
	               " ON DELETE CASCADE");
	assert_string_equal(c->name, "child_p_fk");
	assert_int_equal(c->ncolumns, 1);
	assert_string_equal(c->columns[0], "p");
	assert_string_equal(c->ref_schema, "main");
	assert_string_equal(c->ref_table, "Parent"); /* the table's own spelling */
	assert_int_equal(c->nref_columns, 1);
	assert_string_equal(c->ref_columns[0], "Id"); /* the implicit parent key */
	assert_int_equal(c->on_delete, 'c');
	assert_int_equal(c->on_update, 'n');
	assert_int_equal(c->match, 's');
	assert_false(c->deferrable);
	assert_false(c->deferred);

	c = constraint(t, SK_CON_FOREIGN,
	               "FOREIGN KEY (c) REFERENCES \"Parent\"(code) DEFERRABLE INITIALLY DEFERRED");
	assert_string_equal(c->name, "");
	assert_string_equal(c->ref_columns[0], "code");
	assert_int_equal(c->on_delete, 'a');
	assert_int_equal(c->on_update, 'a');
	assert_true(c->deferrable);
	assert_true(c->deferred);

	c = constraint(t, SK_CON_FOREIGN,
	               "FOREIGN KEY (self) REFERENCES child(x) ON DELETE SET DEFAULT DEFERRABLE");
	assert_true(c->deferrable);
	assert_false(c->deferred);
	assert_int_equal(c->on_delete, 'd');

	c = constraint(t, SK_CON_FOREIGN, "FOREIGN KEY (r) REFERENCES \"Parent\"(\"Id\") ON DELETE RESTRICT");
	assert_int_equal(c->on_delete, 'r');
	assert_false(c->deferrable);
	assert_false(c->deferred);

	c = constraint(t, SK_CON_FOREIGN, "FOREIGN KEY (x, y) REFERENCES pair(a, b) MATCH FULL");
	assert_int_equal(c->ncolumns, 2);
	assert_string_equal(c->columns[1], "y");
	assert_int_equal(c->nref_columns, 2);
	assert_string_equal(c->ref_columns[0], "a");
	assert_string_equal(c->ref_columns[1], "b");
	assert_int_equal(c->match, 'f');
	assert_int_equal(count_kind(table(m, "Parent"), SK_CON_FOREIGN), 0);
}

static void test_introspect_sqlite__unique_and_check(void **state)
{
	struct fixture *f = *state;
	const struct sk_table *t;
	const struct sk_constraint *c;

	exec_ok(f, "CREATE TABLE u ("
	           " a INT UNIQUE,"
	           " b INT CONSTRAINT b_positive CHECK (b > 0) CONSTRAINT u_b_key UNIQUE,"
	           " c TEXT CHECK (c <> 'CHECK (x)'),"
	           " d INT,"
	           " CONSTRAINT u_cd_key UNIQUE (c, d),"
	           " UNIQUE (d COLLATE NOCASE, a),"
	           " CONSTRAINT \"my check\" CHECK (d IS NULL OR (d BETWEEN 0 AND 10)),"
	           " CHECK (a < 100))");
	t = table(introspect(f, false), "u");
	assert_int_equal(count_kind(t, SK_CON_UNIQUE), 4);
	assert_int_equal(count_kind(t, SK_CON_CHECK), 4);

	c = constraint(t, SK_CON_UNIQUE, "UNIQUE (a)");
	assert_string_equal(c->name, "");
	assert_int_equal(c->ncolumns, 1);
	assert_string_equal(c->columns[0], "a");
	assert_string_equal(constraint(t, SK_CON_UNIQUE, "UNIQUE (b)")->name, "u_b_key");
	c = constraint(t, SK_CON_UNIQUE, "UNIQUE (c, d)");
	assert_string_equal(c->name, "u_cd_key");
	assert_int_equal(c->ncolumns, 2);
	assert_string_equal(c->columns[0], "c");
	assert_string_equal(c->columns[1], "d");
	assert_string_equal(constraint(t, SK_CON_UNIQUE, "UNIQUE (d, a)")->name, "");

	assert_string_equal(constraint(t, SK_CON_CHECK, "CHECK (b > 0)")->name, "b_positive");
	assert_string_equal(constraint(t, SK_CON_CHECK, "CHECK (c <> 'CHECK (x)')")->name, "");
	assert_string_equal(constraint(t, SK_CON_CHECK, "CHECK (d IS NULL OR (d BETWEEN 0 AND 10))")->name,
	                    "my check");
	c = constraint(t, SK_CON_CHECK, "CHECK (a < 100)");
	assert_string_equal(c->name, "");
	assert_int_equal(c->ncolumns, 0);
	/* the indexes behind UNIQUE are the constraints', not listed */
	assert_int_equal(t->nindexes, 0);
}

static void test_introspect_sqlite__indexes(void **state)
{
	struct fixture *f = *state;
	const struct sk_table *t;
	const struct sk_index *ix;
	char *sql;

	exec_ok(f,
	        "CREATE TABLE p (id INTEGER PRIMARY KEY, first TEXT, last TEXT UNIQUE, email TEXT, data TEXT,"
	        " gone TEXT);"
	        "CREATE INDEX p_expr ON p (lower(last) COLLATE NOCASE DESC, first, json_extract(data, "
	        "'$.a'));"
	        "CREATE UNIQUE INDEX p_email ON p (email COLLATE NOCASE) WHERE gone IS NULL AND email <> '';"
	        "CREATE INDEX \"p names\" ON p (last DESC, first ASC)");
	t = table(introspect(f, false), "p");
	assert_int_equal(t->nindexes, 3);
	/* sorted by name */
	assert_string_equal(t->indexes[0].name, "p names");
	assert_string_equal(t->indexes[1].name, "p_email");
	assert_string_equal(t->indexes[2].name, "p_expr");

	ix = &t->indexes[0];
	assert_false(ix->unique);
	assert_string_equal(ix->method, "");
	assert_int_equal(ix->nkeys, 2);
	assert_string_equal(ix->keys[0], "last");
	assert_string_equal(ix->keys[1], "first");
	assert_null(ix->predicate);
	sql = stored_sql(f, "p names");
	assert_string_equal(ix->definition, sql);
	free(sql);

	ix = &t->indexes[1];
	assert_true(ix->unique);
	assert_int_equal(ix->nkeys, 1);
	assert_string_equal(ix->keys[0], "email");
	assert_string_equal(ix->predicate, "gone IS NULL AND email <> ''");

	ix = &t->indexes[2];
	assert_int_equal(ix->nkeys, 3);
	assert_string_equal(ix->keys[0], "lower(last)");
	assert_string_equal(ix->keys[1], "first");
	assert_string_equal(ix->keys[2], "json_extract(data, '$.a')");
	assert_null(ix->predicate);
}

static void test_introspect_sqlite__views(void **state)
{
	struct fixture *f = *state;
	const struct sk_model *m;
	const struct sk_view *v;
	char *sql;

	exec_ok(f,
	        "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL);"
	        "CREATE TABLE other (id INT);"
	        "CREATE VIEW base AS SELECT id, name, price * 2 AS double_price FROM items;"
	        "CREATE VIEW \"Top\" (ident, label) AS SELECT id, name FROM \"BASE\" WHERE double_price > 1"
	        " /* other */;"
	        "CREATE VIEW lonely AS SELECT 'other' AS t, 1 AS one");
	m = introspect(f, false);
	assert_int_equal(m->nviews, 3);
	assert_int_equal(m->ntables, 2);

	v = sk_model_find_view(m, NULL, "base");
	assert_non_null(v);
	assert_string_equal(v->schema, "main");
	assert_false(v->materialized);
	sql = stored_sql(f, "base");
	assert_string_equal(v->definition, sql);
	free(sql);
	assert_int_equal(v->ncolumns, 3);
	assert_string_equal(v->columns[0].name, "id");
	assert_string_equal(v->columns[0].type, "INTEGER");
	assert_string_equal(v->columns[2].name, "double_price");
	assert_int_equal(v->columns[2].position, 3);
	assert_int_equal(v->ndeps, 1);
	assert_int_equal(v->deps[0].kind, SK_OBJ_TABLE);
	assert_string_equal(v->deps[0].schema, "main");
	assert_string_equal(v->deps[0].name, "items");

	v = sk_model_find_view(m, NULL, "Top");
	assert_non_null(v);
	assert_int_equal(v->ncolumns, 2);
	assert_string_equal(v->columns[0].name, "ident");
	assert_string_equal(v->columns[1].name, "label");
	/* the view it reads, by its own name; names in comments do not count */
	assert_int_equal(v->ndeps, 1);
	assert_int_equal(v->deps[0].kind, SK_OBJ_VIEW);
	assert_string_equal(v->deps[0].name, "base");

	/* a string is not a name */
	v = sk_model_find_view(m, NULL, "lonely");
	assert_int_equal(v->ndeps, 0);
}

static void test_introspect_sqlite__broken_view_keeps_going(void **state)
{
	struct fixture *f = *state;
	const struct sk_model *m;

	exec_ok(f, "CREATE TABLE t (a INT); CREATE TABLE gone (b INT);"
	           "CREATE VIEW good AS SELECT a FROM t; CREATE VIEW bad AS SELECT b FROM gone;"
	           "DROP TABLE gone");
	m = introspect(f, false);
	assert_int_equal(m->nviews, 2);
	assert_int_equal(sk_model_find_view(m, NULL, "bad")->ncolumns, 0);
	assert_int_equal(sk_model_find_view(m, NULL, "good")->ncolumns, 1);
	assert_int_equal(table(m, "t")->ncolumns, 1);
}

static void test_introspect_sqlite__triggers(void **state)
{
	struct fixture *f = *state;
	const struct sk_model *m;
	const struct sk_table *t;
	const struct sk_view *v;
	char *sql;

	exec_ok(f, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, qty INT);"
	           "CREATE TABLE log (msg TEXT);"
	           "CREATE VIEW items_v AS SELECT id, name FROM items;"
	           "CREATE TRIGGER items_ai AFTER INSERT ON ITEMS BEGIN"
	           " INSERT INTO log VALUES (CASE WHEN new.qty > 1 THEN 'many;' ELSE 'one' END);"
	           " INSERT INTO log VALUES ('x'); END;"
	           "CREATE TRIGGER a_first BEFORE DELETE ON items BEGIN SELECT 1; END;"
	           "CREATE TRIGGER items_v_ins INSTEAD OF INSERT ON items_v BEGIN"
	           " INSERT INTO items (name) VALUES (new.name); END");
	m = introspect(f, false);
	t = table(m, "items");
	assert_int_equal(t->ntriggers, 2);
	assert_string_equal(t->triggers[0].name, "a_first");
	assert_string_equal(t->triggers[1].name, "items_ai");
	sql = stored_sql(f, "items_ai");
	assert_string_equal(t->triggers[1].definition, sql);
	free(sql);
	assert_int_equal(table(m, "log")->ntriggers, 0);
	v = sk_model_find_view(m, NULL, "items_v");
	assert_int_equal(v->ntriggers, 1);
	assert_string_equal(v->triggers[0].name, "items_v_ins");
}

static void test_introspect_sqlite__quoted_names(void **state)
{
	struct fixture *f = *state;
	const struct sk_model *m;
	const struct sk_table *t;
	const struct sk_constraint *c;

	exec_ok(f, "CREATE TABLE [group] ([key] TEXT PRIMARY KEY, \"we\"\"ird\" INT UNIQUE,"
	           " `back``tick` INT AS (\"we\"\"ird\" + 1) STORED, 'single' TEXT COLLATE \"NOCASE\","
	           " CONSTRAINT \"the \"\"check\"\"\" CHECK (\"we\"\"ird\" > 0)) WITHOUT ROWID;"
	           "CREATE TABLE \"order\" (\"select\" TEXT REFERENCES [group] ([KEY]))");
	m = introspect(f, false);
	t = table(m, "group");
	assert_string_equal(t->columns[0].name, "key");
	assert_string_equal(t->columns[1].name, "we\"ird");
	assert_string_equal(t->columns[2].name, "back`tick");
	assert_string_equal(t->columns[2].generated_expr, "\"we\"\"ird\" + 1");
	assert_string_equal(t->columns[3].name, "single");
	assert_string_equal(t->columns[3].collation, "NOCASE");
	assert_string_equal(constraint(t, SK_CON_UNIQUE, "UNIQUE (\"we\"\"ird\")")->columns[0], "we\"ird");
	assert_string_equal(constraint(t, SK_CON_CHECK, "CHECK (\"we\"\"ird\" > 0)")->name, "the \"check\"");
	assert_true(t->without_rowid);
	c = constraint(table(m, "order"), SK_CON_FOREIGN,
	               "FOREIGN KEY (\"select\") REFERENCES \"group\"(\"key\")");
	assert_string_equal(c->ref_table, "group");
	assert_string_equal(c->ref_columns[0], "key");
}

static void test_introspect_sqlite__skips_internal_shadow_and_history(void **state)
{
	struct fixture *f = *state;
	const struct sk_model *m;

	exec_ok(f, "CREATE TABLE docs (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT);"
	           "CREATE VIRTUAL TABLE docs_fts USING fts5(body, content='docs', content_rowid='id');"
	           "CREATE TABLE schemake_migrations (version TEXT PRIMARY KEY);"
	           "CREATE TRIGGER history_trg AFTER INSERT ON schemake_migrations BEGIN SELECT 1; END;"
	           "CREATE INDEX history_idx ON schemake_migrations (version DESC);"
	           "INSERT INTO docs (body) VALUES ('x'); ANALYZE");
	m = introspect(f, false);
	/* docs and the virtual table; no sqlite_sequence, sqlite_stat1, shadow
	 * tables or history table */
	assert_int_equal(m->ntables, 2);
	assert_non_null(sk_model_find_table(m, NULL, "docs"));
	assert_true(strncmp(table(m, "docs_fts")->sql, "CREATE VIRTUAL TABLE", 20) == 0);
	assert_int_equal(table(m, "docs_fts")->ncolumns, 1); /* hidden columns left out */
	assert_string_equal(table(m, "docs_fts")->columns[0].name, "body");

	m = introspect(f, true);
	assert_int_equal(m->ntables, 3);
	assert_int_equal(table(m, "schemake_migrations")->ntriggers, 1);
	assert_int_equal(table(m, "schemake_migrations")->nindexes, 1);
}

static int count_statement(unsigned type, void *ctx, void *p, void *x)
{
	(void)type;
	(void)p;
	/* the statements PRAGMA functions run inside ours start with "--" */
	if (strncmp(x, "--", 2) != 0)
		(*(int *)ctx)++;
	return 0;
}

/* Statements run by one introspection of a schema with n tables (each with
 * columns, a foreign key, an index, a trigger and a view). */
static int statements_for(struct fixture *f, int n, size_t *sent)
{
	struct sk_buf sql = SK_BUF_INIT;
	int count = 0;
	size_t before;

	exec_ok(f, "CREATE TABLE base (id INTEGER PRIMARY KEY)");
	for (int i = 0; i < n; i++) {
		sk_buf_reset(&sql);
		sk_buf_addf(&sql,
		            "CREATE TABLE t%d (id INTEGER PRIMARY KEY, b INT REFERENCES base, c TEXT UNIQUE,"
		            " CHECK (b > 0));"
		            "CREATE INDEX t%d_c ON t%d (lower(c)) WHERE c IS NOT NULL;"
		            "CREATE VIEW v%d AS SELECT * FROM t%d;"
		            "CREATE TRIGGER t%d_trg AFTER INSERT ON t%d BEGIN SELECT 1; END",
		            i, i, i, i, i, i, i);
		exec_ok(f, sql.buf);
	}
	sk_buf_release(&sql);
	before = sk_db_statement_count(f->db);
	sqlite3_trace_v2(sk_db_native(f->db), SQLITE_TRACE_STMT, count_statement, &count);
	introspect(f, false);
	sqlite3_trace_v2(sk_db_native(f->db), 0, NULL, NULL);
	*sent = sk_db_statement_count(f->db) - before;
	assert_int_equal(f->m->ntables, (size_t)n + 1);
	assert_int_equal(f->m->nviews, (size_t)n);
	return count;
}

static void test_introspect_sqlite__fixed_number_of_statements(void **state)
{
	struct fixture *f = *state;
	size_t few_sent, many_sent;
	int few = statements_for(f, 3, &few_sent), many;

	/* a fresh database with 100 tables */
	teardown(state);
	setup(state);
	f = *state;
	many = statements_for(f, 100, &many_sent);
	/* what the driver counts, and what SQLite saw start */
	assert_true(few_sent > 0);
	assert_int_equal(few_sent, many_sent);
	assert_int_equal(few, (int)few_sent);
	assert_int_equal(few, many);
}

static void test_introspect_sqlite__emit_order_and_format(void **state)
{
	struct fixture *f = *state;
	struct sk_buf out = SK_BUF_INIT;
	const char *expect =
	        "CREATE TABLE a (x INT);\n"
	        "\n"
	        "CREATE TABLE b (id INTEGER PRIMARY KEY, a_x INT REFERENCES a (x))\n"
	        "  WITHOUT ROWID;\n"
	        "\n"
	        "CREATE INDEX a_x ON a (x);\n"
	        "\n"
	        "CREATE INDEX b_ax ON b (a_x);\n"
	        "\n"
	        "CREATE VIEW y AS SELECT 1 AS one;\n"
	        "\n"
	        "CREATE VIEW z AS SELECT x FROM a;\n"
	        "\n"
	        "CREATE VIEW m AS SELECT x FROM z;\n"
	        "\n"
	        "CREATE VIEW c AS SELECT x FROM m JOIN z USING (x);\n"
	        "\n"
	        "CREATE TRIGGER a_trg AFTER INSERT ON a BEGIN SELECT CASE WHEN 1 THEN 'a;' END; END;\n"
	        "\n"
	        "CREATE TRIGGER m_trg INSTEAD OF DELETE ON m BEGIN DELETE FROM a; END;\n";

	/* created in another order than the dump's */
	exec_ok(f, "CREATE VIEW y AS SELECT 1 AS one;"
	           "CREATE TABLE b (id INTEGER PRIMARY KEY, a_x INT REFERENCES a (x))\n  WITHOUT ROWID;"
	           "CREATE INDEX b_ax ON b (a_x);"
	           "CREATE VIEW c AS SELECT x FROM m JOIN z USING (x);"
	           "CREATE VIEW m AS SELECT x FROM z;"
	           "CREATE TRIGGER IF NOT EXISTS m_trg INSTEAD OF DELETE ON m BEGIN DELETE FROM a; END;"
	           "CREATE VIEW z AS SELECT x FROM a;"
	           "CREATE TABLE a (x INT);"
	           "CREATE TRIGGER a_trg AFTER INSERT ON a BEGIN SELECT CASE WHEN 1 THEN 'a;' END; END;"
	           "create index a_x ON a (x)");
	sk_emit_sql_sqlite(&out, introspect(f, false));
	assert_string_equal(out.buf, expect);
	sk_buf_release(&out);

	/* an empty database dumps to nothing */
	exec_ok(f,
	        "DROP TRIGGER a_trg; DROP TRIGGER m_trg; DROP VIEW c; DROP VIEW m; DROP VIEW z; DROP VIEW y;"
	        " DROP TABLE b; DROP TABLE a");
	sk_emit_sql_sqlite(&out, introspect(f, false));
	assert_string_equal(out.buf, "");
	sk_buf_release(&out);
}

static void test_introspect_sqlite__emit_breaks_view_cycles_by_name(void **state)
{
	struct fixture *f = *state;
	struct sk_model *m = sk_model_new(SK_DIALECT_SQLITE);
	struct sk_ref dep_a = {SK_OBJ_VIEW, "main", "a"}, dep_b = {SK_OBJ_VIEW, "main", "b"};
	struct sk_view views[3] = {{0}};
	struct sk_buf out = SK_BUF_INIT;

	(void)f;
	views[0] = (struct sk_view){
	        .schema = "main", .name = "a", .definition = "CREATE VIEW a AS SELECT * FROM b"};
	views[0].deps = &dep_b;
	views[0].ndeps = 1;
	views[1] = (struct sk_view){
	        .schema = "main", .name = "b", .definition = "CREATE VIEW b AS SELECT * FROM a"};
	views[1].deps = &dep_a;
	views[1].ndeps = 1;
	views[2] = (struct sk_view){
	        .schema = "main", .name = "c", .definition = "CREATE VIEW c AS SELECT * FROM a"};
	views[2].deps = &dep_a;
	views[2].ndeps = 1;
	m->views = views;
	m->nviews = 3;
	sk_emit_sql_sqlite(&out, m);
	assert_string_equal(out.buf, "CREATE VIEW a AS SELECT * FROM b;\n\n"
	                             "CREATE VIEW b AS SELECT * FROM a;\n\n"
	                             "CREATE VIEW c AS SELECT * FROM a;\n");
	sk_buf_release(&out);
	m->views = NULL;
	m->nviews = 0;
	sk_model_free(m);
}

#define T(name) cmocka_unit_test_setup_teardown(test_introspect_sqlite__##name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	        T(columns),
	        T(primary_key_order),
	        T(table_flags),
	        T(generated_columns),
	        T(foreign_keys),
	        T(unique_and_check),
	        T(indexes),
	        T(views),
	        T(broken_view_keeps_going),
	        T(triggers),
	        T(quoted_names),
	        T(skips_internal_shadow_and_history),
	        T(fixed_number_of_statements),
	        T(emit_order_and_format),
	        T(emit_breaks_view_cycles_by_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
