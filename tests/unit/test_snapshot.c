/* Unit tests of the JSON snapshot: exact round trips of hand-built models of
 * both dialects (every struct and field), the fixed text format, escaping,
 * and the reader's errors on malformed, foreign or hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/snapshot.h"

/* ---- building models ---- */

#define NEW(m, type, n) ((type *)sk_arena_calloc(&(m)->arena, (n), sizeof(type)))

static const char **strs(struct sk_model *m, size_t n, ...)
{
	const char **v = NEW(m, const char *, n);
	va_list ap;

	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		v[i] = sk_arena_strdup(&m->arena, va_arg(ap, const char *));
	va_end(ap);
	return v;
}

static struct sk_ref *refs1(struct sk_model *m, enum sk_obj_kind k, const char *schema, const char *name)
{
	struct sk_ref *r = NEW(m, struct sk_ref, 1);

	r->kind = k;
	r->schema = schema;
	r->name = name;
	return r;
}

/* A PostgreSQL model in which every field of every struct is set somewhere
 * to something other than its zero value, and every enumerated value
 * appears. */
static struct sk_model *pg_model(void)
{
	struct sk_model *m = sk_model_new(SK_DIALECT_POSTGRES);
	struct sk_type *ty;
	struct sk_table *t;
	struct sk_column *c;
	struct sk_constraint *k;
	struct sk_view *v;
	struct sk_function *f;
	struct sk_sequence *s;

	m->nextensions = 2;
	m->extensions = NEW(m, struct sk_extension, 2);
	m->extensions[0] = (struct sk_extension){"citext", "public", NULL};
	m->extensions[1] = (struct sk_extension){"pgcrypto", "ext", "cryptographic functions"};

	m->nnamespaces = 3;
	m->namespaces = NEW(m, struct sk_namespace, 3);
	m->namespaces[0] = (struct sk_namespace){"app", ""};
	m->namespaces[1] = (struct sk_namespace){"ext", NULL};
	m->namespaces[2] = (struct sk_namespace){"public", "standard public schema"};

	m->ntypes = 4;
	m->types = ty = NEW(m, struct sk_type, 4);
	ty[0].schema = "app";
	ty[0].name = "address";
	ty[0].kind = SK_TYPE_COMPOSITE;
	ty[0].nattrs = 2;
	ty[0].attrs = NEW(m, struct sk_attribute, 2);
	ty[0].attrs[0] = (struct sk_attribute){"street", "text", "C"};
	ty[0].attrs[1] = (struct sk_attribute){"zip", "app.positive", NULL};
	ty[0].comment = "postal address";
	ty[0].ndeps = 1;
	ty[0].deps = refs1(m, SK_OBJ_TYPE, "app", "positive");
	ty[1].schema = "app";
	ty[1].name = "mood";
	ty[1].kind = SK_TYPE_ENUM;
	ty[1].nlabels = 3;
	ty[1].labels = strs(m, 3, "sad", "ok", "happy \"yay\"");
	ty[2].schema = "app";
	ty[2].name = "positive";
	ty[2].kind = SK_TYPE_DOMAIN;
	ty[2].base_type = "integer";
	ty[2].not_null = true;
	ty[2].default_expr = "1";
	ty[2].collation = "\"default\"";
	ty[2].nchecks = 2;
	ty[2].checks = NEW(m, struct sk_check, 2);
	ty[2].checks[0] = (struct sk_check){"positive_check", "CHECK ((VALUE > 0))"};
	ty[2].checks[1] = (struct sk_check){"small", "CHECK ((VALUE < 1000000))"};
	ty[3].schema = "app";
	ty[3].name = "span";
	ty[3].kind = SK_TYPE_RANGE;
	ty[3].range_body = "SUBTYPE = integer, SUBTYPE_OPCLASS = int4_ops";
	ty[3].comment = "";
	ty[3].ndeps = 1;
	ty[3].deps = refs1(m, SK_OBJ_EXTENSION, NULL, "citext");

	m->nsequences = 2;
	m->sequences = s = NEW(m, struct sk_sequence, 2);
	s[0] = (struct sk_sequence){"app", "counter", "smallint", -5,   -1,   -32768,       -1,
	                            1,     true,      NULL,       NULL, NULL, "counts down"};
	s[1] = (struct sk_sequence){
	        "app",   "items_legacy_id_seq", "bigint", 1, 1, 1, LLONG_MAX, 20, false, "app",
	        "items", "legacy_id",           NULL};

	m->nfunctions = 2;
	m->functions = f = NEW(m, struct sk_function, 2);
	f[0] = (struct sk_function){
	        "app",
	        "add_one",
	        "integer",
	        'f',
	        "CREATE OR REPLACE FUNCTION app.add_one(integer)\n RETURNS integer\n LANGUAGE sql\n"
	        "AS $function$ SELECT $1 + 1 $function$\n",
	        "sql",
	        "adds one",
	        NULL,
	        0};
	f[1] = (struct sk_function){
	        "app",
	        "touch",
	        "",
	        'p',
	        "CREATE OR REPLACE PROCEDURE app.touch()\n LANGUAGE plpgsql\nAS $procedure$\n"
	        "BEGIN\n\tUPDATE app.items SET n = n + 1;\nEND\n$procedure$\n",
	        "plpgsql",
	        NULL,
	        refs1(m, SK_OBJ_TABLE, "app", "items"),
	        1};

