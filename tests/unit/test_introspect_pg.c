/*
 * Unit tests of the PostgreSQL introspection (introspect/pg.c) against the
 * throwaway server of the "pg" ctest fixture: the parts of the model that
 * the SQL dump does not show (structured constraint and index fields,
 * codegen type references, deps), the options, and what it leaves of the
 * caller's session. Without SK_TEST_PG_ENV the tests are skipped.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/buf.h"
#include "common/error.h"
#include "config/url.h"
#include "db/db.h"
#include "introspect/introspect.h"
#include "model/model.h"

#include "pg_fixture.h"

#include "common/banned.h"

#define TEST_DB "sk_test_introspect_pg"

static char *query_one(struct sk_db *db, const char *sql)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_rows r = SK_ROWS_INIT;
	char *v;

	if (sk_db_query(db, &r, sql, 0, NULL, &err))
		fail_msg("%s: %s", sql, err.message);
	assert_int_equal(r.nrows, 1);
	v = sk_xstrdup(sk_rows_get(&r, 0, 0) ? sk_rows_get(&r, 0, 0) : "(null)");
	sk_rows_release(&r);
	return v;
}

/* A fresh test database; NULL (and the test skipped) without a fixture. */
static struct sk_db *fresh_db(void)
{
	struct sk_db *admin;

	if (!pg_fixture_read())
		return NULL;
	admin = pg_fixture_connect(NULL);
	pg_fixture_exec_ok(admin, "DROP DATABASE IF EXISTS " TEST_DB " WITH (FORCE)");
	pg_fixture_exec_ok(admin, "CREATE DATABASE " TEST_DB);
	sk_db_free(admin);
	return pg_fixture_connect(TEST_DB);
}

static const char schema_sql[] =
        "CREATE SCHEMA app;\n"
        "COMMENT ON SCHEMA app IS 'app schema';\n"
        "CREATE EXTENSION citext;\n"
        "CREATE TYPE app.mood AS ENUM ('sad', 'happy');\n"
        "CREATE DOMAIN app.pos AS integer CHECK (VALUE > 0);\n"
        "CREATE DOMAIN app.small AS app.pos CHECK (VALUE < 10);\n"
        "CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql RETURN 1;\n"
        "CREATE SEQUENCE app.s;\n"
        "CREATE TABLE app.parent (\n"
        "    id integer GENERATED ALWAYS AS IDENTITY (START WITH 7) PRIMARY KEY,\n"
        "    code text NOT NULL,\n"
        "    region text,\n"
        "    UNIQUE NULLS NOT DISTINCT (code, region)\n"
        ");\n"
        "CREATE TABLE app.child (\n"
        "    id integer DEFAULT nextval('app.s'),\n"
        "    parent_id integer,\n"
        "    moods app.mood[],\n"
        "    size app.small,\n"
        "    mail citext,\n"
        "    n integer DEFAULT app.f(),\n"
        "    twice integer GENERATED ALWAYS AS (n * 2) STORED,\n"
        "    label text COLLATE \"C\"\n"
        ");\n"
        "ALTER TABLE app.child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES app.parent "
        "(id)\n"
        "    MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED NOT VALID;\n"
        "ALTER SEQUENCE app.s OWNED BY app.child.id;\n"
        "CREATE INDEX child_expr ON app.child (parent_id, lower(label)) WHERE n > 0;\n"
        "CREATE INDEX child_gin ON app.child USING gin (moods);\n"
        "COMMENT ON INDEX app.child_expr IS 'expr';\n"
        "COMMENT ON COLUMN app.child.n IS 'a number';\n"
        "COMMENT ON CONSTRAINT child_parent_fk ON app.child IS 'to parent';\n"
        "CREATE VIEW app.v AS SELECT c.id, app.f() AS one FROM app.child c;\n"
        "CREATE TABLE app.p (k integer NOT NULL) PARTITION BY LIST (k);\n"
        "CREATE TABLE app.p1 PARTITION OF app.p FOR VALUES IN (1);\n"
        "CREATE TABLE schemake_migrations (version text PRIMARY KEY);\n";

static bool has_ref(const struct sk_ref *deps, size_t n, enum sk_obj_kind kind, const char *schema,
                    const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (deps[i].kind == kind && !strcmp(deps[i].schema, schema) && !strcmp(deps[i].name, name))
			return true;
	return false;
}

static const struct sk_index *find_index(const struct sk_table *t, const char *name)
{
	for (size_t i = 0; i < t->nindexes; i++)
		if (!strcmp(t->indexes[i].name, name))
			return &t->indexes[i];
	return NULL;
}

