/*
 * model.c: the schema model's lifecycle, stable ordering, lookups and
 * filtering. Reading (introspect/, snapshot.c) and writing (emit/) live
 * elsewhere.
 */
#include "model/model.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/banned.h"

struct sk_model *sk_model_new(enum sk_dialect dialect)
{
	struct sk_model *m = sk_xcalloc(1, sizeof(*m));

	m->dialect = dialect;
	return m;
}

void sk_model_free(struct sk_model *m)
{
	if (!m)
		return;
	sk_arena_release(&m->arena);
	free(m);
}

const char *sk_obj_kind_name(enum sk_obj_kind k)
{
	switch (k) {
	case SK_OBJ_EXTENSION:
		return "extension";
	case SK_OBJ_SCHEMA:
		return "schema";
	case SK_OBJ_TYPE:
		return "type";
	case SK_OBJ_SEQUENCE:
		return "sequence";
	case SK_OBJ_FUNCTION:
		return "function";
	case SK_OBJ_TABLE:
		return "table";
	case SK_OBJ_VIEW:
		return "view";
	}
	return "object";
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_qualified(const char *sa, const char *na, const char *sb, const char *nb)
{
	int c = cmp_str(sa, sb);
	return c ? c : cmp_str(na, nb);
}

static int cmp_extension(const void *a, const void *b)
{
	return cmp_str(((const struct sk_extension *)a)->name, ((const struct sk_extension *)b)->name);
}

static int cmp_namespace(const void *a, const void *b)
{
	return cmp_str(((const struct sk_namespace *)a)->name, ((const struct sk_namespace *)b)->name);
}

static int cmp_type(const void *a, const void *b)
{
	const struct sk_type *x = a, *y = b;
	return cmp_qualified(x->schema, x->name, y->schema, y->name);
}

static int cmp_sequence(const void *a, const void *b)
{
	const struct sk_sequence *x = a, *y = b;
	return cmp_qualified(x->schema, x->name, y->schema, y->name);
}

static int cmp_table(const void *a, const void *b)
{
	const struct sk_table *x = a, *y = b;
	return cmp_qualified(x->schema, x->name, y->schema, y->name);
}

static int cmp_view(const void *a, const void *b)
{
	const struct sk_view *x = a, *y = b;
	return cmp_qualified(x->schema, x->name, y->schema, y->name);
}

static int cmp_function(const void *a, const void *b)
{
	const struct sk_function *x = a, *y = b;
	int c = cmp_qualified(x->schema, x->name, y->schema, y->name);
	return c ? c : cmp_str(x->identity_args, y->identity_args);
}

static int cmp_column(const void *a, const void *b)
{
	const struct sk_column *x = a, *y = b;
	return (x->position > y->position) - (x->position < y->position);
}

static int cmp_constraint(const void *a, const void *b)
{
	const struct sk_constraint *x = a, *y = b;
	int c = cmp_str(x->name, y->name);
	/* unnamed SQLite constraints: by kind, then definition */
	if (!c)
		c = (x->kind > y->kind) - (x->kind < y->kind);
	return c ? c : cmp_str(x->definition, y->definition);
}

static int cmp_index(const void *a, const void *b)
{
	return cmp_str(((const struct sk_index *)a)->name, ((const struct sk_index *)b)->name);
}

static int cmp_trigger(const void *a, const void *b)
{
	return cmp_str(((const struct sk_trigger *)a)->name, ((const struct sk_trigger *)b)->name);
}

static int cmp_check(const void *a, const void *b)
{
	return cmp_str(((const struct sk_check *)a)->name, ((const struct sk_check *)b)->name);
}

static int cmp_ref(const void *a, const void *b)
{
	const struct sk_ref *x = a, *y = b;
	int c = (x->kind > y->kind) - (x->kind < y->kind);
	return c ? c : cmp_qualified(x->schema, x->name, y->schema, y->name);
}

#define SORT(arr, n, cmp)                                       \
	do {                                                    \
		if ((n) > 1)                                    \
			qsort((arr), (n), sizeof(*(arr)), cmp); \
	} while (0)

void sk_model_sort(struct sk_model *m)
{
	SORT(m->extensions, m->nextensions, cmp_extension);
	SORT(m->namespaces, m->nnamespaces, cmp_namespace);
	SORT(m->types, m->ntypes, cmp_type);
	SORT(m->sequences, m->nsequences, cmp_sequence);
	SORT(m->tables, m->ntables, cmp_table);
	SORT(m->views, m->nviews, cmp_view);
	SORT(m->functions, m->nfunctions, cmp_function);
	for (size_t i = 0; i < m->ntypes; i++) {
		SORT(m->types[i].checks, m->types[i].nchecks, cmp_check);
		SORT(m->types[i].deps, m->types[i].ndeps, cmp_ref);
	}
	for (size_t i = 0; i < m->ntables; i++) {
		struct sk_table *t = &m->tables[i];
		SORT(t->columns, t->ncolumns, cmp_column);
		SORT(t->constraints, t->nconstraints, cmp_constraint);
		SORT(t->indexes, t->nindexes, cmp_index);
		SORT(t->triggers, t->ntriggers, cmp_trigger);
		SORT(t->deps, t->ndeps, cmp_ref);
	}
	for (size_t i = 0; i < m->nviews; i++) {
		struct sk_view *v = &m->views[i];
		SORT(v->columns, v->ncolumns, cmp_column);
		SORT(v->indexes, v->nindexes, cmp_index);
		SORT(v->triggers, v->ntriggers, cmp_trigger);
		SORT(v->deps, v->ndeps, cmp_ref);
	}
	for (size_t i = 0; i < m->nfunctions; i++)
		SORT(m->functions[i].deps, m->functions[i].ndeps, cmp_ref);
}

static const char *default_schema(const struct sk_model *m)
{
	return m->dialect == SK_DIALECT_SQLITE ? "main" : "public";
}

const struct sk_table *sk_model_find_table(const struct sk_model *m, const char *schema, const char *name)
{
	if (!schema)
		schema = default_schema(m);
	for (size_t i = 0; i < m->ntables; i++)
		if (!strcmp(m->tables[i].name, name) && !cmp_str(m->tables[i].schema, schema))
			return &m->tables[i];
	return NULL;
}

const struct sk_view *sk_model_find_view(const struct sk_model *m, const char *schema, const char *name)
{
	if (!schema)
		schema = default_schema(m);
	for (size_t i = 0; i < m->nviews; i++)
		if (!strcmp(m->views[i].name, name) && !cmp_str(m->views[i].schema, schema))
			return &m->views[i];
	return NULL;
}

const struct sk_type *sk_model_find_type(const struct sk_model *m, const char *schema, const char *name)
{
	if (!schema)
		schema = default_schema(m);
	for (size_t i = 0; i < m->ntypes; i++)
		if (!strcmp(m->types[i].name, name) && !cmp_str(m->types[i].schema, schema))
			return &m->types[i];
	return NULL;
}

const struct sk_column *sk_table_find_column(const struct sk_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncolumns; i++)
		if (!strcmp(t->columns[i].name, name))
			return &t->columns[i];
	return NULL;
}