	m->ntables = 3;
	m->tables = t = NEW(m, struct sk_table, 3);
	/* app.events: partitioned, unlogged-free, with options */
	t[0].schema = "app";
	t[0].name = "events";
	t[0].kind = SK_TABLE_PARTITIONED;
	t[0].partition_key = "RANGE (created_at)";
	t[0].options = "fillfactor=70, autovacuum_enabled=false";
	t[0].ncolumns = 1;
	t[0].columns = NEW(m, struct sk_column, 1);
	t[0].columns[0] = (struct sk_column){.name = "created_at",
	                                     .position = 1,
	                                     .type = "timestamp with time zone",
	                                     .not_null = true,
	                                     .default_expr = "now()"};
	/* app.events_2024: a partition, unlogged */
	t[1].schema = "app";
	t[1].name = "events_2024";
	t[1].unlogged = true;
	t[1].parent_schema = "app";
	t[1].parent_name = "events";
	t[1].partition_bound = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')";
	t[1].ndeps = 1;
	t[1].deps = refs1(m, SK_OBJ_TABLE, "app", "events");
	/* app.items: every column feature, every constraint kind */
	t[2].schema = "app";
	t[2].name = "items";
	t[2].comment = "the items";
	t[2].ncolumns = 5;
	t[2].columns = c = NEW(m, struct sk_column, 5);
	s = NEW(m, struct sk_sequence, 1);
	*s = (struct sk_sequence){
	        "app", "items_id_seq", "integer",          100, 2, 1, 2147483647, 5, true, NULL,
	        NULL,  NULL,           "identity sequence"};
	c[0] = (struct sk_column){.name = "id",
	                          .position = 1,
	                          .type = "integer",
	                          .not_null = true,
	                          .identity = SK_IDENTITY_ALWAYS,
	                          .identity_seq = s,
	                          .comment = "the key"};
	s = NEW(m, struct sk_sequence, 1);
	*s = (struct sk_sequence){
	        "app", "items_legacy_id_seq2", "bigint", 1, 1, 1, LLONG_MAX, 1, false, NULL, NULL, NULL,
	        NULL};
	c[1] = (struct sk_column){.name = "legacy_id",
	                          .position = 2,
	                          .type = "bigint",
	                          .identity = SK_IDENTITY_BY_DEFAULT,
	                          .identity_seq = s};
	c[2] = (struct sk_column){.name = "label",
	                          .position = 3,
	                          .type = "text",
	                          .default_expr = "''::text",
	                          .collation = "C",
	                          .comment = ""};
	c[3] = (struct sk_column){.name = "label_upper",
	                          .position = 4,
	                          .type = "text",
	                          .generated_expr = "upper(label)",
	                          .generated_stored = true};
	c[4] = (struct sk_column){.name = "moods",
	                          .position = 6,
	                          .type = "app.mood[]",
	                          .type_schema = "app",
	                          .type_name = "mood",
	                          .is_array = true};
	t[2].nconstraints = 5;
	t[2].constraints = k = NEW(m, struct sk_constraint, 5);
	k[0] = (struct sk_constraint){.name = "items_label_check",
	                              .kind = SK_CON_CHECK,
	                              .definition = "CHECK ((label <> 'x'::text)) NOT VALID",
	                              .not_valid = true,
	                              .comment = "no x"};
	k[1] = (struct sk_constraint){.name = "items_label_key",
	                              .kind = SK_CON_UNIQUE,
	                              .definition = "UNIQUE NULLS NOT DISTINCT (label)",
	                              .columns = strs(m, 1, "label"),
	                              .ncolumns = 1,
	                              .nulls_not_distinct = true};
	k[2] = (struct sk_constraint){
	        .name = "items_legacy_fkey",
	        .kind = SK_CON_FOREIGN,
	        .definition = "FOREIGN KEY (legacy_id, id) REFERENCES app.items(id, legacy_id) "
	                      "MATCH FULL ON UPDATE SET NULL ON DELETE CASCADE DEFERRABLE "
	                      "INITIALLY DEFERRED",
	        .columns = strs(m, 2, "legacy_id", "id"),
	        .ncolumns = 2,
	        .ref_schema = "app",
	        .ref_table = "items",
	        .ref_columns = strs(m, 2, "id", "legacy_id"),
	        .nref_columns = 2,
	        .on_delete = 'c',
	        .on_update = 'n',
	        .match = 'f',
	        .deferrable = true,
	        .deferred = true};
	k[3] = (struct sk_constraint){.name = "items_pkey",
	                              .kind = SK_CON_PRIMARY,
	                              .definition = "PRIMARY KEY (id)",
	                              .columns = strs(m, 1, "id"),
	                              .ncolumns = 1};
	k[4] = (struct sk_constraint){.name = "no_overlap",
	                              .kind = SK_CON_EXCLUDE,
	                              .definition = "EXCLUDE USING gist (id WITH =)",
	                              .columns = strs(m, 1, "id"),
	                              .ncolumns = 1};
	t[2].nindexes = 2;
	t[2].indexes = NEW(m, struct sk_index, 2);
	t[2].indexes[0] =
	        (struct sk_index){"items_label_idx",
	                          "CREATE INDEX items_label_idx ON app.items USING btree (lower(label)) "
	                          "WHERE (id > 0)",
	                          false,
	                          "btree",
	                          strs(m, 1, "lower(label)"),
	                          1,
	                          "(id > 0)",
	                          "lower-case lookups"};
	t[2].indexes[1] =
	        (struct sk_index){"items_moods_idx",
	                          "CREATE UNIQUE INDEX items_moods_idx ON app.items USING gin (moods)",
	                          true,
	                          "gin",
	                          strs(m, 2, "moods", "id"),
	                          2,
	                          NULL,
	                          NULL};
	t[2].ntriggers = 1;
	t[2].triggers = NEW(m, struct sk_trigger, 1);
	t[2].triggers[0] = (struct sk_trigger){
	        "items_touch",
	        "CREATE TRIGGER items_touch AFTER UPDATE ON app.items FOR EACH ROW EXECUTE FUNCTION app.f()",
	        "touches"};
	t[2].ndeps = 2;
	t[2].deps = NEW(m, struct sk_ref, 2);
	t[2].deps[0] = (struct sk_ref){SK_OBJ_SCHEMA, NULL, "app"};
	t[2].deps[1] = (struct sk_ref){SK_OBJ_SEQUENCE, "app", "counter"};

	m->nviews = 2;
	m->views = v = NEW(m, struct sk_view, 2);
	v[0].schema = "app";
	v[0].name = "item_labels";
	v[0].materialized = true;
	v[0].definition = " SELECT id,\n    label\n   FROM app.items;";
	v[0].ncolumns = 2;
	v[0].columns = NEW(m, struct sk_column, 2);
	v[0].columns[0] =
	        (struct sk_column){.name = "id", .position = 1, .type = "integer", .comment = "copied"};
	v[0].columns[1] = (struct sk_column){.name = "label", .position = 2, .type = "text"};
	v[0].nindexes = 1;
	v[0].indexes = NEW(m, struct sk_index, 1);
	v[0].indexes[0] =
	        (struct sk_index){"item_labels_id",
	                          "CREATE UNIQUE INDEX item_labels_id ON app.item_labels USING btree (id)",
	                          true,
	                          "btree",
	                          strs(m, 1, "id"),
	                          1,
	                          NULL,
	                          ""};
	v[0].comment = "labels";
	v[0].ndeps = 1;
	v[0].deps = refs1(m, SK_OBJ_TABLE, "app", "items");
	v[1].schema = "public";
	v[1].name = "v";
	v[1].definition = " SELECT 1 AS one;";
	v[1].options = "security_barrier=true";
	v[1].ntriggers = 1;
	v[1].triggers = NEW(m, struct sk_trigger, 1);
	v[1].triggers[0] = (struct sk_trigger){
	        "v_ins",
	        "CREATE TRIGGER v_ins INSTEAD OF INSERT ON public.v FOR EACH ROW EXECUTE FUNCTION app.f()",
	        NULL};
	v[1].ndeps = 1;
	v[1].deps = refs1(m, SK_OBJ_FUNCTION, "app", "add_one(integer)");
	return m;
}

/* A SQLite model: the sql texts and the SQLite flags, unnamed constraints,
 * FK actions and matches the pg model does not use. */
static struct sk_model *sqlite_model(void)
{
	struct sk_model *m = sk_model_new(SK_DIALECT_SQLITE);
	struct sk_table *t;
	struct sk_constraint *k;

