/*
 * emit/sql_pg.c: the canonical PostgreSQL dump of a model (see sql.h for
 * the contract). Layout:
 *
 *   schemas (not public, which every database has), then extensions (one
 *     may live in a schema);
 *   types, sequences, functions, tables (with their primary key) and views
 *     in an order that satisfies their deps: Kahn's algorithm, taking the
 *     first free object by kind, schema and name; SQL functions with a
 *     string body, which the server checks against the catalogs when it
 *     creates them, wait until nothing else is free to go, so that the
 *     tables and views they read exist;
 *   sequence OWNED BY, a partition's own column defaults, view column
 *     defaults; unique, check and exclusion constraints (and a partition's
 *     primary key); indexes; foreign keys; triggers; comments.
 *
 * The statements are the server's renderings wherever the model keeps one,
 * all names schema-qualified, so the script loads the same whatever the
 * loader's search_path. It writes no owners, privileges or SET lines.
 * Reading the model is introspect/'s job; quoting is sql.c's. The
 * per-object statements are exported (sql_pg.h) for the differ, which
 * writes what it creates exactly as the dump would.
 */
#include "emit/sql.h"
#include "emit/sql_pg.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/heap.h"
#include "db/db.h"

#include "common/banned.h"

#define PG SK_DIALECT_POSTGRES
#define INDENT "    "

/* ---- text ---- */

/* Starts a block: blocks are separated by one blank line. */
static void block(struct sk_buf *out)
{
	if (out->len)
		sk_buf_addch(out, '\n');
}

static void ident(struct sk_buf *out, const char *name)
{
	sk_emit_ident(out, PG, name);
}

static void qual(struct sk_buf *out, const char *schema, const char *name)
{
	sk_emit_qualified(out, PG, schema, name);
}