static void test_introspect_pg__model(void **state)
{
	struct sk_db *db = fresh_db();
	struct sk_error err = SK_ERROR_INIT;
	struct sk_model *m = NULL;
	const struct sk_table *parent, *child, *p1;
	const struct sk_column *c;
	const struct sk_constraint *fk = NULL, *uq = NULL;
	const struct sk_index *ix;
	const struct sk_view *v;
	const struct sk_type *small;

	(void)state;
	if (!db)
		skip();
	pg_fixture_exec_ok(db, schema_sql);
	if (sk_introspect(&m, db, NULL, &err))
		fail_msg("introspect: %s", err.message);

	assert_int_equal(m->dialect, SK_DIALECT_POSTGRES);
	assert_null(sk_model_find_table(m, "public", "schemake_migrations"));
	/* the extension, not its type or functions */
	assert_int_equal(m->nextensions, 1);
	assert_string_equal(m->extensions[0].name, "citext");
	assert_null(sk_model_find_type(m, "public", "citext"));
	for (size_t i = 0; i < m->nfunctions; i++)
		assert_string_equal(m->functions[i].schema, "app");
	assert_int_equal(m->nnamespaces, 2);
	assert_string_equal(m->namespaces[0].name, "app");
	assert_string_equal(m->namespaces[0].comment, "app schema");
	assert_string_equal(m->namespaces[1].name, "public");

	parent = sk_model_find_table(m, "app", "parent");
	child = sk_model_find_table(m, "app", "child");
	assert_non_null(parent);
	assert_non_null(child);

	/* identity with its sequence, not among the sequences */
	c = sk_table_find_column(parent, "id");
	assert_int_equal(c->identity, SK_IDENTITY_ALWAYS);
	assert_non_null(c->identity_seq);
	assert_string_equal(c->identity_seq->name, "parent_id_seq");
	assert_int_equal(c->identity_seq->start, 7);
	assert_int_equal(m->nsequences, 1);
	assert_string_equal(m->sequences[0].name, "s");
	assert_string_equal(m->sequences[0].owned_by_table, "child");
	assert_string_equal(m->sequences[0].owned_by_column, "id");

	/* columns in order, with what codegen needs */
	assert_int_equal(child->ncolumns, 8);
	assert_string_equal(child->columns[2].name, "moods");
	assert_int_equal(child->columns[2].position, 3);
	assert_string_equal(child->columns[2].type, "app.mood[]");
	assert_true(child->columns[2].is_array);
	assert_string_equal(child->columns[2].type_schema, "app");
	assert_string_equal(child->columns[2].type_name, "mood");
	c = sk_table_find_column(child, "size");
	assert_string_equal(c->type_name, "small");
	assert_false(c->is_array);
	c = sk_table_find_column(child, "mail");
	assert_null(c->type_name);
	c = sk_table_find_column(child, "twice");
	assert_string_equal(c->generated_expr, "(n * 2)");
	assert_null(c->default_expr);
	assert_true(c->generated_stored);
	c = sk_table_find_column(child, "label");
	assert_string_equal(c->collation, "C");
	c = sk_table_find_column(child, "n");
	assert_string_equal(c->default_expr, "app.f()");
	assert_string_equal(c->comment, "a number");
	assert_null(sk_table_find_column(child, "id")->collation);

	/* constraints: structured fields */
	for (size_t i = 0; i < child->nconstraints; i++)
		if (child->constraints[i].kind == SK_CON_FOREIGN)
			fk = &child->constraints[i];
	assert_non_null(fk);
	assert_string_equal(fk->name, "child_parent_fk");
	assert_int_equal(fk->ncolumns, 1);
	assert_string_equal(fk->columns[0], "parent_id");
	assert_string_equal(fk->ref_schema, "app");
	assert_string_equal(fk->ref_table, "parent");
	assert_int_equal(fk->nref_columns, 1);
	assert_string_equal(fk->ref_columns[0], "id");
	assert_int_equal(fk->on_delete, 'c');
	assert_int_equal(fk->on_update, 'n');
	assert_int_equal(fk->match, 'f');
	assert_true(fk->deferrable);
	assert_true(fk->deferred);
	assert_true(fk->not_valid);
	assert_string_equal(fk->comment, "to parent");
	for (size_t i = 0; i < parent->nconstraints; i++)
		if (parent->constraints[i].kind == SK_CON_UNIQUE)
			uq = &parent->constraints[i];
	assert_non_null(uq);
	assert_true(uq->nulls_not_distinct);
	assert_int_equal(uq->ncolumns, 2);
	assert_string_equal(uq->columns[1], "region");
	assert_non_null(sk_table_primary_key(parent));
	/* the indexes behind constraints are not indexes of the model */
	assert_int_equal(parent->nindexes, 0);

	ix = find_index(child, "child_expr");
	assert_non_null(ix);
	assert_string_equal(ix->method, "btree");
	assert_false(ix->unique);
	assert_int_equal(ix->nkeys, 2);
	assert_string_equal(ix->keys[0], "parent_id");
	assert_string_equal(ix->keys[1], "lower(label)");
	assert_string_equal(ix->predicate, "(n > 0)");
	assert_string_equal(ix->comment, "expr");
	assert_string_equal(find_index(child, "child_gin")->method, "gin");

	/* deps */
	assert_true(has_ref(child->deps, child->ndeps, SK_OBJ_TYPE, "app", "mood"));
	assert_true(has_ref(child->deps, child->ndeps, SK_OBJ_TYPE, "app", "small"));
	assert_true(has_ref(child->deps, child->ndeps, SK_OBJ_SEQUENCE, "app", "s"));
	assert_true(has_ref(child->deps, child->ndeps, SK_OBJ_FUNCTION, "app", "f()"));
	assert_false(has_ref(child->deps, child->ndeps, SK_OBJ_TABLE, "app", "parent"));
	v = sk_model_find_view(m, "app", "v");
	assert_non_null(v);
	assert_int_equal(v->ncolumns, 2);
	assert_true(has_ref(v->deps, v->ndeps, SK_OBJ_TABLE, "app", "child"));
	assert_true(has_ref(v->deps, v->ndeps, SK_OBJ_FUNCTION, "app", "f()"));
	small = sk_model_find_type(m, "app", "small");
	assert_int_equal(small->kind, SK_TYPE_DOMAIN);
	assert_string_equal(small->base_type, "app.pos");
	assert_true(has_ref(small->deps, small->ndeps, SK_OBJ_TYPE, "app", "pos"));
	p1 = sk_model_find_table(m, "app", "p1");
	assert_string_equal(p1->parent_name, "p");
	assert_string_equal(p1->partition_bound, "FOR VALUES IN (1)");
	assert_true(has_ref(p1->deps, p1->ndeps, SK_OBJ_TABLE, "app", "p"));
	assert_int_equal(sk_model_find_table(m, "app", "p")->kind, SK_TABLE_PARTITIONED);
	assert_string_equal(sk_model_find_table(m, "app", "p")->partition_key, "LIST (k)");
	sk_model_free(m);
	m = NULL;

	/* include_history */
	{
		struct sk_introspect_opts opts = {true};

		if (sk_introspect(&m, db, &opts, &err))
			fail_msg("introspect: %s", err.message);
		assert_non_null(sk_model_find_table(m, "public", "schemake_migrations"));
	}
	sk_model_free(m);
	sk_db_free(db);
}