	m->nnamespaces = 1;
	m->namespaces = NEW(m, struct sk_namespace, 1);
	m->namespaces[0] = (struct sk_namespace){"main", NULL};
	m->ntables = 2;
	m->tables = t = NEW(m, struct sk_table, 2);
	t[0].schema = "main";
	t[0].name = "kv";
	t[0].without_rowid = true;
	t[0].strict = true;
	t[0].sql = "CREATE TABLE kv (k TEXT PRIMARY KEY, v ANY) WITHOUT ROWID, STRICT";
	t[0].ncolumns = 2;
	t[0].columns = NEW(m, struct sk_column, 2);
	t[0].columns[0] = (struct sk_column){.name = "k", .position = 1, .type = "TEXT", .not_null = true};
	t[0].columns[1] = (struct sk_column){.name = "v", .position = 2, .type = "ANY"};
	t[0].nconstraints = 1;
	t[0].constraints = NEW(m, struct sk_constraint, 1);
	t[0].constraints[0] = (struct sk_constraint){.name = "",
	                                             .kind = SK_CON_PRIMARY,
	                                             .definition = "PRIMARY KEY (k)",
	                                             .columns = strs(m, 1, "k"),
	                                             .ncolumns = 1};
	t[1].schema = "main";
	t[1].name = "log";
	t[1].autoincrement = true;
	t[1].sql =
	        "CREATE TABLE log (id INTEGER PRIMARY KEY AUTOINCREMENT, kv TEXT REFERENCES kv ON DELETE SET "
	        "DEFAULT ON UPDATE RESTRICT, n, t AS (n * 2) VIRTUAL, CHECK (n > 0))";
	t[1].ncolumns = 4;
	t[1].columns = NEW(m, struct sk_column, 4);
	t[1].columns[0] = (struct sk_column){.name = "id", .position = 1, .type = "INTEGER"};
	t[1].columns[1] =
	        (struct sk_column){.name = "kv", .position = 2, .type = "TEXT", .default_expr = "'x'"};
	t[1].columns[2] = (struct sk_column){.name = "n", .position = 3, .type = ""};
	t[1].columns[3] =
	        (struct sk_column){.name = "t", .position = 4, .type = "", .generated_expr = "n * 2"};
	t[1].nconstraints = 4;
	t[1].constraints = k = NEW(m, struct sk_constraint, 4);
	k[0] = (struct sk_constraint){.name = "", .kind = SK_CON_CHECK, .definition = "CHECK (n > 0)"};
	k[1] = (struct sk_constraint){.name = "",
	                              .kind = SK_CON_FOREIGN,
	                              .definition =
	                                      "FOREIGN KEY (kv) REFERENCES kv (k) ON DELETE SET DEFAULT ON "
	                                      "UPDATE RESTRICT",
	                              .columns = strs(m, 1, "kv"),
	                              .ncolumns = 1,
	                              .ref_schema = "main",
	                              .ref_table = "kv",
	                              .ref_columns = strs(m, 1, "k"),
	                              .nref_columns = 1,
	                              .on_delete = 'd',
	                              .on_update = 'r',
	                              .match = 's'};
	k[2] = (struct sk_constraint){.name = "",
	                              .kind = SK_CON_FOREIGN,
	                              .definition = "FOREIGN KEY (n) REFERENCES log (id) MATCH PARTIAL",
	                              .columns = strs(m, 1, "n"),
	                              .ncolumns = 1,
	                              .ref_schema = "main",
	                              .ref_table = "log",
	                              .ref_columns = strs(m, 1, "id"),
	                              .nref_columns = 1,
	                              .on_delete = 'a',
	                              .on_update = 'a',
	                              .match = 'p'};
	k[3] = (struct sk_constraint){.name = "",
	                              .kind = SK_CON_PRIMARY,
	                              .definition = "PRIMARY KEY (id)",
	                              .columns = strs(m, 1, "id"),
	                              .ncolumns = 1};
	t[1].nindexes = 1;
	t[1].indexes = NEW(m, struct sk_index, 1);
	t[1].indexes[0] = (struct sk_index){
	        "log_n", "CREATE INDEX log_n ON log (n) WHERE n > 1", false, "", strs(m, 1, "n"), 1, "n > 1",
	        NULL};
	t[1].ntriggers = 1;
	t[1].triggers = NEW(m, struct sk_trigger, 1);
	t[1].triggers[0] = (struct sk_trigger){
	        "log_ai", "CREATE TRIGGER log_ai AFTER INSERT ON log BEGIN\n  UPDATE kv SET v = v + 1;\nEND",
	        NULL};
	t[1].ndeps = 1;
	t[1].deps = refs1(m, SK_OBJ_TABLE, "main", "kv");
	m->nviews = 1;
	m->views = NEW(m, struct sk_view, 1);
	m->views[0].schema = "main";
	m->views[0].name = "big";
	m->views[0].definition = "CREATE VIEW big AS SELECT * FROM log WHERE n > 10";
	m->views[0].ncolumns = 1;
	m->views[0].columns = NEW(m, struct sk_column, 1);
	m->views[0].columns[0] = (struct sk_column){.name = "id", .position = 1, .type = "INTEGER"};
	m->views[0].ntriggers = 1;
	m->views[0].triggers = NEW(m, struct sk_trigger, 1);
	m->views[0].triggers[0] = (struct sk_trigger){
	        "big_del", "CREATE TRIGGER big_del INSTEAD OF DELETE ON big BEGIN DELETE FROM log; END",
	        NULL};
	m->views[0].ndeps = 1;
	m->views[0].deps = refs1(m, SK_OBJ_TABLE, "main", "log");
	return m;
}

/* ---- comparing models field by field ---- */

static void eq_str(const char *a, const char *b, const char *what)
{
	if (!a || !b) {
		if (a != b)
			fail_msg("%s: %s vs %s", what, a ? a : "NULL", b ? b : "NULL");
		return;
	}
	if (strcmp(a, b))
		fail_msg("%s: '%s' vs '%s'", what, a, b);
}

static void eq_strs(const char *const *a, size_t na, const char *const *b, size_t nb, const char *what)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		eq_str(a[i], b[i], what);
}

static void eq_refs(const struct sk_ref *a, size_t na, const struct sk_ref *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(a[i].kind, b[i].kind);
		eq_str(a[i].schema, b[i].schema, "ref schema");
		eq_str(a[i].name, b[i].name, "ref name");
	}
}

static void eq_sequence(const struct sk_sequence *a, const struct sk_sequence *b)
{
	if (!a || !b) {
		assert_ptr_equal(a, b);
		return;
	}
	eq_str(a->schema, b->schema, "seq schema");
	eq_str(a->name, b->name, "seq name");
	eq_str(a->data_type, b->data_type, "seq data_type");
	assert_true(a->start == b->start && a->increment == b->increment && a->min_value == b->min_value &&
	            a->max_value == b->max_value && a->cache == b->cache && a->cycle == b->cycle);
	eq_str(a->owned_by_schema, b->owned_by_schema, "owned_by_schema");
	eq_str(a->owned_by_table, b->owned_by_table, "owned_by_table");
	eq_str(a->owned_by_column, b->owned_by_column, "owned_by_column");
	eq_str(a->comment, b->comment, "seq comment");
}

static void eq_columns(const struct sk_column *a, size_t na, const struct sk_column *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		eq_str(a[i].name, b[i].name, "column name");
		assert_int_equal(a[i].position, b[i].position);
		eq_str(a[i].type, b[i].type, "column type");
		assert_int_equal(a[i].not_null, b[i].not_null);
		eq_str(a[i].default_expr, b[i].default_expr, "default_expr");
		assert_int_equal(a[i].identity, b[i].identity);
		eq_sequence(a[i].identity_seq, b[i].identity_seq);
		eq_str(a[i].generated_expr, b[i].generated_expr, "generated_expr");
		assert_int_equal(a[i].generated_stored, b[i].generated_stored);
		eq_str(a[i].collation, b[i].collation, "column collation");
		eq_str(a[i].comment, b[i].comment, "column comment");
		eq_str(a[i].type_schema, b[i].type_schema, "type_schema");
		eq_str(a[i].type_name, b[i].type_name, "type_name");
		assert_int_equal(a[i].is_array, b[i].is_array);
	}
}

static void eq_indexes(const struct sk_index *a, size_t na, const struct sk_index *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		eq_str(a[i].name, b[i].name, "index name");
		eq_str(a[i].definition, b[i].definition, "index definition");
		assert_int_equal(a[i].unique, b[i].unique);
		eq_str(a[i].method, b[i].method, "index method");
		eq_strs(a[i].keys, a[i].nkeys, b[i].keys, b[i].nkeys, "index keys");
		eq_str(a[i].predicate, b[i].predicate, "index predicate");
		eq_str(a[i].comment, b[i].comment, "index comment");
	}
}

static void eq_triggers(const struct sk_trigger *a, size_t na, const struct sk_trigger *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		eq_str(a[i].name, b[i].name, "trigger name");
		eq_str(a[i].definition, b[i].definition, "trigger definition");
		eq_str(a[i].comment, b[i].comment, "trigger comment");
	}
}