static void literal(struct sk_buf *out, const char *s)
{
	sk_db_quote_literal(out, PG, s);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Appends text without its trailing white space and `;`. */
static void add_trimmed(struct sk_buf *out, const char *text)
{
	size_t n = strlen(text);

	while (n && (text[n - 1] == ' ' || text[n - 1] == '\n' || text[n - 1] == '\t' || text[n - 1] == '\r'))
		n--;
	if (n && text[n - 1] == ';')
		n--;
	while (n && (text[n - 1] == ' ' || text[n - 1] == '\n' || text[n - 1] == '\t' || text[n - 1] == '\r'))
		n--;
	sk_buf_add(out, text, n);
}

/* ---- sequences ---- */

static void type_limits(const char *type, long long *min, long long *max)
{
	if (type && !strcmp(type, "smallint")) {
		*min = -32768;
		*max = 32767;
	} else if (type && !strcmp(type, "integer")) {
		*min = -2147483647LL - 1;
		*max = 2147483647LL;
	} else {
		*min = INT64_MIN;
		*max = INT64_MAX;
	}
}

void sk_pg_seq_options(struct sk_buf *out, const struct sk_sequence *s, const char *sep, bool with_type)
{
	long long tmin, tmax, dmin, dmax;

	type_limits(s->data_type, &tmin, &tmax);
	dmin = s->increment > 0 ? 1 : tmin;
	dmax = s->increment > 0 ? tmax : -1;
	if (with_type && s->data_type && strcmp(s->data_type, "bigint"))
		sk_buf_addf(out, "%sAS %s", sep, s->data_type);
	if (s->start != (s->increment > 0 ? s->min_value : s->max_value))
		sk_buf_addf(out, "%sSTART WITH %lld", sep, s->start);
	if (s->increment != 1)
		sk_buf_addf(out, "%sINCREMENT BY %lld", sep, s->increment);
	if (s->min_value != dmin)
		sk_buf_addf(out, "%sMINVALUE %lld", sep, s->min_value);
	if (s->max_value != dmax)
		sk_buf_addf(out, "%sMAXVALUE %lld", sep, s->max_value);
	if (s->cache != 1)
		sk_buf_addf(out, "%sCACHE %lld", sep, s->cache);
	if (s->cycle)
		sk_buf_addf(out, "%sCYCLE", sep);
}

void sk_pg_emit_sequence(struct sk_buf *out, const struct sk_sequence *s)
{
	sk_buf_adds(out, "CREATE SEQUENCE ");
	qual(out, s->schema, s->name);
	sk_pg_seq_options(out, s, "\n" INDENT, true);
	sk_buf_adds(out, ";\n");
}

/* ---- types ---- */

static bool not_valid(const char *def)
{
	size_t n = strlen(def);

	return n >= 10 && !strcmp(def + n - 10, " NOT VALID");
}

void sk_pg_emit_type(struct sk_buf *out, const struct sk_type *t)
{
	switch (t->kind) {
	case SK_TYPE_ENUM:
		sk_buf_adds(out, "CREATE TYPE ");
		qual(out, t->schema, t->name);
		sk_buf_adds(out, " AS ENUM (");
		for (size_t i = 0; i < t->nlabels; i++) {
			sk_buf_adds(out, i ? ",\n" INDENT : "\n" INDENT);
			literal(out, t->labels[i]);
		}
		sk_buf_adds(out, t->nlabels ? "\n);\n" : ");\n");
		break;
	case SK_TYPE_DOMAIN:
		sk_buf_adds(out, "CREATE DOMAIN ");
		qual(out, t->schema, t->name);
		sk_buf_addf(out, " AS %s", t->base_type);
		if (t->collation) {
			sk_buf_adds(out, " COLLATE ");
			ident(out, t->collation);
		}
		if (t->default_expr)
			sk_buf_addf(out, " DEFAULT %s", t->default_expr);
		if (t->not_null)
			sk_buf_adds(out, " NOT NULL");
		for (size_t i = 0; i < t->nchecks; i++) {
			if (not_valid(t->checks[i].definition))
				continue;
			sk_buf_adds(out, "\n" INDENT "CONSTRAINT ");
			ident(out, t->checks[i].name);
			sk_buf_addf(out, " %s", t->checks[i].definition);
		}
		sk_buf_adds(out, ";\n");
		/* CREATE DOMAIN has no NOT VALID */
		for (size_t i = 0; i < t->nchecks; i++) {
			if (!not_valid(t->checks[i].definition))
				continue;
			sk_buf_adds(out, "ALTER DOMAIN ");
			qual(out, t->schema, t->name);
			sk_buf_adds(out, "\n" INDENT "ADD CONSTRAINT ");
			ident(out, t->checks[i].name);
			sk_buf_addf(out, " %s;\n", t->checks[i].definition);
		}
		break;
	case SK_TYPE_COMPOSITE:
		sk_buf_adds(out, "CREATE TYPE ");
		qual(out, t->schema, t->name);
		sk_buf_adds(out, " AS (");
		for (size_t i = 0; i < t->nattrs; i++) {
			sk_buf_adds(out, i ? ",\n" INDENT : "\n" INDENT);
			ident(out, t->attrs[i].name);
			sk_buf_addf(out, " %s", t->attrs[i].type);
			if (t->attrs[i].collation) {
				sk_buf_adds(out, " COLLATE ");
				ident(out, t->attrs[i].collation);
			}
		}
		sk_buf_adds(out, t->nattrs ? "\n);\n" : ");\n");
		break;
	case SK_TYPE_RANGE:
		sk_buf_adds(out, "CREATE TYPE ");
		qual(out, t->schema, t->name);
		sk_buf_addf(out, " AS RANGE (\n" INDENT "%s\n);\n", t->range_body ? t->range_body : "");
		break;
	}
}

/* ---- functions ---- */

/* Whether the server checks the body against the catalogs when it creates
 * the function: LANGUAGE sql with a string body (check_function_bodies).
 * In pg_get_functiondef's text the option lines start with a space; the
 * first line that does not is "AS ..." for a string body, "BEGIN ATOMIC"
 * or "RETURN ..." for an SQL-standard one. */
bool sk_pg_checked_body(const struct sk_function *f)
{
	const char *p;

	if (!f->language || strcmp(f->language, "sql") || !f->definition)
		return false;
	for (p = strchr(f->definition, '\n'); p; p = strchr(p + 1, '\n'))
		if (p[1] != ' ')
			return !strncmp(p + 1, "AS ", 3);
	return false;
}

void sk_pg_emit_function(struct sk_buf *out, const struct sk_function *f)
{
	add_trimmed(out, f->definition ? f->definition : "");
	/* a BEGIN ATOMIC body ends in END, which the trim keeps */
	sk_buf_adds(out, ";\n");
}

/* ---- tables and views ---- */

void sk_pg_emit_identity(struct sk_buf *out, const struct sk_table *t, const struct sk_column *c)
{
	struct sk_buf opts = SK_BUF_INIT;
	const struct sk_sequence *s = c->identity_seq;

	sk_buf_adds(out, c->identity == SK_IDENTITY_ALWAYS ? " GENERATED ALWAYS AS IDENTITY"
	                                                   : " GENERATED BY DEFAULT AS IDENTITY");
	if (!s)
		return;
	/* the name the server would choose is left to it */
	{
		struct sk_buf def = SK_BUF_INIT;

		sk_buf_addf(&def, "%s_%s_seq", t->name, c->name);
		if (!same(s->name, def.buf) || !same(s->schema, t->schema)) {
			sk_buf_adds(&opts, " SEQUENCE NAME ");
			qual(&opts, s->schema, s->name);
		}
		sk_buf_release(&def);
	}
	sk_pg_seq_options(&opts, s, " ", false);
	if (opts.len)
		sk_buf_addf(out, " (%s)", opts.buf + 1);
	sk_buf_release(&opts);
}

void sk_pg_emit_column(struct sk_buf *out, const struct sk_table *t, const struct sk_column *c)
{
	ident(out, c->name);
	sk_buf_addf(out, " %s", c->type);
	if (c->collation) {
		sk_buf_adds(out, " COLLATE ");
		ident(out, c->collation);
	}
	if (c->generated_expr)
		sk_buf_addf(out, " GENERATED ALWAYS AS (%s) STORED", c->generated_expr);
	if (c->default_expr)
		sk_buf_addf(out, " DEFAULT %s", c->default_expr);
	if (c->identity != SK_IDENTITY_NONE)
		sk_pg_emit_identity(out, t, c);
	if (c->not_null)
		sk_buf_adds(out, " NOT NULL");
}

/* The primary key written in CREATE TABLE rather than after every object:
 * a view may need it (a GROUP BY on it lets the view select the other
 * columns). A partition's goes after, as PARTITION OF has no column list. */
const struct sk_constraint *sk_pg_inline_pk(const struct sk_table *t)
{
	return t->parent_name ? NULL : sk_table_primary_key(t);
}

void sk_pg_emit_table(struct sk_buf *out, const struct sk_table *t)
{
	const struct sk_constraint *pk = sk_pg_inline_pk(t);

	sk_buf_adds(out, t->unlogged ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ");
	qual(out, t->schema, t->name);
	if (t->parent_name) {
		/* a partition's columns are its parent's */
		sk_buf_adds(out, " PARTITION OF ");
		qual(out, t->parent_schema, t->parent_name);
		sk_buf_addf(out, "\n%s", t->partition_bound ? t->partition_bound : "DEFAULT");
	} else if (t->ncolumns) {
		sk_buf_adds(out, " (\n");
		for (size_t i = 0; i < t->ncolumns; i++) {
			sk_buf_adds(out, INDENT);
			sk_pg_emit_column(out, t, &t->columns[i]);
			sk_buf_adds(out, i + 1 < t->ncolumns || pk ? ",\n" : "\n");
		}
		if (pk) {
			sk_buf_adds(out, INDENT "CONSTRAINT ");
			ident(out, pk->name);
			sk_buf_addf(out, " %s\n", pk->definition);
		}
		sk_buf_adds(out, ")");
	} else {
		sk_buf_adds(out, " ()");
	}
	if (t->partition_key)
		sk_buf_addf(out, "\nPARTITION BY %s", t->partition_key);
	if (t->options)
		sk_buf_addf(out, "\nWITH (%s)", t->options);
	sk_buf_adds(out, ";\n");
}

void sk_pg_emit_view(struct sk_buf *out, const struct sk_view *v, bool with_data)
{
	sk_buf_adds(out, v->materialized ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ");
	qual(out, v->schema, v->name);
	if (v->options)
		sk_buf_addf(out, " WITH (%s)", v->options);
	sk_buf_adds(out, " AS\n");
	add_trimmed(out, v->definition ? v->definition : "");
	sk_buf_adds(out, v->materialized && !with_data ? "\n  WITH NO DATA;\n" : ";\n");
}

/* ---- ordering ---- */

struct node {
	enum sk_obj_kind kind;
	/* 0; for an SQL function with a checked body: 2, or 1 when something
	 * that is not such a function needs it */
	int tier;
	const char *schema;
	char *name; /* owned: the name, or name(identity args) for functions */
	const void *obj;
	const struct sk_ref *deps;
	size_t ndeps;
	size_t indeg;
	bool done;
	size_t *next; /* the nodes that need this one */
	size_t nnext, anext;
};

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* The key of an object: kind, schema, name. */
static int cmp_node(const void *a, const void *b)
{
	const struct node *x = a, *y = b;
	int c = (x->kind > y->kind) - (x->kind < y->kind);

	if (!c)
		c = cmp_str(x->schema, y->schema);
	return c ? c : cmp_str(x->name, y->name);
}

static int cmp_ref_node(const void *key, const void *elem)
{
	const struct sk_ref *r = key;
	const struct node *n = elem;
	int c = (r->kind > n->kind) - (r->kind < n->kind);

	if (!c)
		c = cmp_str(r->schema, n->schema);
	return c ? c : cmp_str(r->name, n->name);
}

/* Output order among the objects free to go: by tier, then by key (the
 * index into the key-sorted nodes). */
struct rank_ctx {
	const struct node *nodes;
	size_t i;
};

static int cmp_rank(const void *a, const void *b)
{
	const struct rank_ctx *x = a, *y = b;
	int tx = x->nodes[x->i].tier, ty = y->nodes[y->i].tier;

	if (tx != ty)
		return tx > ty ? 1 : -1;
	return (x->i > y->i) - (x->i < y->i);
}

static void add_node(struct node *nodes, size_t *n, enum sk_obj_kind kind, const char *schema, char *name,
                     const void *obj, const struct sk_ref *deps, size_t ndeps)
{
	struct node *x = &nodes[(*n)++];

	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->schema = schema;
	x->name = name;
	x->obj = obj;
	x->deps = deps;
	x->ndeps = ndeps;
}

static void emit_node(struct sk_buf *out, const struct node *x)
{
	block(out);
	switch (x->kind) {
	case SK_OBJ_TYPE:
		sk_pg_emit_type(out, x->obj);
		break;
	case SK_OBJ_SEQUENCE:
		sk_pg_emit_sequence(out, x->obj);
		break;
	case SK_OBJ_FUNCTION:
		sk_pg_emit_function(out, x->obj);
		break;
	case SK_OBJ_TABLE:
		sk_pg_emit_table(out, x->obj);
		break;
	case SK_OBJ_VIEW:
		sk_pg_emit_view(out, x->obj, false);
		break;
	default:
		break;
	}
}

/* SQL functions with a checked body wait until nothing else is free to
 * go, so that the tables and views their bodies read exist; those that
 * something else needs (directly or through other such functions) go
 * before those that nothing needs. */
static void settle_tiers(struct node *nodes, size_t n)
{
	bool changed = true;

	while (changed) {
		changed = false;
		for (size_t v = 0; v < n; v++) {
			if (nodes[v].tier != 2)
				continue;
			for (size_t k = 0; k < nodes[v].nnext; k++) {
				if (nodes[nodes[v].next[k]].tier < 2) {
					nodes[v].tier = 1;
					changed = true;
					break;
				}
			}
		}
	}
}

/* Types, sequences, functions, tables and views, dependencies first
 * (Kahn's algorithm taking the first free object in output order). A
 * dependency on something the model does not hold is ignored; a cycle is
 * broken at its first object in output order. */
static void emit_objects(struct sk_buf *out, const struct sk_model *m)
{
	size_t total = m->ntypes + m->nsequences + m->nfunctions + m->ntables + m->nviews, n = 0;
	size_t alloc = total ? total : 1, emitted = 0, forced = 0;
	struct node *nodes = sk_xcalloc(alloc, sizeof(*nodes));
	struct rank_ctx *order = sk_xcalloc(alloc, sizeof(*order));
	size_t *rank = sk_xcalloc(alloc, sizeof(*rank));
	struct sk_heap h = {sk_xcalloc(alloc, sizeof(size_t)), 0};

	for (size_t i = 0; i < m->ntypes; i++)
		add_node(nodes, &n, SK_OBJ_TYPE, m->types[i].schema, sk_xstrdup(m->types[i].name),
		         &m->types[i], m->types[i].deps, m->types[i].ndeps);
	for (size_t i = 0; i < m->nsequences; i++)
		add_node(nodes, &n, SK_OBJ_SEQUENCE, m->sequences[i].schema, sk_xstrdup(m->sequences[i].name),
		         &m->sequences[i], NULL, 0);
	for (size_t i = 0; i < m->nfunctions; i++) {
		const struct sk_function *f = &m->functions[i];
		add_node(nodes, &n, SK_OBJ_FUNCTION, f->schema,
		         sk_xstrfmt("%s(%s)", f->name, f->identity_args ? f->identity_args : ""), f, f->deps,
		         f->ndeps);
		nodes[n - 1].tier = sk_pg_checked_body(f) ? 2 : 0;
	}
	for (size_t i = 0; i < m->ntables; i++)
		add_node(nodes, &n, SK_OBJ_TABLE, m->tables[i].schema, sk_xstrdup(m->tables[i].name),
		         &m->tables[i], m->tables[i].deps, m->tables[i].ndeps);
	for (size_t i = 0; i < m->nviews; i++)
		add_node(nodes, &n, SK_OBJ_VIEW, m->views[i].schema, sk_xstrdup(m->views[i].name),
		         &m->views[i], m->views[i].deps, m->views[i].ndeps);
	if (n > 1)
		qsort(nodes, n, sizeof(*nodes), cmp_node);

	for (size_t u = 0; u < n; u++) {
		for (size_t d = 0; d < nodes[u].ndeps; d++) {
			struct node *v = bsearch(&nodes[u].deps[d], nodes, n, sizeof(*nodes), cmp_ref_node);

			if (!v || v == &nodes[u])
				continue;
			SK_ALLOC_GROW(v->next, v->nnext + 1, v->anext);
			v->next[v->nnext++] = u;
			nodes[u].indeg++;
		}
	}
	settle_tiers(nodes, n);
	for (size_t i = 0; i < n; i++) {
		order[i].nodes = nodes;
		order[i].i = i;
	}
	if (n > 1)
		qsort(order, n, sizeof(*order), cmp_rank);
	for (size_t r = 0; r < n; r++)
		rank[order[r].i] = r;

	for (size_t u = 0; u < n; u++)
		if (!nodes[u].indeg)
			sk_heap_push(&h, rank[u]);
	while (emitted < n) {
		struct node *x;

		if (!h.n) {
			/* a cycle: take the first object not yet written */
			while (nodes[order[forced].i].done)
				forced++;
			sk_heap_push(&h, forced);
		}
		x = &nodes[order[sk_heap_pop(&h)].i];
		if (x->done)
			continue;
		x->done = true;
		emitted++;
		emit_node(out, x);
		for (size_t k = 0; k < x->nnext; k++) {
			struct node *v = &nodes[x->next[k]];
			if (!v->done && v->indeg && --v->indeg == 0)
				sk_heap_push(&h, rank[x->next[k]]);
		}
	}

	for (size_t i = 0; i < n; i++) {
		free(nodes[i].name);
		free(nodes[i].next);
	}
	free(nodes);
	free(order);
	free(rank);
	free(h.v);
}

/* ---- after the objects ---- */

void sk_pg_alter_table(struct sk_buf *out, const struct sk_table *t)
{
	/* a partitioned table's constraints must reach its partitions */
	sk_buf_adds(out, t->kind == SK_TABLE_PARTITIONED ? "ALTER TABLE " : "ALTER TABLE ONLY ");
	qual(out, t->schema, t->name);
}

void sk_pg_emit_owned_by(struct sk_buf *out, const struct sk_sequence *s)
{
	if (!s->owned_by_table || !s->owned_by_column)
		return;
	sk_buf_adds(out, "ALTER SEQUENCE ");
	qual(out, s->schema, s->name);
	sk_buf_adds(out, " OWNED BY ");
	qual(out, s->owned_by_schema, s->owned_by_table);
	sk_buf_addch(out, '.');
	ident(out, s->owned_by_column);
	sk_buf_adds(out, ";\n");
}

static void emit_owned_by(struct sk_buf *out, const struct sk_model *m)
{
	for (size_t i = 0; i < m->nsequences; i++) {
		if (!m->sequences[i].owned_by_table || !m->sequences[i].owned_by_column)
			continue;
		block(out);
		sk_pg_emit_owned_by(out, &m->sequences[i]);
	}
}

static void alter_column(struct sk_buf *out, bool blank_line, const char *what, const char *schema,
                         const char *name, const char *column)
{
	if (blank_line)
		block(out);
	sk_buf_addf(out, "%s ", what);
	qual(out, schema, name);
	sk_buf_adds(out, " ALTER COLUMN ");
	ident(out, column);
}

void sk_pg_emit_partition_settings(struct sk_buf *out, const struct sk_table *t, const struct sk_table *p,
                                   bool blank_lines)
{
	for (size_t j = 0; j < t->ncolumns; j++) {
		const struct sk_column *c = &t->columns[j];
		const struct sk_column *pc = sk_table_find_column(p, c->name);

		if (!pc || c->generated_expr || pc->generated_expr)
			continue;
		if (!same(c->default_expr, pc->default_expr)) {
			alter_column(out, blank_lines, "ALTER TABLE ONLY", t->schema, t->name, c->name);
			if (c->default_expr)
				sk_buf_addf(out, " SET DEFAULT %s;\n", c->default_expr);
			else
				sk_buf_adds(out, " DROP DEFAULT;\n");
		}
		if (c->not_null && !pc->not_null) {
			alter_column(out, blank_lines, "ALTER TABLE ONLY", t->schema, t->name, c->name);
			sk_buf_adds(out, " SET NOT NULL;\n");
		}
	}
}

void sk_pg_emit_view_defaults(struct sk_buf *out, const struct sk_view *v, bool blank_lines)
{
	for (size_t j = 0; j < v->ncolumns; j++) {
		if (!v->columns[j].default_expr || v->materialized)
			continue;
		alter_column(out, blank_lines, "ALTER VIEW", v->schema, v->name, v->columns[j].name);
		sk_buf_addf(out, " SET DEFAULT %s;\n", v->columns[j].default_expr);
	}
}

/* What PARTITION OF does not give a partition: column defaults and NOT
 * NULL of its own; and the defaults of view columns. */
static void emit_column_settings(struct sk_buf *out, const struct sk_model *m)
{
	for (size_t i = 0; i < m->ntables; i++) {
		const struct sk_table *t = &m->tables[i], *p;

		if (!t->parent_name || !(p = sk_model_find_table(m, t->parent_schema, t->parent_name)))
			continue;
		sk_pg_emit_partition_settings(out, t, p, true);
	}
	for (size_t i = 0; i < m->nviews; i++)
		sk_pg_emit_view_defaults(out, &m->views[i], true);
}

void sk_pg_emit_constraint(struct sk_buf *out, const struct sk_table *t, const struct sk_constraint *k)
{
	sk_pg_alter_table(out, t);
	sk_buf_adds(out, "\n" INDENT "ADD CONSTRAINT ");
	ident(out, k->name);
	sk_buf_addf(out, " %s;\n", k->definition);
}

static void emit_constraints(struct sk_buf *out, const struct sk_model *m, bool foreign)
{
	for (size_t i = 0; i < m->ntables; i++) {
		const struct sk_table *t = &m->tables[i];

		for (size_t j = 0; j < t->nconstraints; j++) {
			const struct sk_constraint *k = &t->constraints[j];

			if ((k->kind == SK_CON_FOREIGN) != foreign || k == sk_pg_inline_pk(t))
				continue;
			block(out);
			sk_pg_emit_constraint(out, t, k);
		}
	}
}

/* Skips an identifier as the server prints it: "quoted" or bare. */
static const char *skip_ident(const char *p)
{
	if (*p != '"')
		return p + strcspn(p, " ");
	for (p++; *p; p++) {
		if (*p == '"' && p[1] == '"')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return p;
}

/* pg_get_indexdef writes the index of a partitioned table "ON ONLY" it,
 * which would leave the partitions without theirs: they get it when it is
 * created on the whole table. */
static void add_index_def(struct sk_buf *out, const char *def, bool partitioned)
{
	const char *p = def;

	if (partitioned && !strncmp(p, "CREATE ", 7)) {
		p += 7;
		if (!strncmp(p, "UNIQUE ", 7))
			p += 7;
		if (!strncmp(p, "INDEX ", 6)) {
			p = skip_ident(p + 6);
			if (!strncmp(p, " ON ONLY ", 9)) {
				sk_buf_add(out, def, (size_t)(p - def));
				sk_buf_adds(out, " ON ");
				sk_buf_adds(out, p + 9);
				return;
			}
		}
	}
	sk_buf_adds(out, def);
}

void sk_pg_emit_index(struct sk_buf *out, const struct sk_index *idx, bool partitioned)
{
	add_index_def(out, idx->definition, partitioned);
	sk_buf_adds(out, ";\n");
}

static void emit_indexes(struct sk_buf *out, const struct sk_index *idx, size_t n, bool partitioned)
{
	for (size_t i = 0; i < n; i++) {
		block(out);
		sk_pg_emit_index(out, &idx[i], partitioned);
	}
}

void sk_pg_emit_trigger(struct sk_buf *out, const struct sk_trigger *tg)
{
	add_trimmed(out, tg->definition);
	sk_buf_adds(out, ";\n");
}

static void emit_triggers(struct sk_buf *out, const struct sk_trigger *tg, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		block(out);
		sk_pg_emit_trigger(out, &tg[i]);
	}
}

/* ---- comments ---- */

void sk_pg_emit_comment(struct sk_buf *out, const char *what, const char *target, const char *text)
{
	sk_buf_addf(out, "COMMENT ON %s %s IS ", what, target);
	if (text)
		literal(out, text);
	else
		sk_buf_adds(out, "NULL");
	sk_buf_adds(out, ";\n");
}

/* COMMENT ON <what> <target> IS '<text>'; target already in buffer t. */
static void comment_on(struct sk_buf *out, const char *what, const struct sk_buf *target, const char *text)
{
	if (!text)
		return;
	block(out);
	sk_pg_emit_comment(out, what, target->buf, text);
}

static void comment_qualified(struct sk_buf *out, const char *what, const char *schema, const char *name,
                              const char *text)
{
	struct sk_buf t = SK_BUF_INIT;

	if (!text)
		return;
	qual(&t, schema, name);
	comment_on(out, what, &t, text);
	sk_buf_release(&t);
}

static void comment_columns(struct sk_buf *out, const char *schema, const char *name,
                            const struct sk_column *cols, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct sk_buf t = SK_BUF_INIT;

		if (!cols[i].comment)
			continue;
		qual(&t, schema, name);
		sk_buf_addch(&t, '.');
		ident(&t, cols[i].name);
		comment_on(out, "COLUMN", &t, cols[i].comment);
		sk_buf_release(&t);
	}
}

/* COMMENT ON CONSTRAINT/TRIGGER name ON table */
static void comment_on_table_part(struct sk_buf *out, const char *what, const char *part, const char *schema,
                                  const char *name, const char *text)
{
	struct sk_buf t = SK_BUF_INIT;

	if (!text)
		return;
	ident(&t, part);
	sk_buf_adds(&t, " ON ");
	qual(&t, schema, name);
	comment_on(out, what, &t, text);
	sk_buf_release(&t);
}

static void comment_rel_parts(struct sk_buf *out, const char *schema, const char *name,
                              const struct sk_index *idx, size_t nidx, const struct sk_trigger *tg,
                              size_t ntg)
{
	for (size_t i = 0; i < nidx; i++)
		comment_qualified(out, "INDEX", schema, idx[i].name, idx[i].comment);
	for (size_t i = 0; i < ntg; i++)
		comment_on_table_part(out, "TRIGGER", tg[i].name, schema, name, tg[i].comment);
}

static void emit_comments(struct sk_buf *out, const struct sk_model *m)
{
	for (size_t i = 0; i < m->nnamespaces; i++) {
		const struct sk_namespace *ns = &m->namespaces[i];

		/* public's comment in a new database */
		if (!strcmp(ns->name, "public") && same(ns->comment, "standard public schema"))
			continue;
		comment_qualified(out, "SCHEMA", NULL, ns->name, ns->comment);
	}
	for (size_t i = 0; i < m->nextensions; i++)
		comment_qualified(out, "EXTENSION", NULL, m->extensions[i].name, m->extensions[i].comment);
	for (size_t i = 0; i < m->ntypes; i++)
		comment_qualified(out, m->types[i].kind == SK_TYPE_DOMAIN ? "DOMAIN" : "TYPE",
		                  m->types[i].schema, m->types[i].name, m->types[i].comment);
	for (size_t i = 0; i < m->nsequences; i++)
		comment_qualified(out, "SEQUENCE", m->sequences[i].schema, m->sequences[i].name,
		                  m->sequences[i].comment);
	for (size_t i = 0; i < m->nfunctions; i++) {
		const struct sk_function *f = &m->functions[i];
		struct sk_buf t = SK_BUF_INIT;

		if (!f->comment)
			continue;
		qual(&t, f->schema, f->name);
		sk_buf_addf(&t, "(%s)", f->identity_args ? f->identity_args : "");
		comment_on(out, f->kind == 'p' ? "PROCEDURE" : "FUNCTION", &t, f->comment);
		sk_buf_release(&t);
	}
	for (size_t i = 0; i < m->ntables; i++) {
		const struct sk_table *t = &m->tables[i];

		comment_qualified(out, "TABLE", t->schema, t->name, t->comment);
		comment_columns(out, t->schema, t->name, t->columns, t->ncolumns);
		for (size_t j = 0; j < t->nconstraints; j++)
			comment_on_table_part(out, "CONSTRAINT", t->constraints[j].name, t->schema, t->name,
			                      t->constraints[j].comment);
		comment_rel_parts(out, t->schema, t->name, t->indexes, t->nindexes, t->triggers,
		                  t->ntriggers);
	}
	for (size_t i = 0; i < m->nviews; i++) {
		const struct sk_view *v = &m->views[i];

		comment_qualified(out, v->materialized ? "MATERIALIZED VIEW" : "VIEW", v->schema, v->name,
		                  v->comment);
		comment_columns(out, v->schema, v->name, v->columns, v->ncolumns);
		comment_rel_parts(out, v->schema, v->name, v->indexes, v->nindexes, v->triggers,
		                  v->ntriggers);
	}
}

/* ---- the dump ---- */

void sk_emit_sql_pg(struct sk_buf *out, const struct sk_model *m)
{
	for (size_t i = 0; i < m->nnamespaces; i++) {
		if (!strcmp(m->namespaces[i].name, "public"))
			continue;
		block(out);
		sk_buf_adds(out, "CREATE SCHEMA ");
		ident(out, m->namespaces[i].name);
		sk_buf_adds(out, ";\n");
	}
	/* after the schemas: an extension may live in one */
	for (size_t i = 0; i < m->nextensions; i++) {
		block(out);
		sk_buf_adds(out, "CREATE EXTENSION IF NOT EXISTS ");
		ident(out, m->extensions[i].name);
		if (m->extensions[i].schema) {
			sk_buf_adds(out, " WITH SCHEMA ");
			ident(out, m->extensions[i].schema);
		}
		sk_buf_adds(out, ";\n");
	}
	emit_objects(out, m);
	emit_owned_by(out, m);
	emit_column_settings(out, m);
	emit_constraints(out, m, false);
	for (size_t i = 0; i < m->ntables; i++)
		emit_indexes(out, m->tables[i].indexes, m->tables[i].nindexes,
		             m->tables[i].kind == SK_TABLE_PARTITIONED);
	for (size_t i = 0; i < m->nviews; i++)
		emit_indexes(out, m->views[i].indexes, m->views[i].nindexes, false);
	emit_constraints(out, m, true);
	for (size_t i = 0; i < m->ntables; i++)
		emit_triggers(out, m->tables[i].triggers, m->tables[i].ntriggers);
	for (size_t i = 0; i < m->nviews; i++)
		emit_triggers(out, m->views[i].triggers, m->views[i].ntriggers);
	emit_comments(out, m);
}