static const struct sk_constraint *find_constraint(const struct sk_table *t, const char *name)
{
	for (size_t i = 0; i < t->nconstraints; i++)
		if (!strcmp(t->constraints[i].name, name))
			return &t->constraints[i];
	return NULL;
}

/* Key columns are named from their attribute numbers on the client: gaps
 * left by dropped columns, key order, expressions (attnum 0), INCLUDE
 * columns (not keys), and a foreign key to a table outside the user
 * schemas (whose columns the columns query does not read). */
static void test_introspect_pg__key_names(void **state)
{
	struct sk_db *db = fresh_db();
	struct sk_error err = SK_ERROR_INIT;
	struct sk_model *m = NULL;
	const struct sk_table *k, *sz;
	const struct sk_constraint *con;
	const struct sk_index *ix;

	(void)state;
	if (!db)
		skip();
	pg_fixture_exec_ok(db, "CREATE SCHEMA \"Other\";\n"
	            "CREATE TABLE \"Other\".\"Ref\" (gone integer, \"Key B\" text, \"key a\" integer,\n"
	            "    UNIQUE (\"key a\", \"Key B\"));\n"
	            "ALTER TABLE \"Other\".\"Ref\" DROP COLUMN gone;\n"
	            "CREATE TABLE k (x integer, y text, z int4range, w integer,\n"
	            "    CONSTRAINT k_fk FOREIGN KEY (x, y)\n"
	            "        REFERENCES \"Other\".\"Ref\" (\"key a\", \"Key B\"),\n"
	            "    CONSTRAINT k_expr EXCLUDE USING gist (int4range(x, w) WITH &&),\n"
	            "    CONSTRAINT k_z EXCLUDE USING gist (z WITH &&));\n"
	            "CREATE INDEX k_incl ON k (w, x) INCLUDE (y);\n"
	            "ALTER TABLE information_schema.sql_sizing ADD UNIQUE (sizing_id);\n"
	            "CREATE TABLE sz (sid integer CONSTRAINT sz_fk REFERENCES information_schema.sql_sizing "
	            "(sizing_id))");
	if (sk_introspect(&m, db, NULL, &err))
		fail_msg("introspect: %s", err.message);
	k = sk_model_find_table(m, "public", "k");
	assert_non_null(k);

	con = find_constraint(k, "k_fk");
	assert_non_null(con);
	assert_int_equal(con->ncolumns, 2);
	assert_string_equal(con->columns[0], "x");
	assert_string_equal(con->columns[1], "y");
	assert_string_equal(con->ref_schema, "Other");
	assert_string_equal(con->ref_table, "Ref");
	assert_int_equal(con->nref_columns, 2);
	assert_string_equal(con->ref_columns[0], "key a");
	assert_string_equal(con->ref_columns[1], "Key B");

	con = find_constraint(k, "k_expr");
	assert_non_null(con);
	assert_int_equal(con->ncolumns, 0);
	con = find_constraint(k, "k_z");
	assert_non_null(con);
	assert_int_equal(con->ncolumns, 1);
	assert_string_equal(con->columns[0], "z");

	ix = find_index(k, "k_incl");
	assert_non_null(ix);
	assert_int_equal(ix->nkeys, 2);
	assert_string_equal(ix->keys[0], "w");
	assert_string_equal(ix->keys[1], "x");

	sz = sk_model_find_table(m, "public", "sz");
	assert_non_null(sz);
	con = find_constraint(sz, "sz_fk");
	assert_non_null(con);
	assert_string_equal(con->ref_schema, "information_schema");
	assert_int_equal(con->nref_columns, 1);
	assert_string_equal(con->ref_columns[0], "sizing_id");
	sk_model_free(m);
	sk_db_free(db);
}