static void eq_models(const struct sk_model *a, const struct sk_model *b)
{
	assert_int_equal(a->dialect, b->dialect);
	assert_int_equal(a->nextensions, b->nextensions);
	for (size_t i = 0; i < a->nextensions; i++) {
		eq_str(a->extensions[i].name, b->extensions[i].name, "extension name");
		eq_str(a->extensions[i].schema, b->extensions[i].schema, "extension schema");
		eq_str(a->extensions[i].comment, b->extensions[i].comment, "extension comment");
	}
	assert_int_equal(a->nnamespaces, b->nnamespaces);
	for (size_t i = 0; i < a->nnamespaces; i++) {
		eq_str(a->namespaces[i].name, b->namespaces[i].name, "schema name");
		eq_str(a->namespaces[i].comment, b->namespaces[i].comment, "schema comment");
	}
	assert_int_equal(a->ntypes, b->ntypes);
	for (size_t i = 0; i < a->ntypes; i++) {
		const struct sk_type *x = &a->types[i], *y = &b->types[i];

		eq_str(x->schema, y->schema, "type schema");
		eq_str(x->name, y->name, "type name");
		assert_int_equal(x->kind, y->kind);
		eq_strs(x->labels, x->nlabels, y->labels, y->nlabels, "labels");
		eq_str(x->base_type, y->base_type, "base_type");
		assert_int_equal(x->not_null, y->not_null);
		eq_str(x->default_expr, y->default_expr, "type default");
		eq_str(x->collation, y->collation, "type collation");
		assert_int_equal(x->nchecks, y->nchecks);
		for (size_t j = 0; j < x->nchecks; j++) {
			eq_str(x->checks[j].name, y->checks[j].name, "check name");
			eq_str(x->checks[j].definition, y->checks[j].definition, "check definition");
		}
		assert_int_equal(x->nattrs, y->nattrs);
		for (size_t j = 0; j < x->nattrs; j++) {
			eq_str(x->attrs[j].name, y->attrs[j].name, "attr name");
			eq_str(x->attrs[j].type, y->attrs[j].type, "attr type");
			eq_str(x->attrs[j].collation, y->attrs[j].collation, "attr collation");
		}
		eq_str(x->range_body, y->range_body, "range_body");
		eq_str(x->comment, y->comment, "type comment");
		eq_refs(x->deps, x->ndeps, y->deps, y->ndeps);
	}
	assert_int_equal(a->nsequences, b->nsequences);
	for (size_t i = 0; i < a->nsequences; i++)
		eq_sequence(&a->sequences[i], &b->sequences[i]);
	assert_int_equal(a->nfunctions, b->nfunctions);
	for (size_t i = 0; i < a->nfunctions; i++) {
		const struct sk_function *x = &a->functions[i], *y = &b->functions[i];

		eq_str(x->schema, y->schema, "function schema");
		eq_str(x->name, y->name, "function name");
		eq_str(x->identity_args, y->identity_args, "identity_args");
		assert_int_equal(x->kind, y->kind);
		eq_str(x->definition, y->definition, "function definition");
		eq_str(x->language, y->language, "language");
		eq_str(x->comment, y->comment, "function comment");
		eq_refs(x->deps, x->ndeps, y->deps, y->ndeps);
	}
	assert_int_equal(a->ntables, b->ntables);
	for (size_t i = 0; i < a->ntables; i++) {
		const struct sk_table *x = &a->tables[i], *y = &b->tables[i];

		eq_str(x->schema, y->schema, "table schema");
		eq_str(x->name, y->name, "table name");
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->unlogged, y->unlogged);
		eq_str(x->partition_key, y->partition_key, "partition_key");
		eq_str(x->parent_schema, y->parent_schema, "parent_schema");
		eq_str(x->parent_name, y->parent_name, "parent_name");
		eq_str(x->partition_bound, y->partition_bound, "partition_bound");
		eq_str(x->options, y->options, "table options");
		assert_int_equal(x->without_rowid, y->without_rowid);
		assert_int_equal(x->strict, y->strict);
		assert_int_equal(x->autoincrement, y->autoincrement);
		eq_str(x->sql, y->sql, "table sql");
		eq_columns(x->columns, x->ncolumns, y->columns, y->ncolumns);
		assert_int_equal(x->nconstraints, y->nconstraints);
		for (size_t j = 0; j < x->nconstraints; j++) {
			const struct sk_constraint *p = &x->constraints[j], *q = &y->constraints[j];

			eq_str(p->name, q->name, "constraint name");
			assert_int_equal(p->kind, q->kind);
			eq_str(p->definition, q->definition, "constraint definition");
			eq_strs(p->columns, p->ncolumns, q->columns, q->ncolumns, "constraint columns");
			eq_str(p->ref_schema, q->ref_schema, "ref_schema");
			eq_str(p->ref_table, q->ref_table, "ref_table");
			eq_strs(p->ref_columns, p->nref_columns, q->ref_columns, q->nref_columns,
			        "ref_columns");
			assert_int_equal(p->on_delete, q->on_delete);
			assert_int_equal(p->on_update, q->on_update);
			assert_int_equal(p->match, q->match);
			assert_int_equal(p->deferrable, q->deferrable);
			assert_int_equal(p->deferred, q->deferred);
			assert_int_equal(p->not_valid, q->not_valid);
			assert_int_equal(p->nulls_not_distinct, q->nulls_not_distinct);
			eq_str(p->comment, q->comment, "constraint comment");
		}
		eq_indexes(x->indexes, x->nindexes, y->indexes, y->nindexes);
		eq_triggers(x->triggers, x->ntriggers, y->triggers, y->ntriggers);
		eq_str(x->comment, y->comment, "table comment");
		eq_refs(x->deps, x->ndeps, y->deps, y->ndeps);
	}
	assert_int_equal(a->nviews, b->nviews);
	for (size_t i = 0; i < a->nviews; i++) {
		const struct sk_view *x = &a->views[i], *y = &b->views[i];

		eq_str(x->schema, y->schema, "view schema");
		eq_str(x->name, y->name, "view name");
		assert_int_equal(x->materialized, y->materialized);
		eq_str(x->definition, y->definition, "view definition");
		eq_str(x->options, y->options, "view options");
		eq_columns(x->columns, x->ncolumns, y->columns, y->ncolumns);
		eq_indexes(x->indexes, x->nindexes, y->indexes, y->nindexes);
		eq_triggers(x->triggers, x->ntriggers, y->triggers, y->ntriggers);
		eq_str(x->comment, y->comment, "view comment");
		eq_refs(x->deps, x->ndeps, y->deps, y->ndeps);
	}
}

/* ---- helpers ---- */

static struct sk_model *read_ok(const char *text, size_t len)
{
	struct sk_model *m = NULL;
	struct sk_error err = SK_ERROR_INIT;
	int rc = sk_snapshot_read(&m, "snap.json", text, len, &err);

	if (rc)
		fail_msg("read failed: %s:%u:%u: %s (%s)", err.file, err.line, err.col, err.message,
		         err.hint);
	assert_non_null(m);
	return m;
}

/* model -> JSON -> model -> JSON: the models equal field by field and the
 * two texts byte by byte. Returns the second model. */
static struct sk_model *round_trip(const struct sk_model *m)
{
	struct sk_buf a = SK_BUF_INIT, b = SK_BUF_INIT;
	struct sk_model *back;

	sk_snapshot_write(&a, m);
	back = read_ok(a.buf, a.len);
	eq_models(m, back);
	sk_snapshot_write(&b, back);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	assert_true(a.len > 2 && a.buf[a.len - 1] == '\n' && a.buf[a.len - 2] == '}');
	assert_null(memchr(a.buf, '\r', a.len));
	sk_buf_release(&a);
	sk_buf_release(&b);
	return back;
}

/* Reads text and expects SK_ERR_INPUT with needle in the message. */
static void expect_error_len(const char *text, size_t len, const char *needle, unsigned line, unsigned col)
{
	struct sk_model *m = (struct sk_model *)&m; /* must be reset to NULL */
	struct sk_error err = SK_ERROR_INIT;
	int rc = sk_snapshot_read(&m, "bad.json", text, len, &err);

	assert_int_equal(rc, -SK_ERR_INPUT);
	assert_int_equal(err.code, SK_ERR_INPUT);
	assert_null(m);
	if (!strstr(err.message, needle))
		fail_msg("message '%s' lacks '%s'", err.message, needle);
	assert_string_equal(err.file, "bad.json");
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
}

static void expect_error(const char *text, const char *needle, unsigned line, unsigned col)
{
	expect_error_len(text, strlen(text), needle, line, col);
}

/* The snapshot of m with the first occurrence of `from` replaced by `to`. */
static char *edited(const struct sk_model *m, const char *from, const char *to)
{
	struct sk_buf a = SK_BUF_INIT, b = SK_BUF_INIT;
	const char *at;

	sk_snapshot_write(&a, m);
	at = strstr(a.buf, from);
	if (!at)
		fail_msg("'%s' not in the snapshot", from);
	sk_buf_add(&b, a.buf, (size_t)(at - a.buf));
	sk_buf_adds(&b, to);
	sk_buf_adds(&b, at + strlen(from));
	sk_buf_release(&a);
	return sk_buf_detach(&b, NULL);
}

static void expect_edit_error(const char *from, const char *to, const char *needle)
{
	struct sk_model *m = pg_model();
	char *text = edited(m, from, to);

	expect_error(text, needle, 0, 0);
	free(text);
	sk_model_free(m);
}

/* ---- round trips ---- */