const struct sk_constraint *sk_table_primary_key(const struct sk_table *t)
{
	for (size_t i = 0; i < t->nconstraints; i++)
		if (t->constraints[i].kind == SK_CON_PRIMARY)
			return &t->constraints[i];
	return NULL;
}

static bool schema_kept(const char *schema, const char *const *schemas, size_t nschemas)
{
	if (nschemas == 0)
		return true;
	for (size_t i = 0; i < nschemas; i++)
		if (!cmp_str(schema, schemas[i]))
			return true;
	return false;
}

static bool table_excluded(const struct sk_table *t, const char *const *exclude, size_t nexclude)
{
	struct sk_buf q = SK_BUF_INIT;
	bool hit = false;

	sk_buf_addf(&q, "%s.%s", t->schema ? t->schema : "", t->name);
	for (size_t i = 0; i < nexclude && !hit; i++)
		hit = fnmatch(exclude[i], t->name, 0) == 0 || fnmatch(exclude[i], q.buf, 0) == 0;
	sk_buf_release(&q);
	return hit;
}

/* Keeps the elements of an array for which keep() is true, in order. */
#define FILTER(arr, n, elem, cond)                        \
	do {                                              \
		size_t kept_ = 0;                         \
		for (size_t i_ = 0; i_ < (n); i_++) {     \
			elem = &(arr)[i_];                \
			if (cond)                         \
				(arr)[kept_++] = (arr)[i_]; \
		}                                         \
		(n) = kept_;                              \
	} while (0)

static bool model_has_schema(const struct sk_model *m, const char *name)
{
	if (m->dialect == SK_DIALECT_SQLITE && !strcmp(name, "main"))
		return true;
	for (size_t i = 0; i < m->nnamespaces; i++)
		if (!strcmp(m->namespaces[i].name, name))
			return true;
	for (size_t i = 0; i < m->ntables; i++) /* SQLite lists no namespaces */
		if (!strcmp(m->tables[i].schema, name))
			return true;
	return false;
}

int sk_model_check_schemas(const struct sk_model *m, const char *const *schemas, size_t nschemas,
                           struct sk_error *err)
{
	for (size_t i = 0; i < nschemas; i++) {
		int rc;

		if (model_has_schema(m, schemas[i]))
			continue;
		rc = sk_error_set(err, SK_ERR_USAGE, "--schema: no schema '%s' in the database", schemas[i]);
		sk_error_hint(err, "schema names are case-sensitive; leave --schema out to take every schema");
		return rc;
	}
	return 0;
}

void sk_model_filter(struct sk_model *m, const char *const *schemas, size_t nschemas, const char *const *exclude,
		     size_t nexclude)
{
	const struct sk_namespace *ns;
	const struct sk_type *ty;
	const struct sk_sequence *sq;
	const struct sk_table *tb;
	const struct sk_view *vw;
	const struct sk_function *fn;

	FILTER(m->namespaces, m->nnamespaces, ns, schema_kept(ns->name, schemas, nschemas));
	FILTER(m->types, m->ntypes, ty, schema_kept(ty->schema, schemas, nschemas));
	FILTER(m->tables, m->ntables, tb,
	       schema_kept(tb->schema, schemas, nschemas) && !table_excluded(tb, exclude, nexclude));
	FILTER(m->sequences, m->nsequences, sq,
	       schema_kept(sq->schema, schemas, nschemas) &&
		       (!sq->owned_by_table || sk_model_find_table(m, sq->owned_by_schema, sq->owned_by_table)));
	FILTER(m->views, m->nviews, vw, schema_kept(vw->schema, schemas, nschemas));
	FILTER(m->functions, m->nfunctions, fn, schema_kept(fn->schema, schemas, nschemas));
}