/* Settings and transactions of the caller are left as they were. */
static void test_introspect_pg__session_untouched(void **state)
{
	struct sk_db *db = fresh_db();
	struct sk_error err = SK_ERROR_INIT;
	struct sk_model *m = NULL;
	char *v;

	(void)state;
	if (!db)
		skip();
	pg_fixture_exec_ok(db, "CREATE TABLE t (a integer); SET search_path = pg_catalog, public; SET datestyle = 'SQL, "
	            "DMY'");
	if (sk_introspect(&m, db, NULL, &err))
		fail_msg("introspect: %s", err.message);
	assert_false(sk_db_in_transaction(db));
	v = query_one(db, "SELECT current_setting('search_path') || ' ' || current_setting('datestyle')");
	assert_string_equal(v, "pg_catalog, public SQL, DMY");
	free(v);
	/* names come qualified whatever the caller's search_path */
	assert_non_null(sk_model_find_table(m, "public", "t"));
	sk_model_free(m);

	/* inside the caller's transaction: it stays open and usable */
	if (sk_db_begin(db, &err))
		fail_msg("begin: %s", err.message);
	pg_fixture_exec_ok(db, "SET LOCAL search_path = public; CREATE TABLE u (b integer)");
	if (sk_introspect(&m, db, NULL, &err))
		fail_msg("introspect in a transaction: %s", err.message);
	assert_true(sk_db_in_transaction(db));
	assert_non_null(sk_model_find_table(m, "public", "u"));
	v = query_one(db, "SELECT current_setting('search_path')");
	assert_string_equal(v, "public");
	free(v);
	pg_fixture_exec_ok(db, "INSERT INTO u VALUES (1)");
	if (sk_db_commit(db, &err))
		fail_msg("commit: %s", err.message);
	sk_model_free(m);
	m = NULL;

	/* a failed transaction: an error, no model */
	if (sk_db_begin(db, &err))
		fail_msg("begin: %s", err.message);
	assert_int_not_equal(sk_db_exec(db, "SELECT 1/0", &err), 0);
	sk_error_init(&err);
	assert_int_not_equal(sk_introspect(&m, db, NULL, &err), 0);
	assert_null(m);
	assert_non_null(strstr(err.message, TEST_DB));
	sk_db_rollback(db);
	sk_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_introspect_pg__model),
	        cmocka_unit_test(test_introspect_pg__key_names),
	        cmocka_unit_test(test_introspect_pg__session_untouched),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