static void test_snapshot__postgres_round_trip(void **state)
{
	struct sk_model *m = pg_model(), *back;
	(void)state;

	back = round_trip(m);
	/* spot checks on the model read back */
	assert_int_equal(back->dialect, SK_DIALECT_POSTGRES);
	assert_null(back->extensions[0].comment);
	assert_string_equal(back->namespaces[0].comment, "");
	assert_null(back->namespaces[1].comment);
	assert_int_equal(back->types[1].kind, SK_TYPE_ENUM);
	assert_string_equal(back->types[1].labels[2], "happy \"yay\"");
	assert_int_equal(back->types[3].kind, SK_TYPE_RANGE);
	assert_int_equal(back->types[3].deps[0].kind, SK_OBJ_EXTENSION);
	assert_null(back->types[3].deps[0].schema);
	assert_true(back->sequences[1].max_value == LLONG_MAX);
	assert_true(back->sequences[0].min_value == -32768 && back->sequences[0].increment == -1);
	assert_string_equal(back->sequences[1].owned_by_column, "legacy_id");
	assert_int_equal(back->functions[1].kind, 'p');
	assert_int_equal(back->tables[0].kind, SK_TABLE_PARTITIONED);
	assert_true(back->tables[1].unlogged);
	assert_string_equal(back->tables[1].parent_name, "events");
	{
		const struct sk_table *t = sk_model_find_table(back, "app", "items");
		const struct sk_constraint *fk = &t->constraints[2];

		assert_non_null(t);
		assert_int_equal(t->columns[0].identity, SK_IDENTITY_ALWAYS);
		assert_true(t->columns[0].identity_seq->start == 100);
		assert_int_equal(t->columns[1].identity, SK_IDENTITY_BY_DEFAULT);
		assert_null(t->columns[2].identity_seq);
		assert_int_equal(t->columns[4].position, 6);
		assert_true(t->columns[4].is_array);
		assert_int_equal(fk->kind, SK_CON_FOREIGN);
		assert_int_equal(fk->on_delete, 'c');
		assert_int_equal(fk->on_update, 'n');
		assert_int_equal(fk->match, 'f');
		assert_string_equal(fk->ref_columns[1], "legacy_id");
		assert_int_equal(t->constraints[4].kind, SK_CON_EXCLUDE);
		assert_int_equal(t->constraints[0].on_delete, 0);
		assert_int_equal(t->constraints[0].match, 0);
		assert_null(t->constraints[0].ref_table);
		assert_null(t->constraints[0].columns);
		assert_int_equal(t->constraints[0].ncolumns, 0);
		assert_string_equal(sk_table_primary_key(t)->name, "items_pkey");
	}
	assert_true(back->views[0].materialized);
	assert_string_equal(back->views[0].indexes[0].comment, "");
	sk_model_free(back);
	sk_model_free(m);
}

static void test_snapshot__sqlite_round_trip(void **state)
{
	struct sk_model *m = sqlite_model(), *back;
	(void)state;

	back = round_trip(m);
	assert_int_equal(back->dialect, SK_DIALECT_SQLITE);
	assert_true(back->tables[0].without_rowid && back->tables[0].strict &&
	            !back->tables[0].autoincrement);
	assert_true(back->tables[1].autoincrement);
	assert_string_equal(back->tables[1].columns[2].type, "");
	assert_false(back->tables[1].columns[3].generated_stored);
	assert_string_equal(back->tables[1].constraints[1].name, "");
	assert_int_equal(back->tables[1].constraints[1].on_delete, 'd');
	assert_int_equal(back->tables[1].constraints[1].on_update, 'r');
	assert_int_equal(back->tables[1].constraints[1].match, 's');
	assert_int_equal(back->tables[1].constraints[2].on_delete, 'a');
	assert_int_equal(back->tables[1].constraints[2].match, 'p');
	assert_string_equal(back->tables[1].indexes[0].method, "");
	assert_string_equal(back->views[0].triggers[0].name, "big_del");
	sk_model_free(back);
	sk_model_free(m);
}

static void test_snapshot__empty_model_round_trip(void **state)
{
	struct sk_model *m = sk_model_new(SK_DIALECT_SQLITE), *back;
	(void)state;

	back = round_trip(m);
	assert_int_equal(back->ntables + back->nviews + back->ntypes + back->nnamespaces, 0);
	assert_null(back->tables);
	sk_model_free(back);
	sk_model_free(m);
}

/* The exact text: key order, two-space indentation, [] for empty arrays,
 * null for NULL, LF and one trailing newline. */
static void test_snapshot__format_is_fixed(void **state)
{
	struct sk_model *m = sk_model_new(SK_DIALECT_POSTGRES);
	struct sk_buf out = SK_BUF_INIT;
	static const char expected[] = "{\n"
	                               "  \"format\": \"schemake-snapshot\",\n"
	                               "  \"version\": 1,\n"
	                               "  \"dialect\": \"postgres\",\n"
	                               "  \"extensions\": [],\n"
	                               "  \"schemas\": [\n"
	                               "    {\n"
	                               "      \"name\": \"public\",\n"
	                               "      \"comment\": null\n"
	                               "    }\n"
	                               "  ],\n"
	                               "  \"types\": [\n"
	                               "    {\n"
	                               "      \"schema\": \"public\",\n"
	                               "      \"name\": \"e\",\n"
	                               "      \"kind\": \"enum\",\n"
	                               "      \"labels\": [\n"
	                               "        \"a\",\n"
	                               "        \"b\"\n"
	                               "      ],\n"
	                               "      \"base_type\": null,\n"
	                               "      \"not_null\": false,\n"
	                               "      \"default_expr\": null,\n"
	                               "      \"collation\": null,\n"
	                               "      \"checks\": [],\n"
	                               "      \"attrs\": [],\n"
	                               "      \"range_body\": null,\n"
	                               "      \"comment\": \"\",\n"
	                               "      \"deps\": []\n"
	                               "    }\n"
	                               "  ],\n"
	                               "  \"sequences\": [\n"
	                               "    {\n"
	                               "      \"schema\": \"public\",\n"
	                               "      \"name\": \"s\",\n"
	                               "      \"data_type\": \"bigint\",\n"
	                               "      \"start\": -9223372036854775808,\n"
	                               "      \"increment\": 1,\n"
	                               "      \"min_value\": -9223372036854775808,\n"
	                               "      \"max_value\": 9223372036854775807,\n"
	                               "      \"cache\": 1,\n"
	                               "      \"cycle\": true,\n"
	                               "      \"owned_by_schema\": null,\n"
	                               "      \"owned_by_table\": null,\n"
	                               "      \"owned_by_column\": null,\n"
	                               "      \"comment\": null\n"
	                               "    }\n"
	                               "  ],\n"
	                               "  \"functions\": [],\n"
	                               "  \"tables\": [],\n"
	                               "  \"views\": []\n"
	                               "}\n";
	(void)state;

	m->nnamespaces = 1;
	m->namespaces = NEW(m, struct sk_namespace, 1);
	m->namespaces[0].name = "public";
	m->ntypes = 1;
	m->types = NEW(m, struct sk_type, 1);
	m->types[0] = (struct sk_type){.schema = "public", .name = "e", .kind = SK_TYPE_ENUM, .comment = ""};
	m->types[0].labels = strs(m, 2, "a", "b");
	m->types[0].nlabels = 2;
	m->nsequences = 1;
	m->sequences = NEW(m, struct sk_sequence, 1);
	m->sequences[0] = (struct sk_sequence){
	        "public", "s", "bigint", LLONG_MIN, 1, LLONG_MIN, LLONG_MAX, 1, true, NULL, NULL, NULL, NULL};
	sk_snapshot_write(&out, m);
	assert_string_equal(out.buf, expected);
	sk_buf_release(&out);
	sk_model_free(round_trip(m));
	sk_model_free(m);
}

static void test_snapshot__deterministic(void **state)
{
	struct sk_model *m = pg_model();
	struct sk_buf a = SK_BUF_INIT, b = SK_BUF_INIT;
	(void)state;

	sk_snapshot_write(&a, m);
	sk_snapshot_write(&b, m);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	/* appends to what the buffer holds */
	sk_buf_reset(&b);
	sk_buf_adds(&b, "x");
	sk_snapshot_write(&b, m);
	assert_int_equal(b.len, a.len + 1);
	assert_memory_equal(b.buf + 1, a.buf, a.len);
	sk_buf_release(&a);
	sk_buf_release(&b);
	sk_model_free(m);
}

/* The reader keeps the file's order (it does not sort). */
static void test_snapshot__reader_keeps_order(void **state)
{
	struct sk_model *m = sqlite_model(), *back;
	struct sk_table tmp;
	(void)state;

	tmp = m->tables[0];
	m->tables[0] = m->tables[1];
	m->tables[1] = tmp;
	back = round_trip(m);
	assert_string_equal(back->tables[0].name, "log");
	assert_string_equal(back->tables[1].name, "kv");
	sk_model_free(back);
	sk_model_free(m);
}

static void test_snapshot__escaping(void **state)
{
	struct sk_model *m = sk_model_new(SK_DIALECT_POSTGRES), *back;
	struct sk_buf out = SK_BUF_INIT;
	static const char weird[] =
	        "a\"b\\c\nd\te\rf\bg\fh\x01i\x1fj\x7fk/l\xc3\xa9m\xe2\x82\xac\xf0\x9f\x90\x98";
	(void)state;

	m->nnamespaces = 2;
	m->namespaces = NEW(m, struct sk_namespace, 2);
	m->namespaces[0] = (struct sk_namespace){"we\"ird", weird};
	m->namespaces[1] = (struct sk_namespace){"\xce\xb1\xce\xb2\xce\xb3", "\\\\\"\""};
	sk_snapshot_write(&out, m);
	assert_non_null(strstr(out.buf, "\"name\": \"we\\\"ird\""));
	assert_non_null(strstr(out.buf,
	                       "\"comment\": \"a\\\"b\\\\c\\nd\\te\\rf\\bg\\fh\\u0001i\\u001fj\x7fk/l"
	                       "\xc3\xa9m\xe2\x82\xac\xf0\x9f\x90\x98\""));
	assert_non_null(strstr(out.buf, "\"name\": \"\xce\xb1\xce\xb2\xce\xb3\""));
	assert_non_null(strstr(out.buf, "\"comment\": \"\\\\\\\\\\\"\\\"\""));
	/* no raw control character but the newlines between lines */
	for (size_t i = 0; i < out.len; i++)
		if ((unsigned char)out.buf[i] < 0x20 && out.buf[i] != '\n')
			fail_msg("raw control character 0x%02x at %zu", out.buf[i], i);
	back = round_trip(m);
	assert_string_equal(back->namespaces[0].name, "we\"ird");
	assert_string_equal(back->namespaces[0].comment, weird);
	sk_buf_release(&out);
	sk_model_free(back);
	sk_model_free(m);
}

/* Escapes the writer does not produce but JSON allows are read too. */
static void test_snapshot__reads_any_json_escape(void **state)
{
	struct sk_model *m = sk_model_new(SK_DIALECT_SQLITE), *back;
	char *text;
	(void)state;

	m->nnamespaces = 1;
	m->namespaces = NEW(m, struct sk_namespace, 1);
	m->namespaces[0] = (struct sk_namespace){"main", "x"};
	text = edited(m, "\"x\"", "\"\\u00e9\\/\\u0041\\ud83d\\udc18\"");
	back = read_ok(text, strlen(text));
	assert_string_equal(back->namespaces[0].comment, "\xc3\xa9/A\xf0\x9f\x90\x98");
	free(text);
	sk_model_free(back);
	sk_model_free(m);
}

/* Unknown keys inside objects are ignored (forward-compatible additions). */
static void test_snapshot__ignores_unknown_nested_keys(void **state)
{
	struct sk_model *m = pg_model(), *back;
	struct sk_buf a = SK_BUF_INIT, b = SK_BUF_INIT;
	char *text;
	(void)state;

	text = edited(m, "\"name\": \"items\",", "\"name\": \"items\", \"future\": {\"x\": [1.5, null]},");
	back = read_ok(text, strlen(text));
	sk_snapshot_write(&a, m);
	sk_snapshot_write(&b, back);
	assert_string_equal(a.buf, b.buf);
	free(text);
	sk_buf_release(&a);
	sk_buf_release(&b);
	sk_model_free(back);
	sk_model_free(m);
}

/* Strings are scanned eight bytes at a time: a byte to escape at every
 * offset of every length up to three words comes back as it was. */
static void test_snapshot__special_byte_at_any_offset(void **state)
{
	static const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', '\x7f', (char)0x80, (char)0xff};
	(void)state;

	for (size_t len = 1; len <= 24; len++)
		for (size_t at = 0; at < len; at++)
			for (size_t k = 0; k < sizeof(specials); k++) {
				struct sk_model *m = sk_model_new(SK_DIALECT_SQLITE), *back;
				char text[32];

				memset(text, 'a', len);
				text[len] = '\0';
				text[at] = specials[k];
				m->nnamespaces = 1;
				m->namespaces = NEW(m, struct sk_namespace, 1);
				m->namespaces[0] = (struct sk_namespace){"main", sk_arena_strdup(&m->arena, text)};
				back = round_trip(m);
				assert_string_equal(back->namespaces[0].comment, text);
				sk_model_free(back);
				sk_model_free(m);
			}
}

/* Any white space JSON allows, in runs of any length, reads the same. */
static void test_snapshot__any_white_space(void **state)
{
	static const char *const seps[] = {"", " ", "\n", "\r\n\t", "\n         ", "\n                 \t "};
	(void)state;

	for (size_t i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
		const char *w = seps[i];
		struct sk_buf t = SK_BUF_INIT;
		struct sk_model *back;

		sk_buf_addf(&t,
		            "%s{%s\"format\"%s:%s\"schemake-snapshot\"%s,%s\"version\":%s1,\"dialect\":\"sqlite\","
		            "\"extensions\":[%s],\"schemas\":[%s{%s\"name\"%s:%s\"main\"%s,\"comment\":null%s}%s],"
		            "\"types\":[],\"sequences\":[],\"functions\":[],\"tables\":[],\"views\":[]%s}%s",
		            w, w, w, w, w, w, w, w, w, w, w, w, w, w, w, w, w);
		back = read_ok(t.buf, t.len);
		assert_int_equal(back->nnamespaces, 1);
		assert_string_equal(back->namespaces[0].name, "main");
		assert_null(back->namespaces[0].comment);
		sk_model_free(back);
		sk_buf_release(&t);
	}
}

/* The keys may come in any order: format and version are found first
 * wherever they are, so another version is still named as such. */
static void test_snapshot__keys_in_any_order(void **state)
{
	static const char reordered[] =
	        "{\"views\": [], \"tables\": [], \"dialect\": \"sqlite\", \"schemas\": [{\"comment\": \"c\", "
	        "\"name\": \"main\"}], \"extensions\": [], \"types\": [], \"sequences\": [], \"functions\": [], "
	        "\"version\": 1, \"format\": \"schemake-snapshot\"}";
	struct sk_model *back = read_ok(reordered, strlen(reordered));
	(void)state;

	assert_int_equal(back->dialect, SK_DIALECT_SQLITE);
	assert_string_equal(back->namespaces[0].name, "main");
	assert_string_equal(back->namespaces[0].comment, "c");
	sk_model_free(back);
	expect_error("{\"tables\": 7, \"policies\": [], \"version\": 2, \"format\": \"schemake-snapshot\"}",
	             "unsupported snapshot version 2", 0, 0);
	expect_error("{\"tables\": 7, \"format\": \"other\", \"version\": 1}", "not a schemake snapshot", 0, 0);
}

/* A syntax error is reported before an error about the content, even
 * when the content goes wrong earlier in the file. */
static void test_snapshot__syntax_errors_first(void **state)
{
	(void)state;
	expect_error("{\"format\": \"schemake-snapshot\", \"version\": 1, \"dialect\": \"mysql\", \"x\": [1,]}",
	             "malformed JSON: unexpected character (expected a value)", 1, 75);
	expect_error("{\"format\": \"schemake-snapshot\", \"version\": 1, \"dialect\": \"sqlite\"}  \n\n  ]",
	             "malformed JSON: unexpected text after the end", 3, 3);
	expect_error("{\"format\": \"schemake-snapshot\", \"version\": 3}\n\"",
	             "malformed JSON: unexpected text after the end", 2, 1);
}

/* ---- errors ---- */

static void test_snapshot__rejects_empty_input(void **state)
{
	(void)state;
	expect_error("", "empty snapshot", 0, 0);
	expect_error(" \n\t\r\n", "empty snapshot", 0, 0);
	expect_error_len(NULL, 0, "empty snapshot", 0, 0);
}

static void test_snapshot__rejects_other_formats(void **state)
{
	(void)state;
	expect_error("{}", "not a schemake snapshot", 0, 0);
	expect_error("[1, 2]", "not a schemake snapshot", 0, 0);
	expect_error("42", "not a schemake snapshot", 0, 0);
	expect_error("null", "not a schemake snapshot", 0, 0);
	expect_error("\"schemake-snapshot\"", "not a schemake snapshot", 0, 0);
	expect_error("{\"format\": \"other\", \"version\": 1}", "not a schemake snapshot", 0, 0);
	expect_error("{\"format\": 1}", "not a schemake snapshot", 0, 0);
	expect_error("{\"format\": \"schemake-snapshot\\u0000x\", \"version\": 1}", "not a schemake snapshot",
	             0, 0);
	expect_edit_error("\"format\": \"schemake-snapshot\"", "\"format\": \"schemake-snapshot \"",
	                  "not a schemake snapshot");
}

static void test_snapshot__rejects_other_versions(void **state)
{
	struct sk_model *m = pg_model(), *back = NULL;
	struct sk_error err = SK_ERROR_INIT;
	char *text = edited(m, "\"version\": 1,", "\"version\": 2, \"newthing\": [],");
	(void)state;

	assert_int_equal(sk_snapshot_read(&back, "v2.json", text, strlen(text), &err), -SK_ERR_INPUT);
	assert_null(back);
	assert_string_equal(err.message, "unsupported snapshot version 2 (this schemake reads version 1)");
	assert_non_null(strstr(err.hint, "regenerate"));
	assert_string_equal(err.file, "v2.json");
	free(text);
	sk_model_free(m);
	expect_edit_error("\"version\": 1,", "\"version\": 0,", "unsupported snapshot version 0");
	expect_edit_error("\"version\": 1,", "\"version\": \"1\",",
	                  "snapshot field 'version' must be an integer, not a string");
	expect_edit_error("\"version\": 1,", "\"version\": 1.0,",
	                  "'version' must be an integer, not a fractional");
	expect_edit_error("\"version\": 1,", "", "snapshot field 'version' is missing");
}

static void test_snapshot__rejects_missing_field(void **state)
{
	(void)state;
	/* the second column of the third table is app.items.legacy_id */
	expect_edit_error("\"name\": \"legacy_id\",", "",
	                  "snapshot field 'tables[2].columns[1].name' is missing");
	expect_edit_error("\"dialect\": \"postgres\",", "", "snapshot field 'dialect' is missing");
	expect_edit_error("\"views\": [", "\"viewz\": [", "snapshot field 'viewz' is not a key");
	expect_edit_error("\"start\": 100,", "", "'tables[2].columns[0].identity_seq.start' is missing");
	expect_edit_error("\"nulls_not_distinct\": true,", "",
	                  "'tables[2].constraints[1].nulls_not_distinct' is missing");
	expect_edit_error("\"comment\": \"cryptographic functions\"", "\"commentary\": null",
	                  "'extensions[1].comment' is missing");
}

static void test_snapshot__rejects_wrong_types(void **state)
{
	(void)state;
	expect_edit_error("\"name\": \"legacy_id\",", "\"name\": 7,",
	                  "snapshot field 'tables[2].columns[1].name' must be a string, not an integer");
	expect_edit_error("\"name\": \"legacy_id\",", "\"name\": null,",
	                  "'tables[2].columns[1].name' must be a string, not null");
	expect_edit_error("\"comment\": \"the key\"", "\"comment\": false",
	                  "'tables[2].columns[0].comment' must be a string or null, not a boolean");
	expect_edit_error("\"position\": 6,", "\"position\": \"6\",",
	                  "'tables[2].columns[4].position' must be an integer, not a string");
	expect_edit_error("\"position\": 6,", "\"position\": 6.5,",
	                  "'tables[2].columns[4].position' must be an integer, not a fractional number");
	expect_edit_error("\"position\": 6,", "\"position\": 2147483648,",
	                  "'tables[2].columns[4].position' is out of range");
	expect_edit_error("\"is_array\": true", "\"is_array\": 1",
	                  "'tables[2].columns[4].is_array' must be true or false");
	expect_error("{\"format\": \"schemake-snapshot\", \"version\": 1, \"dialect\": \"sqlite\", "
	             "\"extensions\": [], "
	             "\"schemas\": [], \"types\": [], \"sequences\": [], \"functions\": [], \"tables\": {}, "
	             "\"views\": []}",
	             "snapshot field 'tables' must be an array, not an object", 0, 0);
	expect_edit_error("\"labels\": [\n        \"sad\",", "\"labels\": [\n        [],",
	                  "'types[1].labels[0]' must be a string, not an array");
	expect_edit_error("\"extensions\": [\n    {", "\"extensions\": [\n    7, {",
	                  "'extensions[0]' must be an object, not an integer");
	expect_edit_error("\"identity_seq\": null", "\"identity_seq\": []",
	                  "'tables[0].columns[0].identity_seq' must be an object or null, not an array");
	expect_edit_error("\"deps\": []", "\"deps\": null", "'types[1].deps' must be an array, not null");
}

static void test_snapshot__rejects_unknown_enum_values(void **state)
{
	(void)state;
	expect_edit_error("\"dialect\": \"postgres\"", "\"dialect\": \"mysql\"",
	                  "'dialect' has the unknown value \"mysql\" (expected 'postgres', 'sqlite')");
	expect_edit_error("\"kind\": \"composite\"", "\"kind\": \"Composite\"",
	                  "'types[0].kind' has the unknown");
	expect_edit_error(
	        "\"identity\": \"always\"", "\"identity\": \"none\"",
	        "'tables[2].columns[0].identity' has the unknown value \"none\" (expected 'always', "
	        "'by_default' or null)");
	expect_edit_error("\"on_delete\": \"cascade\"", "\"on_delete\": \"CASCADE\"",
	                  "'tables[2].constraints[2].on_delete' has the unknown");
	expect_edit_error("\"match\": \"full\"", "\"match\": \"fullx\"", "'tables[2].constraints[2].match'");
	expect_edit_error("\"kind\": \"primary_key\"", "\"kind\": null",
	                  "'tables[2].constraints[3].kind' must be a string, not null");
	expect_edit_error("\"kind\": \"procedure\"", "\"kind\": \"aggregate\"",
	                  "'functions[1].kind' has the unknown");
	expect_edit_error("\"kind\": \"partitioned\"", "\"kind\": \"foreign\"",
	                  "'tables[0].kind' has the unknown");
	expect_edit_error("\"kind\": \"schema\"", "\"kind\": \"schema\\u0000\"",
	                  "'tables[2].deps[0].kind' has the");
}

static void test_snapshot__rejects_unknown_top_level_key(void **state)
{
	(void)state;
	expect_edit_error("\"views\": [", "\"policies\": [], \"views\": [",
	                  "snapshot field 'policies' is not a key of a version 1 snapshot");
}

static void test_snapshot__rejects_malformed_json(void **state)
{
	(void)state;
	/* line:col of the first wrong byte, columns counting bytes from 1, and
	 * what was expected there */
	expect_error("{\n  \"format\": \"schemake-snapshot\",\n  \"version\": 1,,\n}",
	             "malformed JSON: unexpected character (expected a member name)", 3, 16);
	expect_error("{\"format\": tru}", "(expected true, false or null)", 1, 15);
	expect_error("{\"a\": 1,}", "malformed JSON", 1, 9);
	expect_error("{\"a\": [1, 2}", "malformed JSON: unexpected character (expected ',' or ']')", 1, 12);
	expect_error("{\"a\": 1 \"b\": 2}", "malformed JSON: unexpected character (expected ',' or '}')", 1, 9);
	expect_error("{\"a\" 1}", "(expected ':')", 1, 6);
	expect_error("{\"a\": [1, ]}", "malformed JSON: unexpected character (expected a value)", 1, 11);
	expect_error("{\n\"a\": \"unterminated", "malformed JSON: unexpected end of data", 2, 19);
	expect_error("{\"a\": \"tab\there\"}", "malformed JSON: unescaped control character in a string", 1, 11);
	expect_error("{\"a\": \"\\x\"}", "malformed JSON: invalid escape", 1, 9);
	expect_error("{\"a\": \"\\u12g4\"}", "(expected 4 hex digits after \\u)", 1, 12);
	expect_error("{\"a\": \"\\ud83d\"}", "malformed JSON: unpaired surrogate", 1, 8);
	expect_error("{\"a\": \"\\udc18\"}", "malformed JSON: unpaired surrogate", 1, 8);
	expect_error("{\"a\": 1} {}", "malformed JSON: unexpected text after the end", 1, 10);
	expect_error("{\"a\": 1}\n\nx", "malformed JSON", 3, 1);
	expect_error("{\"a\": 01}", "malformed JSON: unexpected digit (a number has no leading zeros)", 1, 8);
	expect_error("{\"a\": 1.}", "(expected a digit)", 1, 9);
	expect_error("{\"a\": -}", "(expected a digit)", 1, 8);
	expect_error("{\"a\": 1e+}", "(expected a digit)", 1, 10);
	expect_error("{\"a\": [1, 2]", "malformed JSON: unexpected end of data", 1, 13);
}

static void test_snapshot__rejects_nul(void **state)
{
	static const char raw[] = "{\"format\": \"schemake-snapshot\"}\0{}";
	static const char raw2[] = "{\"a\": \"x\0\"}";
	(void)state;

	expect_edit_error("\"name\": \"legacy_id\"", "\"name\": \"legacy\\u0000id\"",
	                  "'tables[2].columns[1].name' contains a NUL character");
	expect_edit_error("\"happy \\\"yay\\\"\"", "\"\\u0000\"", "'types[1].labels[2]' contains a NUL");
	expect_error_len(raw, sizeof(raw) - 1, "NUL byte", 1, 32);
	expect_error_len(raw2, sizeof(raw2) - 1, "NUL byte", 1, 9);
}

static void test_snapshot__rejects_deep_nesting(void **state)
{
	size_t n = 100000;
	char *text = malloc(2 * n + 1);
	(void)state;

	memset(text, '[', n);
	memset(text + n, ']', n);
	text[2 * n] = '\0';
	expect_error(text, "malformed JSON: nesting too deep", 1, 33);
	memset(text, '{', n);
	text[n] = '\0';
	expect_error(text, "malformed JSON", 1, 2);
	/* objects in objects: {"a":{"a":... */
	for (size_t i = 0; i + 5 <= n; i += 5)
		memcpy(text + i, "{\"a\":", 5);
	expect_error(text, "malformed JSON: nesting too deep", 1, 161);
	free(text);
}

static void test_snapshot__rejects_huge_numbers(void **state)
{
	(void)state;
	{
		struct sk_model *m = pg_model(), *back = NULL;
		struct sk_error err = SK_ERROR_INIT;
		char *text = edited(m, "\"start\": 100,", "\"start\": 9223372036854775808,");

		assert_int_equal(sk_snapshot_read(&back, "big.json", text, strlen(text), &err),
		                 -SK_ERR_INPUT);
		assert_null(back);
		assert_non_null(strstr(err.message, "integer out of range"));
		{
			const char *at = strstr(text, "9223372036854775808"), *bol = at;
			unsigned line = 1;

			while (bol > text && bol[-1] != '\n')
				bol--;
			for (const char *p = text; p < at; p++)
				line += *p == '\n';
			assert_int_equal(err.line, line);
			assert_int_equal(err.col, (unsigned)(at - bol) + 1);
		}
		free(text);
		sk_model_free(m);
	}
	expect_error("{\"format\": \"schemake-snapshot\", \"version\": 1, \"x\": -9223372036854775809}",
	             "integer out of range", 1, 52);
	expect_error("{\"format\": \"schemake-snapshot\", \"version\": 99999999999999999999999999999999}",
	             "integer out of range", 1, 44);
	expect_error("{\"format\": \"schemake-snapshot\", \"version\": 1e400}",
	             "'version' must be an integer", 0, 0);
	/* a number-like text inside a string is not a number */
	{
		struct sk_model *m = pg_model(), *back;
		char *text = edited(m, "\"name\": \"legacy_id\",", "\"name\": \"-99999999999999999999999\",");

		back = read_ok(text, strlen(text));
		assert_string_equal(back->tables[2].columns[1].name, "-99999999999999999999999");
		free(text);
		sk_model_free(back);
		sk_model_free(m);
	}
}

static void test_snapshot__extreme_integers_round_trip(void **state)
{
	struct sk_model *m = pg_model(), *back;
	(void)state;

	m->sequences[0].start = LLONG_MIN;
	m->sequences[0].min_value = LLONG_MIN;
	m->sequences[0].max_value = LLONG_MAX;
	m->sequences[0].cache = 0;
	m->tables[2].columns[0].position = INT_MAX;
	m->tables[2].columns[1].position = INT_MIN;
	back = round_trip(m);
	assert_true(back->sequences[0].start == LLONG_MIN);
	assert_int_equal(back->tables[2].columns[1].position, INT_MIN);
	sk_model_free(back);
	sk_model_free(m);
}

/* Every prefix of a valid snapshot is an error, never a crash or a leak. */
static void test_snapshot__truncated_input_fails_cleanly(void **state)
{
	struct sk_model *m = sqlite_model(), *back;
	struct sk_buf a = SK_BUF_INIT;
	struct sk_error err = SK_ERROR_INIT;
	(void)state;

	sk_snapshot_write(&a, m);
	for (size_t len = 0; len + 1 < a.len; len++) {
		back = (struct sk_model *)&back;
		assert_int_equal(sk_snapshot_read(&back, "t.json", a.buf, len, &err), -SK_ERR_INPUT);
		assert_null(back);
	}
	/* without the trailing newline it is complete */
	back = read_ok(a.buf, a.len - 1);
	sk_model_free(back);
	sk_buf_release(&a);
	sk_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_snapshot__postgres_round_trip),
	        cmocka_unit_test(test_snapshot__sqlite_round_trip),
	        cmocka_unit_test(test_snapshot__empty_model_round_trip),
	        cmocka_unit_test(test_snapshot__format_is_fixed),
	        cmocka_unit_test(test_snapshot__deterministic),
	        cmocka_unit_test(test_snapshot__reader_keeps_order),
	        cmocka_unit_test(test_snapshot__escaping),
	        cmocka_unit_test(test_snapshot__reads_any_json_escape),
	        cmocka_unit_test(test_snapshot__ignores_unknown_nested_keys),
	        cmocka_unit_test(test_snapshot__special_byte_at_any_offset),
	        cmocka_unit_test(test_snapshot__any_white_space),
	        cmocka_unit_test(test_snapshot__keys_in_any_order),
	        cmocka_unit_test(test_snapshot__syntax_errors_first),
	        cmocka_unit_test(test_snapshot__rejects_empty_input),
	        cmocka_unit_test(test_snapshot__rejects_other_formats),
	        cmocka_unit_test(test_snapshot__rejects_other_versions),
	        cmocka_unit_test(test_snapshot__rejects_missing_field),
	        cmocka_unit_test(test_snapshot__rejects_wrong_types),
	        cmocka_unit_test(test_snapshot__rejects_unknown_enum_values),
	        cmocka_unit_test(test_snapshot__rejects_unknown_top_level_key),
	        cmocka_unit_test(test_snapshot__rejects_malformed_json),
	        cmocka_unit_test(test_snapshot__rejects_nul),
	        cmocka_unit_test(test_snapshot__rejects_deep_nesting),
	        cmocka_unit_test(test_snapshot__rejects_huge_numbers),
	        cmocka_unit_test(test_snapshot__extreme_integers_round_trip),
	        cmocka_unit_test(test_snapshot__truncated_input_fails_cleanly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
