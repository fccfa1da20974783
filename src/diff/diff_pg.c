/*
 * diff/diff_pg.c: the PostgreSQL differ. Two models in (what the database
 * is, what it should be), operations out, each with its exact inverse.
 *
 * How it works:
 *  1. match the objects of both models by kind, schema and name (table
 *     renames from the hints; sequences of renamed tables by their owner),
 *     columns by name (column renames from the hints), constraints, indexes
 *     and triggers by name (a renamed one by its definition);
 *  2. decide each object's fate: kept (and maybe altered in place),
 *     created, removed, or recreated (dropped and created again), and
 *     spread recreation to what depends on a recreated object: views and
 *     functions over it (from the models' deps), and constraints, indexes,
 *     triggers and column defaults that name it (from their texts);
 *  3. write the operations in the order they must run:
 *       P1 drops of what is in the way: triggers, foreign keys, other
 *          constraints and indexes, column defaults that call a function
 *          dropped here, sequence ownership, then views, recreated objects
 *          and some removed ones (dependants first): those whose name a new
 *          object takes, SQL functions with checked bodies (going down they
 *          come last, after what they read), and what depends on them;
 *       P1.5 renames;
 *       P2 schemas, extensions, then creates and in-place changes of
 *          types, sequences, functions, tables (columns) and views in the
 *          dependency order of the target model;
 *       P3 drops of removed columns, functions, tables, sequences, types
 *          (dependants first), extensions and schemas: late, so that what
 *          P2 changed no longer needs them;
 *       P4 sequence ownership, constraints, indexes, foreign keys, triggers;
 *       P5 comments of kept objects (a created object's comment comes with
 *          it).
 *     Each operation's down undoes exactly its up, in the state its up left,
 *     so the reversed list is the down migration.
 *
 * Types change in place where PostgreSQL can (ALTER TYPE ... ADD VALUE,
 * ALTER DOMAIN, composite attributes); otherwise they are rebuilt: the
 * columns using one go to text, the type is dropped and created again, the
 * columns come back from text. The inverse of ADD VALUE is such a rebuild,
 * so what would block it (views and functions over the type, constraints
 * and indexes naming it) is recreated around an enum that gains values too.
 * An operation that uses a value added in the same migration makes the
 * migration run outside a transaction (the value must be committed first).
 *
 * CREATE statements come from emit/sql_pg.c, so created objects read back as
 * the dump writes them. Not done here: reading databases (introspect/),
 * rendering the migration file (diff.c).
 *
 * Known limits: a column added by a diff goes last, and one dropped and
 * added back (down of a drop, generated expression changed) goes last too:
 * a diff never reorders columns (nor composite type attributes); partitions
 * that gain or lose their parent keep the copies of the parent's indexes
 * PostgreSQL made for them; a type that is rebuilt (enum values removed or
 * reordered, a domain's base type, a range) must not be used by another
 * type's definition; a column whose type changes must not be used by a
 * generated column that stays; a table column of a view's row type blocks
 * recreating the view. A matview is created WITH DATA (the dump writes WITH
 * NO DATA; the model does not see the difference).
 */
#include "diff/diff.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/heap.h"
#include "db/db.h"
#include "emit/sql.h"
#include "emit/sql_pg.h"

#include "common/banned.h"

#define PG SK_DIALECT_POSTGRES

/* ---- text ---- */

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Appends fmt, where %s is text as it is, %I an identifier (quoted where
 * needed), %Q a schema-qualified name (two arguments: schema, name), %L a
 * literal (NULL when the argument is NULL), %d an int, %D a long long. */
static void vaddq(struct sk_buf *b, const char *fmt, va_list ap)
{
	for (const char *p = fmt; *p; p++) {
		const char *s, *n;

		if (*p != '%') {
			sk_buf_addch(b, *p);
			continue;
		}
		switch (*++p) {
		case 's':
			sk_buf_adds(b, va_arg(ap, const char *));
			break;
		case 'I':
			sk_emit_ident(b, PG, va_arg(ap, const char *));
			break;
		case 'Q':
			s = va_arg(ap, const char *);
			n = va_arg(ap, const char *);
			sk_emit_qualified(b, PG, s, n);
			break;
		case 'L':
			s = va_arg(ap, const char *);
			if (s)
				sk_db_quote_literal(b, PG, s);
			else
				sk_buf_adds(b, "NULL");
			break;
		case 'd':
			sk_buf_addf(b, "%d", va_arg(ap, int));
			break;
		case 'D':
			sk_buf_addf(b, "%lld", va_arg(ap, long long));
			break;
		default:
			sk_buf_addch(b, '%');
			if (*p)
				sk_buf_addch(b, *p);
			else
				p--;
			break;
		}
	}
}

static void addq(struct sk_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vaddq(b, fmt, ap);
	va_end(ap);
}

static char *strq(const char *fmt, ...)
{
	struct sk_buf b = SK_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	vaddq(&b, fmt, ap);
	va_end(ap);
	return sk_buf_detach(&b, NULL);
}

static bool ident_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '_' || ch == '$' || (unsigned char)ch >= 0x80;
}

/* Whether text names `needle` (a name as the server prints it) as a whole
 * word: not inside a longer name, not as the second part of another
 * qualified name (unless dot_ok). */
static bool mentions_word(const char *text, const char *needle, bool dot_ok)
{
	size_t n = strlen(needle);

	if (!text || !n)
		return false;
	for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle)) {
		char before = p > text ? p[-1] : ' ', after = p[n];

		if (ident_char(before) || (before == '.' && !dot_ok) || (before == '"' && needle[0] != '"'))
			continue;
		if (needle[n - 1] != '(' && (ident_char(after) || (after == '"' && needle[n - 1] != '"')))
			continue;
		return true;
	}
	return false;
}

/* text with every whole-word `from` replaced by `to` (a new string). */
static char *replace_word(const char *text, const char *from, const char *to, bool dot_ok)
{
	struct sk_buf b = SK_BUF_INIT;
	size_t n = strlen(from);
	const char *p = text;

	if (!n)
		return sk_xstrdup(text);
	for (;;) {
		const char *q = strstr(p, from);
		char before, after;

		if (!q) {
			sk_buf_adds(&b, p);
			break;
		}
		before = q > text ? q[-1] : ' ';
		after = q[n];
		if (ident_char(before) || (before == '.' && !dot_ok) || (before == '"' && from[0] != '"') ||
		    ident_char(after) || (after == '"' && from[n - 1] != '"')) {
			sk_buf_add(&b, p, (size_t)(q - p) + 1);
			p = q + 1;
			continue;
		}
		sk_buf_add(&b, p, (size_t)(q - p));
		sk_buf_adds(&b, to);
		p = q + n;
	}
	return sk_buf_detach(&b, NULL);
}

/* ---- operations ---- */

/* An operation being built: statements appended to up, their inverses
 * collected and written in reverse order as down. */
struct opb {
	struct sk_buf up;
	char **down;
	size_t ndown, adown;
	bool destructive;
	struct sk_buf why;
	bool no_transaction;
};

static void opb_init(struct opb *b)
{
	memset(b, 0, sizeof(*b));
	sk_buf_init(&b->up);
	sk_buf_init(&b->why);
}

/* One step: up (appended) and its inverse down (run before the inverses
 * of the earlier steps). Takes ownership of both (either may be NULL). */
static void step(struct opb *b, char *up, char *down)
{
	if (up)
		sk_buf_adds(&b->up, up);
	if (down) {
		SK_ALLOC_GROW(b->down, b->ndown + 1, b->adown);
		b->down[b->ndown++] = down;
	}
	free(up);
}

static void destructive(struct opb *b, char *why)
{
	if (b->why.len)
		sk_buf_adds(&b->why, "; ");
	sk_buf_adds(&b->why, why);
	b->destructive = true;
	free(why);
}

/* Adds the operation to the diff when it has anything to do. */
static struct sk_diff_op *opb_finish(struct sk_diff *out, struct opb *b, char *object)
{
	struct sk_diff_op *op = NULL;

	if (b->up.len) {
		struct sk_buf down = SK_BUF_INIT;

		for (size_t i = b->ndown; i > 0; i--)
			sk_buf_adds(&down, b->down[i - 1]);
		op = sk_diff_add(out, object, b->up.buf, down.buf, b->destructive,
		                 b->destructive ? b->why.buf : NULL);
		op->no_transaction = b->no_transaction;
		sk_buf_release(&down);
	}
	for (size_t i = 0; i < b->ndown; i++)
		free(b->down[i]);
	free(b->down);
	sk_buf_release(&b->up);
	sk_buf_release(&b->why);
	free(object);
	opb_init(b);
	return op;
}

/* ---- matched objects ---- */

enum state {
	ST_KEEP = 0, /* in both: altered in place where they differ */
	ST_CREATE,   /* only in `to` */
	ST_REMOVE,   /* only in `from` */
	ST_RECREATE  /* in both: dropped (P1) and created again (P2) */
};

/* A column of a table in either model. cur_default follows the column's
 * default through the operations written so far. */
struct colpair {
	const struct sk_column *f, *t;
	char *cur_default;
	bool renamed;
	bool retype;         /* type or collation changes */
	bool recreate;       /* dropped and added again (a generated expression) */
	bool drop_expr;      /* a generated column becomes a plain one */
	bool detach_default; /* its default calls a recreated function */
	bool rebuilt;        /* its type is rebuilt */
};

struct node {
	enum sk_obj_kind kind;
	const void *f, *t;
	const char *fschema, *tschema;
	char *fkey, *tkey; /* name, or name(args) for functions */
	enum state state;
	bool renamed;
	bool early;            /* removed, but dropped in P1: its name is needed */
	bool structural;       /* tables: columns change type, go away, are renamed */
	bool rebuild;          /* types: replaced by a new type (rename, create, move columns, drop) */
	bool enum_add;         /* enums: values added in place */
	bool in_place;         /* views: CREATE OR REPLACE; functions: CREATE OR REPLACE */
	bool append;           /* views: columns appended (down drops and creates the view) */
	bool own_mode;         /* partitions in both, of the same parent, with the same bound */
	bool key_dropped;      /* a key a foreign key may reference (unique-ish) is dropped */
	bool *detached_checks; /* domains: checks dropped in P1 */
	bool detached_default; /* domains: default dropped in P1 */
	struct colpair *cols;
	size_t ncols;
	/* ordering scratch */
	bool in_set, done;
	int tier;
	size_t indeg, rank;
	struct node **next; /* what needs this node */
	size_t nnext, anext;
};

enum sub_kind { SUB_CON = 0, SUB_IDX, SUB_TRG };

/* A constraint, index or trigger of a table or view in either model. */
struct sub {
	enum sub_kind kind;
	struct node *owner;
	const void *f, *t;
	bool drop, create, rename;
};

struct ctx {
	const struct sk_model *from, *to;
	const struct sk_diff_opts *opts;
	struct sk_diff *out;
	struct node *nodes;
	size_t nnodes, anodes;
	struct node **by_from, **by_to;
	size_t nby_from, nby_to;
	struct sub *subs;
	size_t nsubs, asubs;
	struct table_rename {
		char *from, *to; /* qualified names as the server prints them */
	} * table_renames;
	size_t ntable_renames, atable_renames;
	/* enum values added in place: an operation that uses one must run
	 * after they are committed */
	struct added_label {
		size_t op;
		char *literal; /* 'label'::schema.type */
	} * labels;
	size_t nlabels, alabels;
};

static const struct sk_table *FT(const struct node *n)
{
	return n->f;
}
static const struct sk_table *TT(const struct node *n)
{
	return n->t;
}
static const struct sk_view *FV(const struct node *n)
{
	return n->f;
}
static const struct sk_view *TV(const struct node *n)
{
	return n->t;
}
static const struct sk_type *FY(const struct node *n)
{
	return n->f;
}
static const struct sk_type *TY(const struct node *n)
{
	return n->t;
}
static const struct sk_function *FF(const struct node *n)
{
	return n->f;
}
static const struct sk_function *TF(const struct node *n)
{
	return n->t;
}
static const struct sk_sequence *FS(const struct node *n)
{
	return n->f;
}
static const struct sk_sequence *TS(const struct node *n)
{
	return n->t;
}

/* The object's plain name on either side (without arguments). */
static const char *fname(const struct node *n)
{
	switch (n->kind) {
	case SK_OBJ_TYPE:
		return FY(n)->name;
	case SK_OBJ_SEQUENCE:
		return FS(n)->name;
	case SK_OBJ_FUNCTION:
		return FF(n)->name;
	case SK_OBJ_TABLE:
		return FT(n)->name;
	default:
		return FV(n)->name;
	}
}

static const char *tname(const struct node *n)
{
	switch (n->kind) {
	case SK_OBJ_TYPE:
		return TY(n)->name;
	case SK_OBJ_SEQUENCE:
		return TS(n)->name;
	case SK_OBJ_FUNCTION:
		return TF(n)->name;
	case SK_OBJ_TABLE:
		return TT(n)->name;
	default:
		return TV(n)->name;
	}
}

/* The name a kept object has at a point of the migration: its old name
 * before the renames (P1), its new name after. */
static const char *cur_name(const struct node *n, bool after_renames)
{
	return n->t && (after_renames || !n->f) ? tname(n) : fname(n);
}

static const char *cur_schema(const struct node *n, bool after_renames)
{
	return n->t && (after_renames || !n->f) ? n->tschema : n->fschema;
}

static void deps_of(const struct node *n, bool to, const struct sk_ref **deps, size_t *ndeps)
{
	const void *o = to ? n->t : n->f;

	*deps = NULL;
	*ndeps = 0;
	if (!o)
		return;
	switch (n->kind) {
	case SK_OBJ_TYPE:
		*deps = ((const struct sk_type *)o)->deps;
		*ndeps = ((const struct sk_type *)o)->ndeps;
		break;
	case SK_OBJ_FUNCTION:
		*deps = ((const struct sk_function *)o)->deps;
		*ndeps = ((const struct sk_function *)o)->ndeps;
		break;
	case SK_OBJ_TABLE:
		*deps = ((const struct sk_table *)o)->deps;
		*ndeps = ((const struct sk_table *)o)->ndeps;
		break;
	case SK_OBJ_VIEW:
		*deps = ((const struct sk_view *)o)->deps;
		*ndeps = ((const struct sk_view *)o)->ndeps;
		break;
	default:
		break;
	}
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_key(enum sk_obj_kind k1, const char *s1, const char *n1, enum sk_obj_kind k2, const char *s2,
                   const char *n2)
{
	int c = (k1 > k2) - (k1 < k2);

	if (!c)
		c = cmp_str(s1, s2);
	return c ? c : cmp_str(n1, n2);
}

static int cmp_from(const void *a, const void *b)
{
	const struct node *x = *(struct node *const *)a, *y = *(struct node *const *)b;

	return cmp_key(x->kind, x->fschema, x->fkey, y->kind, y->fschema, y->fkey);
}

static int cmp_to(const void *a, const void *b)
{
	const struct node *x = *(struct node *const *)a, *y = *(struct node *const *)b;

	return cmp_key(x->kind, x->tschema, x->tkey, y->kind, y->tschema, y->tkey);
}

/* The node of an object by its key in one model. */
static struct node *lookup(const struct ctx *c, bool to, enum sk_obj_kind kind, const char *schema,
                           const char *key)
{
	struct node **v = to ? c->by_to : c->by_from;
	size_t lo = 0, hi = to ? c->nby_to : c->nby_from;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct node *m = v[mid];
		int r = to ? cmp_key(kind, schema, key, m->kind, m->tschema, m->tkey)
		           : cmp_key(kind, schema, key, m->kind, m->fschema, m->fkey);

		if (!r)
			return v[mid];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static struct node *lookup_ref(const struct ctx *c, bool to, const struct sk_ref *r)
{
	return lookup(c, to, r->kind, r->schema, r->name);
}

static struct node *table_node(const struct ctx *c, bool to, const char *schema, const char *name)
{
	return name ? lookup(c, to, SK_OBJ_TABLE, schema, name) : NULL;
}

static char *func_key(const struct sk_function *f)
{
	return sk_xstrfmt("%s(%s)", f->name, f->identity_args ? f->identity_args : "");
}

static struct node *new_node(struct ctx *c, enum sk_obj_kind kind)
{
	struct node *n;

	SK_ALLOC_GROW(c->nodes, c->nnodes + 1, c->anodes);
	n = &c->nodes[c->nnodes++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	return n;
}

static void index_nodes(struct ctx *c, bool to)
{
	struct node ***v = to ? &c->by_to : &c->by_from;
	size_t *nv = to ? &c->nby_to : &c->nby_from;

	free(*v);
	*v = sk_xcalloc(c->nnodes ? c->nnodes : 1, sizeof(**v));
	*nv = 0;
	for (size_t i = 0; i < c->nnodes; i++)
		if (to ? c->nodes[i].t != NULL : c->nodes[i].f != NULL)
			(*v)[(*nv)++] = &c->nodes[i];
	if (*nv > 1)
		qsort(*v, *nv, sizeof(**v), to ? cmp_to : cmp_from);
}

/* ---- matching ---- */

/* A table rename hint that makes `to` table t the old one's successor. */
static const char *table_renamed_from(const struct ctx *c, const struct sk_table *t)
{
	for (size_t i = 0; i < c->opts->nrenames; i++) {
		const struct sk_rename *r = &c->opts->renames[i];

		if (r->column || strcmp(r->to, t->name))
			continue;
		if (sk_model_find_table(c->from, t->schema, r->table) &&
		    !sk_model_find_table(c->to, t->schema, r->table) &&
		    !sk_model_find_table(c->from, t->schema, t->name))
			return r->table;
	}
	return NULL;
}

static bool names_table(const char *spec, const char *schema, const char *name)
{
	size_t n = strlen(schema);

	return !strcmp(spec, name) ||
	       (!strncmp(spec, schema, n) && spec[n] == '.' && !strcmp(spec + n + 1, name));
}

/* Whether a column rename hint's table is the table of node n, or (for a
 * partition, whose columns are its parent's) one of its ancestors. */
static bool hint_names(const struct ctx *c, const char *spec, const struct node *n)
{
	const struct sk_table *t = FT(n);

	if (names_table(spec, TT(n)->schema, TT(n)->name))
		return true;
	for (int depth = 0; t && depth < 32; depth++) {
		if (names_table(spec, t->schema, t->name))
			return true;
		t = t->parent_name ? sk_model_find_table(c->from, t->parent_schema, t->parent_name) : NULL;
	}
	t = TT(n);
	for (int depth = 0; t && depth < 32; depth++) {
		if (names_table(spec, t->schema, t->name))
			return true;
		t = t->parent_name ? sk_model_find_table(c->to, t->parent_schema, t->parent_name) : NULL;
	}
	return false;
}

static const char *column_renamed_from(const struct ctx *c, const struct node *n, const struct sk_column *tc)
{
	for (size_t i = 0; i < c->opts->nrenames; i++) {
		const struct sk_rename *r = &c->opts->renames[i];

		if (!r->column || strcmp(r->to, tc->name) || !hint_names(c, r->table, n))
			continue;
		if (sk_table_find_column(FT(n), r->column) && !sk_table_find_column(TT(n), r->column) &&
		    !sk_table_find_column(FT(n), tc->name))
			return r->column;
	}
	return NULL;
}

static void pair_columns(struct ctx *c, struct node *n)
{
	const struct sk_table *f = FT(n), *t = TT(n);
	size_t max = (f ? f->ncolumns : 0) + (t ? t->ncolumns : 0), k = 0;
	bool *used = sk_xcalloc(f && f->ncolumns ? f->ncolumns : 1, sizeof(*used));

	n->cols = sk_xcalloc(max ? max : 1, sizeof(*n->cols));
	for (size_t i = 0; t && i < t->ncolumns; i++) {
		const char *old = f ? column_renamed_from(c, n, &t->columns[i]) : NULL;
		const char *want = old ? old : t->columns[i].name;
		struct colpair *cp = &n->cols[k++];

		cp->t = &t->columns[i];
		for (size_t j = 0; f && j < f->ncolumns; j++) {
			if (!used[j] && !strcmp(f->columns[j].name, want)) {
				used[j] = true;
				cp->f = &f->columns[j];
				cp->renamed = old != NULL;
				break;
			}
		}
	}
	for (size_t j = 0; f && j < f->ncolumns; j++)
		if (!used[j])
			n->cols[k++].f = &f->columns[j];
	n->ncols = k;
	for (size_t i = 0; i < k; i++)
		if (n->cols[i].f && n->cols[i].f->default_expr)
			n->cols[i].cur_default = sk_xstrdup(n->cols[i].f->default_expr);
	free(used);
}

static struct colpair *col_by_from(const struct node *n, const char *name)
{
	for (size_t i = 0; n && i < n->ncols; i++)
		if (n->cols[i].f && !strcmp(n->cols[i].f->name, name))
			return &n->cols[i];
	return NULL;
}

static struct colpair *col_by_to(const struct node *n, const char *name)
{
	for (size_t i = 0; n && i < n->ncols; i++)
		if (n->cols[i].t && !strcmp(n->cols[i].t->name, name))
			return &n->cols[i];
	return NULL;
}

/* The owner of a `from` sequence as the renames name it; false when the
 * sequence is not owned. */
static bool mapped_owner(const struct ctx *c, const struct sk_sequence *s, const char **schema,
                         const char **table, const char **column)
{
	struct node *tn;
	struct colpair *cp;

	if (!s->owned_by_table || !s->owned_by_column)
		return false;
	*schema = s->owned_by_schema;
	*table = s->owned_by_table;
	*column = s->owned_by_column;
	tn = table_node(c, false, s->owned_by_schema, s->owned_by_table);
	if (tn && tn->t) {
		*schema = tn->tschema;
		*table = TT(tn)->name;
		cp = col_by_from(tn, s->owned_by_column);
		if (cp && cp->t)
			*column = cp->t->name;
	}
	return true;
}

static bool same_owner(const struct ctx *c, const struct sk_sequence *f, const struct sk_sequence *t)
{
	const char *s, *tb, *col;

	if (!mapped_owner(c, f, &s, &tb, &col))
		return !t->owned_by_table;
	return t->owned_by_table && !cmp_str(s, t->owned_by_schema) && !strcmp(tb, t->owned_by_table) &&
	       !cmp_str(col, t->owned_by_column);
}

static bool same_seq_options(const struct sk_sequence *a, const struct sk_sequence *b)
{
	return same(a->data_type, b->data_type) && a->start == b->start && a->increment == b->increment &&
	       a->min_value == b->min_value && a->max_value == b->max_value && a->cache == b->cache &&
	       a->cycle == b->cycle;
}

static bool sequence_in(const struct sk_model *m, const char *schema, const char *name)
{
	for (size_t i = 0; i < m->nsequences; i++)
		if (!cmp_str(m->sequences[i].schema, schema) && !strcmp(m->sequences[i].name, name))
			return true;
	return false;
}

/* A `from` sequence the `to` one is the renamed successor of: owned by the
 * same (renamed) column, with the same options (serial sequences keep their
 * name when their table or column is renamed). */
static struct node *renamed_sequence(struct ctx *c, const struct sk_sequence *t)
{
	if (!t->owned_by_table)
		return NULL;
	for (size_t i = 0; i < c->nby_from; i++) {
		struct node *n = c->by_from[i];

		if (n->kind != SK_OBJ_SEQUENCE || n->t || cmp_str(n->fschema, t->schema) ||
		    !same_seq_options(FS(n), t) || !same_owner(c, FS(n), t))
			continue;
		/* its old name must be free in `to` */
		if (!sequence_in(c->to, n->fschema, FS(n)->name))
			return n;
	}
	return NULL;
}

static void match_to(struct ctx *c, enum sk_obj_kind kind, const void *obj, const char *schema, char *key,
                     const char *old_key, bool renamed)
{
	struct node *n = lookup(c, false, kind, schema, old_key ? old_key : key);

	if (!n || n->t)
		n = new_node(c, kind);
	n->t = obj;
	n->tschema = schema;
	n->tkey = key;
	n->renamed = renamed && n->f;
}

static void build_nodes(struct ctx *c)
{
	const struct sk_model *f = c->from, *t = c->to;

	c->anodes = f->ntypes + f->nsequences + f->nfunctions + f->ntables + f->nviews + t->ntypes +
	            t->nsequences + t->nfunctions + t->ntables + t->nviews + 1;
	c->nodes = sk_xcalloc(c->anodes, sizeof(*c->nodes));
#define FROM_NODES(list, count, kind, keyexpr)                                                               \
	for (size_t i = 0; i < f->count; i++) {                                                              \
		struct node *n = new_node(c, kind);                                                          \
		n->f = &f->list[i];                                                                          \
		n->fschema = f->list[i].schema;                                                              \
		n->fkey = keyexpr;                                                                           \
	}
	FROM_NODES(types, ntypes, SK_OBJ_TYPE, sk_xstrdup(f->types[i].name))
	FROM_NODES(sequences, nsequences, SK_OBJ_SEQUENCE, sk_xstrdup(f->sequences[i].name))
	FROM_NODES(functions, nfunctions, SK_OBJ_FUNCTION, func_key(&f->functions[i]))
	FROM_NODES(tables, ntables, SK_OBJ_TABLE, sk_xstrdup(f->tables[i].name))
	FROM_NODES(views, nviews, SK_OBJ_VIEW, sk_xstrdup(f->views[i].name))
#undef FROM_NODES
	index_nodes(c, false);

	for (size_t i = 0; i < t->ntables; i++) {
		const char *old = table_renamed_from(c, &t->tables[i]);
		match_to(c, SK_OBJ_TABLE, &t->tables[i], t->tables[i].schema, sk_xstrdup(t->tables[i].name),
		         old, old != NULL);
	}
	for (size_t i = 0; i < c->nnodes; i++)
		if (c->nodes[i].kind == SK_OBJ_TABLE)
			pair_columns(c, &c->nodes[i]);
	for (size_t i = 0; i < t->ntypes; i++)
		match_to(c, SK_OBJ_TYPE, &t->types[i], t->types[i].schema, sk_xstrdup(t->types[i].name), NULL,
		         false);
	for (size_t i = 0; i < t->nsequences; i++) {
		const struct sk_sequence *s = &t->sequences[i];
		struct node *n = lookup(c, false, SK_OBJ_SEQUENCE, s->schema, s->name), *old = NULL;

		if (!n || n->t)
			old = renamed_sequence(c, s);
		match_to(c, SK_OBJ_SEQUENCE, s, s->schema, sk_xstrdup(s->name), old ? FS(old)->name : NULL,
		         old != NULL);
	}
	for (size_t i = 0; i < t->nfunctions; i++)
		match_to(c, SK_OBJ_FUNCTION, &t->functions[i], t->functions[i].schema,
		         func_key(&t->functions[i]), NULL, false);
	for (size_t i = 0; i < t->nviews; i++)
		match_to(c, SK_OBJ_VIEW, &t->views[i], t->views[i].schema, sk_xstrdup(t->views[i].name), NULL,
		         false);
	index_nodes(c, true);
	for (size_t i = 0; i < c->nnodes; i++) {
		struct node *n = &c->nodes[i];

		n->state = n->f && n->t ? ST_KEEP : n->f ? ST_REMOVE : ST_CREATE;
	}
}

/* After a sequence rename, the defaults that call it read with its new
 * name. */
static void rename_in_defaults(struct ctx *c, const struct node *seq)
{
	struct sk_buf from = SK_BUF_INIT, to = SK_BUF_INIT, q = SK_BUF_INIT;

	sk_emit_qualified(&q, PG, seq->fschema, FS(seq)->name);
	sk_db_quote_literal(&from, PG, q.buf);
	sk_buf_adds(&from, "::regclass");
	sk_buf_reset(&q);
	sk_emit_qualified(&q, PG, seq->tschema, TS(seq)->name);
	sk_db_quote_literal(&to, PG, q.buf);
	sk_buf_adds(&to, "::regclass");
	for (size_t i = 0; i < c->nnodes; i++) {
		struct node *n = &c->nodes[i];

		for (size_t j = 0; n->kind == SK_OBJ_TABLE && j < n->ncols; j++) {
			char *cd = n->cols[j].cur_default, *p;
			if (!cd || !(p = strstr(cd, from.buf)))
				continue;
			{
				struct sk_buf nb = SK_BUF_INIT;
				sk_buf_add(&nb, cd, (size_t)(p - cd));
				sk_buf_adds(&nb, to.buf);
				sk_buf_adds(&nb, p + from.len);
				free(cd);
				n->cols[j].cur_default = sk_buf_detach(&nb, NULL);
			}
		}
	}
	sk_buf_release(&from);
	sk_buf_release(&to);
	sk_buf_release(&q);
}

/* ---- what changes ---- */

static bool line_eq(const char *a, const char *b)
{
	size_t na = strcspn(a, "\n"), nb = strcspn(b, "\n");

	return na == nb && !strncmp(a, b, na);
}

static const char *returns_line(const char *def)
{
	const char *p = def ? strstr(def, "\n RETURNS ") : NULL;

	return p ? p + 1 : "";
}

/* CREATE OR REPLACE can change a function unless its arguments (names,
 * defaults, modes) or its result change. */
static bool same_signature(const struct sk_function *f, const struct sk_function *t)
{
	return f->kind == t->kind && f->definition && t->definition &&
	       line_eq(f->definition, t->definition) &&
	       line_eq(returns_line(f->definition), returns_line(t->definition));
}

/* An SQL-standard body (BEGIN ATOMIC or RETURN): the server records what it
 * reads, down to the columns. */
static bool standard_body(const struct sk_function *f)
{
	return f->language && !strcmp(f->language, "sql") && !sk_pg_checked_body(f);
}

static bool column_uses_type(const struct sk_column *col, const struct sk_type *y)
{
	return col->type_name && !strcmp(col->type_name, y->name) && !cmp_str(col->type_schema, y->schema);
}

static bool type_used_by_columns(const struct sk_model *m, const struct sk_type *y)
{
	for (size_t i = 0; i < m->ntables; i++)
		for (size_t j = 0; j < m->tables[i].ncolumns; j++)
			if (column_uses_type(&m->tables[i].columns[j], y))
				return true;
	return false;
}

static bool labels_extend(const struct sk_type *f, const struct sk_type *t)
{
	size_t j = 0;

	for (size_t i = 0; i < t->nlabels && j < f->nlabels; i++)
		if (!strcmp(t->labels[i], f->labels[j]))
			j++;
	return j == f->nlabels;
}

static bool has_label(const struct sk_type *y, const char *label)
{
	for (size_t i = 0; i < y->nlabels; i++)
		if (!strcmp(y->labels[i], label))
			return true;
	return false;
}

static const struct sk_attribute *find_attr(const struct sk_type *y, const char *name)
{
	for (size_t i = 0; i < y->nattrs; i++)
		if (!strcmp(y->attrs[i].name, name))
			return &y->attrs[i];
	return NULL;
}

/* A composite type changes in place when dropping the attributes `to`
 * lacks and appending the new ones gives `to`'s order, and no attribute a
 * column uses changes type (the server refuses that). */
static bool composite_in_place(const struct ctx *c, const struct sk_type *f, const struct sk_type *t)
{
	size_t k = 0;
	bool retyped = false;

	for (size_t i = 0; i < f->nattrs; i++) {
		const struct sk_attribute *ta = find_attr(t, f->attrs[i].name);
		if (!ta)
			continue;
		if (k >= t->nattrs || strcmp(t->attrs[k].name, ta->name))
			return false;
		k++;
		if (!same(ta->type, f->attrs[i].type) || !same(ta->collation, f->attrs[i].collation))
			retyped = true;
	}
	for (; k < t->nattrs; k++)
		if (find_attr(f, t->attrs[k].name))
			return false;
	return !retyped || !type_used_by_columns(c->from, f);
}

static bool same_view_column(const struct sk_column *a, const struct sk_column *b)
{
	return !strcmp(a->name, b->name) && same(a->type, b->type) && same(a->collation, b->collation);
}

static void classify_table(struct ctx *c, struct node *n)
{
	const struct sk_table *f = FT(n), *t = TT(n);

	if (f->kind != t->kind || !same(f->partition_key, t->partition_key)) {
		n->state = ST_RECREATE;
		n->structural = true;
		return;
	}
	if (n->renamed)
		n->structural = true;
	for (size_t i = 0; i < n->ncols; i++) {
		struct colpair *cp = &n->cols[i];

		if (!cp->t) {
			n->structural = true;
			continue;
		}
		if (!cp->f)
			continue;
		if (cp->renamed)
			n->structural = true;
		if (!same(cp->f->generated_expr, cp->t->generated_expr)) {
			if (cp->f->generated_expr && !cp->t->generated_expr)
				cp->drop_expr = true;
			else
				cp->recreate = true;
			n->structural = true;
		}
		if (!cp->recreate &&
		    (!same(cp->f->type, cp->t->type) || !same(cp->f->collation, cp->t->collation))) {
			cp->retype = true;
			n->structural = true;
		}
	}
	if (f->parent_name && t->parent_name) {
		struct node *pf = table_node(c, false, f->parent_schema, f->parent_name);

		n->own_mode = pf && pf->t && !cmp_str(pf->tschema, t->parent_schema) &&
		              !strcmp(TT(pf)->name, t->parent_name) &&
		              same(f->partition_bound, t->partition_bound);
	}
}

static void classify(struct ctx *c)
{
	for (size_t i = 0; i < c->nnodes; i++) {
		struct node *n = &c->nodes[i];

		if (n->state != ST_KEEP)
			continue;
		switch (n->kind) {
		case SK_OBJ_TABLE:
			classify_table(c, n);
			break;
		case SK_OBJ_VIEW: {
			const struct sk_view *f = FV(n), *t = TV(n);
			bool prefix = f->ncolumns <= t->ncolumns, equal;

			for (size_t j = 0; prefix && j < f->ncolumns; j++)
				prefix = same_view_column(&f->columns[j], &t->columns[j]);
			equal = prefix && f->ncolumns == t->ncolumns;
			if (f->materialized != t->materialized)
				n->state = ST_RECREATE;
			else if (same(f->definition, t->definition) && same(f->options, t->options) && equal)
				;
			else if (!f->materialized && equal)
				n->in_place = true;
			else if (!f->materialized && prefix && !f->ntriggers)
				n->in_place = n->append = true;
			else
				n->state = ST_RECREATE;
			break;
		}
		case SK_OBJ_FUNCTION:
			if (same(FF(n)->definition, TF(n)->definition))
				;
			else if (same_signature(FF(n), TF(n)))
				n->in_place = true;
			else
				n->state = ST_RECREATE;
			break;
		case SK_OBJ_TYPE: {
			const struct sk_type *f = FY(n), *t = TY(n);

			if (f->kind != t->kind)
				n->rebuild = true;
			else if (f->kind == SK_TYPE_ENUM) {
				bool eq = f->nlabels == t->nlabels;
				for (size_t j = 0; eq && j < f->nlabels; j++)
					eq = !strcmp(f->labels[j], t->labels[j]);
				if (!eq && labels_extend(f, t))
					n->enum_add = true;
				else if (!eq)
					n->rebuild = true;
			} else if (f->kind == SK_TYPE_DOMAIN) {
				n->rebuild = !same(f->base_type, t->base_type) ||
				             !same(f->collation, t->collation);
			} else if (f->kind == SK_TYPE_COMPOSITE) {
				n->rebuild = !composite_in_place(c, f, t);
			} else {
				n->rebuild = !same(f->range_body, t->range_body);
			}
			break;
		}
		default:
			break;
		}
	}
}

static bool is_partition_of_structural(const struct ctx *c, const struct sk_table *t)
{
	for (int depth = 0; t && t->parent_name && depth < 32; depth++) {
		struct node *p = table_node(c, false, t->parent_schema, t->parent_name);
		if (!p)
			return false;
		if (p->structural)
			return true;
		t = FT(p);
	}
	return false;
}

/* Whether dropping node d in P1 (or rebuilding it) takes away what a kept
 * dependant needs. */
static bool gone_early(const struct node *d)
{
	return d->state == ST_RECREATE || (d->state == ST_REMOVE && (d->kind == SK_OBJ_VIEW || d->early)) ||
	       (d->kind == SK_OBJ_TYPE && (d->rebuild || d->enum_add));
}

static bool dropped_in_p1(const struct node *d)
{
	return d->state == ST_RECREATE || (d->state == ST_REMOVE && (d->kind == SK_OBJ_VIEW || d->early));
}

/* Whether another object of `to`, in the namespace of tables, views,
 * sequences and types, takes the name of removed node n. */
static bool name_taken(const struct ctx *c, const struct node *n)
{
	static const enum sk_obj_kind kinds[] = {SK_OBJ_TYPE, SK_OBJ_SEQUENCE, SK_OBJ_TABLE, SK_OBJ_VIEW};

	if (n->kind == SK_OBJ_FUNCTION)
		return false;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		const struct node *o = lookup(c, true, kinds[i], n->fschema, n->fkey);
		if (o && o != n)
			return true;
	}
	return false;
}

static void spread(struct ctx *c)
{
	bool changed = true;

	/* early: what a new object's name needs, and SQL functions whose body
	 * the server checks (going down, they are created last, after what
	 * they read) */
	for (size_t i = 0; i < c->nnodes; i++) {
		struct node *n = &c->nodes[i];
		if (n->state == ST_REMOVE &&
		    (name_taken(c, n) || (n->kind == SK_OBJ_FUNCTION && sk_pg_checked_body(FF(n)))))
			n->early = true;
	}
	/* columns whose type is rebuilt */
	for (size_t i = 0; i < c->nnodes; i++) {
		struct node *n = &c->nodes[i];

		for (size_t j = 0; n->kind == SK_OBJ_TABLE && j < n->ncols; j++) {
			const struct sk_column *col = n->cols[j].f;
			struct node *y;

			if (!col || !col->type_name)
				continue;
			y = lookup(c, false, SK_OBJ_TYPE, col->type_schema, col->type_name);
			if (y && (y->rebuild || y->enum_add)) {
				n->cols[j].rebuilt = true;
				n->structural = true;
			}
		}
	}
	for (size_t i = 0; i < c->nnodes; i++)
		if (c->nodes[i].kind == SK_OBJ_TABLE && c->nodes[i].f &&
		    is_partition_of_structural(c, FT(&c->nodes[i])))
			c->nodes[i].structural = true;

	while (changed) {
		changed = false;
		for (size_t i = 0; i < c->nnodes; i++) {
			struct node *n = &c->nodes[i];
			const struct sk_ref *deps;
			size_t nd;
			bool recreate = false;

			if (n->state != ST_KEEP)
				continue;
			deps_of(n, false, &deps, &nd);
			for (size_t k = 0; k < nd && !recreate; k++) {
				struct node *d = lookup_ref(c, false, &deps[k]);

				if (!d || d == n)
					continue;
				switch (n->kind) {
				case SK_OBJ_VIEW:
					recreate =
					        gone_early(d) || (d->kind == SK_OBJ_TABLE && d->structural);
					break;
				case SK_OBJ_FUNCTION:
					recreate = (gone_early(d) && d->kind != SK_OBJ_TABLE) ||
					           (d->kind == SK_OBJ_TABLE &&
					            (d->state == ST_RECREATE ||
					             (d->state == ST_REMOVE && d->early))) ||
					           (d->kind == SK_OBJ_TABLE && d->structural &&
					            standard_body(FF(n)));
					break;
				case SK_OBJ_TABLE:
					recreate = d->kind == SK_OBJ_TABLE && d->state == ST_RECREATE &&
					           FT(n)->parent_name &&
					           !strcmp(FT(n)->parent_name, FT(d)->name) &&
					           !cmp_str(FT(n)->parent_schema, d->fschema);
					break;
				default:
					break;
				}
				/* a view that only appends columns is replaced in place when
				 * nothing that stays depends on it */
				if (!recreate && d->kind == SK_OBJ_VIEW && d->append && d->state == ST_KEEP) {
					d->state = ST_RECREATE;
					d->in_place = d->append = false;
					changed = true;
				}
			}
			if (recreate) {
				n->state = ST_RECREATE;
				n->in_place = n->append = false;
				if (n->kind == SK_OBJ_TABLE)
					n->structural = true;
				changed = true;
			}
		}
		/* what is dropped late cannot depend on what goes early (a
		 * table with a column of a dropped view's row type) */
		for (size_t i = 0; i < c->nnodes; i++) {
			struct node *n = &c->nodes[i];
			const struct sk_ref *deps;
			size_t nd;

			if (n->state != ST_REMOVE || n->early || n->kind == SK_OBJ_VIEW)
				continue;
			deps_of(n, false, &deps, &nd);
			for (size_t k = 0; k < nd && !n->early; k++) {
				struct node *d = lookup_ref(c, false, &deps[k]);
				if (d && d != n && dropped_in_p1(d)) {
					n->early = true;
					changed = true;
				}
			}
		}
	}
}

/* "schema.name(" for each function dropped in P1 (recreated, or removed
 * early), "schema.name" for each rebuilt type: texts that name one must be
 * dropped before and written again after. */
struct needles {
	char **v;
	size_t n, alloc;
};

static void collect_needles(const struct ctx *c, struct needles *fn, struct needles *ty)
{
	for (size_t i = 0; i < c->nnodes; i++) {
		const struct node *n = &c->nodes[i];
		struct sk_buf b = SK_BUF_INIT;

		if (n->kind == SK_OBJ_FUNCTION && dropped_in_p1(n)) {
			sk_emit_qualified(&b, PG, n->fschema, FF(n)->name);
			sk_buf_addch(&b, '(');
			SK_ALLOC_GROW(fn->v, fn->n + 1, fn->alloc);
			fn->v[fn->n++] = sk_buf_detach(&b, NULL);
		} else if (n->kind == SK_OBJ_TYPE && n->state == ST_KEEP && (n->rebuild || n->enum_add)) {
			sk_emit_qualified(&b, PG, n->fschema, FY(n)->name);
			SK_ALLOC_GROW(ty->v, ty->n + 1, ty->alloc);
			ty->v[ty->n++] = sk_buf_detach(&b, NULL);
		}
		sk_buf_release(&b);
	}
}

static bool mentions_any(const char *text, const struct needles *nd)
{
	for (size_t i = 0; text && i < nd->n; i++)
		if (mentions_word(text, nd->v[i], false))
			return true;
	return false;
}

static void free_needles(struct needles *nd)
{
	for (size_t i = 0; i < nd->n; i++)
		free(nd->v[i]);
	free(nd->v);
}

/* Column defaults and domain checks that call a recreated function are
 * dropped in P1 and written again in P2. */
static void detach_callers(struct ctx *c, const struct needles *fn)
{
	for (size_t i = 0; i < c->nnodes; i++) {
		struct node *n = &c->nodes[i];

		if (n->kind == SK_OBJ_TABLE && n->f && n->state != ST_RECREATE &&
		    !(n->state == ST_REMOVE && n->early))
			for (size_t j = 0; j < n->ncols; j++)
				if (n->cols[j].cur_default && mentions_any(n->cols[j].cur_default, fn))
					n->cols[j].detach_default = true;
		if (n->kind == SK_OBJ_TYPE && n->state == ST_KEEP && !n->rebuild &&
		    FY(n)->kind == SK_TYPE_DOMAIN) {
			const struct sk_type *y = FY(n);

			n->detached_checks = sk_xcalloc(y->nchecks ? y->nchecks : 1, sizeof(bool));
			for (size_t j = 0; j < y->nchecks; j++)
				n->detached_checks[j] = mentions_any(y->checks[j].definition, fn);
			n->detached_default = y->default_expr && mentions_any(y->default_expr, fn);
		}
	}
}

/* ---- constraints, indexes, triggers ---- */

static const char *sub_name(const struct sub *s, bool to)
{
	const void *o = to ? s->t : s->f;

	switch (s->kind) {
	case SUB_CON:
		return ((const struct sk_constraint *)o)->name;
	case SUB_IDX:
		return ((const struct sk_index *)o)->name;
	default:
		return ((const struct sk_trigger *)o)->name;
	}
}

static const char *sub_def(const struct sub *s, bool to)
{
	const void *o = to ? s->t : s->f;

	switch (s->kind) {
	case SUB_CON:
		return ((const struct sk_constraint *)o)->definition;
	case SUB_IDX:
		return ((const struct sk_index *)o)->definition;
	default:
		return ((const struct sk_trigger *)o)->definition;
	}
}

static const char *sub_comment(const struct sub *s, bool to)
{
	const void *o = to ? s->t : s->f;

	switch (s->kind) {
	case SUB_CON:
		return ((const struct sk_constraint *)o)->comment;
	case SUB_IDX:
		return ((const struct sk_index *)o)->comment;
	default:
		return ((const struct sk_trigger *)o)->comment;
	}
}

static bool is_fk(const struct sub *s)
{
	const struct sk_constraint *k = s->f ? s->f : s->t;

	return s->kind == SUB_CON && k->kind == SK_CON_FOREIGN;
}

/* The renamed tables as qualified names, old and new: collected once,
 * since map_text runs for every constraint, index and trigger kept. */
static void collect_table_renames(struct ctx *c)
{
	for (size_t i = 0; i < c->nnodes; i++) {
		const struct node *n = &c->nodes[i];
		struct sk_buf a = SK_BUF_INIT, b = SK_BUF_INIT;

		if (n->kind != SK_OBJ_TABLE || !n->renamed)
			continue;
		sk_emit_qualified(&a, PG, n->fschema, FT(n)->name);
		sk_emit_qualified(&b, PG, n->tschema, TT(n)->name);
		SK_ALLOC_GROW(c->table_renames, c->ntable_renames + 1, c->atable_renames);
		c->table_renames[c->ntable_renames].from = sk_buf_detach(&a, NULL);
		c->table_renames[c->ntable_renames].to = sk_buf_detach(&b, NULL);
		c->ntable_renames++;
	}
}

/* Points *text at r, a new string replacing the one *owned held, if any. */
static void replace_owned(const char **text, char **owned, char *r)
{
	free(*owned);
	*owned = r;
	*text = r;
}

/*
 * A `from` text as the renames leave it: renamed tables and the renamed
 * columns of the given tables written with their new names. Returns text
 * itself when nothing is renamed (the usual case: no copy); otherwise a new
 * string, also left in *owned for the caller to free.
 */
static const char *map_text(const struct ctx *c, const char *text, const struct node *owner,
                            const struct node *other, char **owned)
{
	*owned = NULL;
	if (!text)
		text = "";
	for (size_t i = 0; i < c->ntable_renames; i++)
		replace_owned(&text, owned,
		              replace_word(text, c->table_renames[i].from, c->table_renames[i].to, false));
	for (int k = 0; k < 2; k++) {
		const struct node *n = k ? other : owner;

		for (size_t i = 0; n && i < n->ncols; i++) {
			struct sk_buf a = SK_BUF_INIT, b = SK_BUF_INIT;

			if (!n->cols[i].renamed)
				continue;
			sk_emit_ident(&a, PG, n->cols[i].f->name);
			sk_emit_ident(&b, PG, n->cols[i].t->name);
			replace_owned(&text, owned, replace_word(text, a.buf, b.buf, true));
			sk_buf_release(&a);
			sk_buf_release(&b);
		}
	}
	return text;
}

static const struct node *fk_target(const struct ctx *c, const struct sub *s)
{
	const struct sk_constraint *k = s->f ? s->f : s->t;

	return k->kind == SK_CON_FOREIGN ? table_node(c, false, k->ref_schema, k->ref_table) : NULL;
}

/* An index definition without "CREATE [UNIQUE] INDEX name": what stays
 * when only the name changes. */
static const char *index_body(const char *def)
{
	const char *p = strstr(def, " ON ");

	return p ? p : def;
}

static bool sub_equal(const struct ctx *c, const struct sub *s, bool ignore_name)
{
	char *owned;
	const char *f = map_text(c, sub_def(s, false), s->owner, fk_target(c, s), &owned);
	const char *t = sub_def(s, true);
	bool eq;

	if (s->kind == SUB_CON &&
	    ((const struct sk_constraint *)s->f)->kind != ((const struct sk_constraint *)s->t)->kind)
		eq = false;
	else if (s->kind == SUB_IDX && ignore_name)
		eq = !strcmp(index_body(f), index_body(t));
	else
		eq = !strcmp(f, t);
	free(owned);
	return eq;
}

static struct sub *add_sub(struct ctx *c, enum sub_kind kind, struct node *owner, const void *f,
                           const void *t)
{
	struct sub *s;

	SK_ALLOC_GROW(c->subs, c->nsubs + 1, c->asubs);
	s = &c->subs[c->nsubs++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->owner = owner;
	s->f = f;
	s->t = t;
	return s;
}

/* The constraints, indexes or triggers of a table or view as (pointer,
 * count, size of one). */
static void sub_list(const struct node *n, bool to, enum sub_kind kind, const char **base, size_t *count,
                     size_t *size)
{
	const void *o = to ? n->t : n->f;

	*base = NULL;
	*count = 0;
	*size = 1;
	if (!o)
		return;
	if (n->kind == SK_OBJ_TABLE) {
		const struct sk_table *t = o;
		if (kind == SUB_CON) {
			*base = (const char *)t->constraints;
			*count = t->nconstraints;
			*size = sizeof(*t->constraints);
		} else if (kind == SUB_IDX) {
			*base = (const char *)t->indexes;
			*count = t->nindexes;
			*size = sizeof(*t->indexes);
		} else {
			*base = (const char *)t->triggers;
			*count = t->ntriggers;
			*size = sizeof(*t->triggers);
		}
	} else {
		const struct sk_view *v = o;
		if (kind == SUB_IDX) {
			*base = (const char *)v->indexes;
			*count = v->nindexes;
			*size = sizeof(*v->indexes);
		} else if (kind == SUB_TRG) {
			*base = (const char *)v->triggers;
			*count = v->ntriggers;
			*size = sizeof(*v->triggers);
		}
	}
}

static void pair_subs(struct ctx *c, struct node *n)
{
	for (int kind = SUB_CON; kind <= SUB_TRG; kind++) {
		const char *fb, *tb;
		size_t fn, tn, fs, ts, first = c->nsubs;
		bool *used;

		sub_list(n, false, (enum sub_kind)kind, &fb, &fn, &fs);
		sub_list(n, true, (enum sub_kind)kind, &tb, &tn, &ts);
		used = sk_xcalloc(fn ? fn : 1, sizeof(*used));
		for (size_t i = 0; i < tn; i++) {
			struct sub *s = add_sub(c, (enum sub_kind)kind, n, NULL, tb + i * ts);
			for (size_t j = 0; j < fn; j++) {
				struct sub probe = *s;
				probe.f = fb + j * fs;
				if (!used[j] && !strcmp(sub_name(&probe, false), sub_name(s, true))) {
					used[j] = true;
					s->f = probe.f;
					break;
				}
			}
		}
		/* renamed: same definition under another name */
		for (size_t j = 0; n->state == ST_KEEP && j < fn; j++) {
			if (used[j])
				continue;
			for (size_t i = first; i < c->nsubs; i++) {
				struct sub *s = &c->subs[i], probe;
				if (s->f)
					continue;
				probe = *s;
				probe.f = fb + j * fs;
				if (kind != SUB_TRG && sub_equal(c, &probe, true)) {
					used[j] = true;
					s->f = probe.f;
					s->rename = true;
					break;
				}
			}
		}
		for (size_t j = 0; j < fn; j++)
			if (!used[j])
				add_sub(c, (enum sub_kind)kind, n, fb + j * fs, NULL);
		free(used);
	}
}

static bool uniqueish(const struct sub *s)
{
	if (s->kind == SUB_CON) {
		enum sk_constraint_kind k = ((const struct sk_constraint *)s->f)->kind;
		return k == SK_CON_PRIMARY || k == SK_CON_UNIQUE || k == SK_CON_EXCLUDE;
	}
	return s->kind == SUB_IDX && ((const struct sk_index *)s->f)->unique;
}

/* Whether a sub-object names a column of its owner that is dropped and
 * added again. */
static bool names_recreated_column(const struct sub *s)
{
	const struct node *n = s->owner;
	const char *def = sub_def(s, false);

	for (size_t i = 0; n->kind == SK_OBJ_TABLE && i < n->ncols; i++) {
		struct sk_buf b = SK_BUF_INIT;
		bool hit;

		if (!n->cols[i].recreate && !n->cols[i].drop_expr)
			continue;
		sk_emit_ident(&b, PG, n->cols[i].f->name);
		hit = mentions_word(def, b.buf, true);
		sk_buf_release(&b);
		if (hit)
			return true;
	}
	return false;
}

static bool fk_columns_retyped(const struct ctx *c, const struct sub *s)
{
	const struct sk_constraint *k = s->f;
	const struct node *rt = fk_target(c, s);

	for (size_t i = 0; i < k->ncolumns; i++) {
		struct colpair *cp = col_by_from(s->owner, k->columns[i]);
		if (cp && (cp->retype || cp->rebuilt || cp->recreate))
			return true;
	}
	for (size_t i = 0; rt && i < k->nref_columns; i++) {
		struct colpair *cp = col_by_from(rt, k->ref_columns[i]);
		if (cp && (cp->retype || cp->rebuilt || cp->recreate))
			return true;
	}
	return false;
}

/* A table that becomes logged or unlogged: the server checks its foreign
 * keys against the persistence of the other side. */
static bool persistence_changes(const struct node *n)
{
	return n->kind == SK_OBJ_TABLE && n->f && n->t && FT(n)->unlogged != TT(n)->unlogged;
}

/* After the other subs are decided: which tables lose a key that a
 * foreign key may reference (the foreign key is then recreated). Once per
 * node, not once per foreign key. */
static void mark_dropped_keys(struct ctx *c)
{
	for (size_t i = 0; i < c->nsubs; i++) {
		struct sub *s = &c->subs[i];

		if (s->drop && uniqueish(s))
			s->owner->key_dropped = true;
	}
}

static void decide_subs(struct ctx *c, const struct needles *fn, const struct needles *ty)
{
	for (size_t i = 0; i < c->nnodes; i++)
		if (c->nodes[i].kind == SK_OBJ_TABLE || c->nodes[i].kind == SK_OBJ_VIEW)
			pair_subs(c, &c->nodes[i]);
	/* foreign keys last: they follow what happens to the keys they
	 * reference */
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			mark_dropped_keys(c);
		for (size_t i = 0; i < c->nsubs; i++) {
			struct sub *s = &c->subs[i];
			const struct node *o = s->owner;
			bool gone = o->state == ST_REMOVE || o->state == ST_RECREATE;
			bool fresh = o->state == ST_CREATE || o->state == ST_RECREATE;
			bool forced = false;

			if (is_fk(s) != (pass == 1))
				continue;
			if (s->f && gone && !(o->kind == SK_OBJ_TABLE && s->f == sk_pg_inline_pk(FT(o))))
				s->drop = true;
			if (s->t && fresh && !(o->kind == SK_OBJ_TABLE && s->t == sk_pg_inline_pk(TT(o))))
				s->create = true;
			if (o->state != ST_KEEP || !s->f || !s->t)
				continue;
			forced = mentions_any(sub_def(s, false), fn) || mentions_any(sub_def(s, false), ty) ||
			         names_recreated_column(s);
			if (pass == 1) {
				const struct node *rt = fk_target(c, s);
				forced = forced || fk_columns_retyped(c, s) || (rt && rt->state != ST_KEEP) ||
				         persistence_changes(o) || (rt && persistence_changes(rt));
				forced = forced || (rt && rt->key_dropped);
			}
			if (forced || !sub_equal(c, s, s->rename)) {
				s->drop = s->create = true;
				s->rename = false;
			}
		}
		for (size_t i = 0; pass == 0 && i < c->nsubs; i++) {
			struct sub *s = &c->subs[i];
			if (s->owner->state == ST_KEEP && !is_fk(s)) {
				if (s->f && !s->t)
					s->drop = true;
				if (s->t && !s->f)
					s->create = true;
			}
		}
		for (size_t i = 0; pass == 1 && i < c->nsubs; i++) {
			struct sub *s = &c->subs[i];
			if (s->owner->state == ST_KEEP && is_fk(s)) {
				if (s->f && !s->t)
					s->drop = true;
				if (s->t && !s->f)
					s->create = true;
			}
		}
	}
}

/* ---- dependency order ---- */

struct rank_ent {
	struct node *n;
	bool to;
};

static int cmp_rank(const void *a, const void *b)
{
	const struct rank_ent *x = a, *y = b;

	if (x->n->tier != y->n->tier)
		return x->n->tier > y->n->tier ? 1 : -1;
	return x->to ? cmp_to(&x->n, &y->n) : cmp_from(&x->n, &y->n);
}

static void add_edge(struct node *from, struct node *to)
{
	SK_ALLOC_GROW(from->next, from->nnext + 1, from->anext);
	from->next[from->nnext++] = to;
	to->indeg++;
}

/* Puts v in an order that satisfies the deps of one model (`to`: what an
 * object needs comes first; callers reverse it for drops), breaking ties
 * like the dump: SQL functions with checked bodies late, then by kind,
 * schema and name. A kept table also waits for the in-place changes of the
 * types its old columns use. A cycle is broken at its first object. */
static void order_nodes(struct ctx *c, struct node **v, size_t n, bool to)
{
	struct rank_ent *order = sk_xcalloc(n ? n : 1, sizeof(*order));
	struct sk_heap h = {sk_xcalloc(n ? n : 1, sizeof(size_t)), 0};
	size_t emitted = 0, forced = 0;

	for (size_t i = 0; i < n; i++) {
		v[i]->in_set = true;
		v[i]->done = false;
		v[i]->indeg = v[i]->nnext = 0;
		v[i]->tier =
		        v[i]->kind == SK_OBJ_FUNCTION && sk_pg_checked_body(to ? TF(v[i]) : FF(v[i])) ? 2 : 0;
	}
	for (size_t i = 0; i < n; i++) {
		struct node *u = v[i];
		const struct sk_ref *deps;
		size_t nd;

		deps_of(u, to, &deps, &nd);
		for (size_t k = 0; k < nd; k++) {
			struct node *d = lookup_ref(c, to, &deps[k]);
			if (d && d != u && d->in_set)
				add_edge(d, u);
		}
		if (to && u->kind == SK_OBJ_TABLE && u->state == ST_KEEP) {
			deps_of(u, false, &deps, &nd);
			for (size_t k = 0; k < nd; k++) {
				struct node *d = lookup_ref(c, false, &deps[k]);
				if (d && d != u && d->in_set && d->kind == SK_OBJ_TYPE)
					add_edge(d, u);
			}
		}
	}
	/* a checked function that something else needs goes before the
	 * checked functions nothing needs */
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 0; i < n; i++) {
			if (v[i]->tier != 2)
				continue;
			for (size_t k = 0; k < v[i]->nnext; k++) {
				if (v[i]->next[k]->tier < 2) {
					v[i]->tier = 1;
					changed = true;
					break;
				}
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		order[i].n = v[i];
		order[i].to = to;
	}
	if (n > 1)
		qsort(order, n, sizeof(*order), cmp_rank);
	for (size_t r = 0; r < n; r++)
		order[r].n->rank = r;
	for (size_t r = 0; r < n; r++)
		if (!order[r].n->indeg)
			sk_heap_push(&h, r);
	while (emitted < n) {
		struct node *x;

		if (!h.n) {
			while (order[forced].n->done)
				forced++;
			sk_heap_push(&h, forced);
		}
		x = order[sk_heap_pop(&h)].n;
		if (x->done)
			continue;
		x->done = true;
		v[emitted++] = x;
		for (size_t k = 0; k < x->nnext; k++) {
			struct node *y = x->next[k];
			if (!y->done && y->indeg && --y->indeg == 0)
				sk_heap_push(&h, y->rank);
		}
	}
	for (size_t i = 0; i < n; i++) {
		v[i]->in_set = false;
		v[i]->nnext = 0;
	}
	free(order);
	free(h.v);
}

static void reverse(struct node **v, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		struct node *t = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
}

/* ---- statements ---- */

static void add_comment(struct sk_buf *b, const char *what, const char *target, const char *text)
{
	if (text)
		sk_pg_emit_comment(b, what, target, text);
}

static void add_comment_q(struct sk_buf *b, const char *what, const char *schema, const char *name,
                          const char *text)
{
	char *target;

	if (!text)
		return;
	target = strq("%Q", schema, name);
	sk_pg_emit_comment(b, what, target, text);
	free(target);
}

static void comment_columns(struct sk_buf *b, const char *schema, const char *name,
                            const struct sk_column *cols, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *target;

		if (!cols[i].comment)
			continue;
		target = strq("%Q.%I", schema, name, cols[i].name);
		sk_pg_emit_comment(b, "COLUMN", target, cols[i].comment);
		free(target);
	}
}

static const char *type_word(const struct sk_type *y)
{
	return y->kind == SK_TYPE_DOMAIN ? "DOMAIN" : "TYPE";
}

static const char *routine_word(const struct sk_function *f)
{
	return f->kind == 'p' ? "PROCEDURE" : "FUNCTION";
}

static const char *view_word(const struct sk_view *v)
{
	return v->materialized ? "MATERIALIZED VIEW" : "VIEW";
}

/* A `from` table as the operations so far leave it: with its columns'
 * current defaults (free with free_table_copy). */
static struct sk_table *table_now(const struct node *n)
{
	struct sk_table *t = sk_xmalloc(sizeof(*t));
	struct sk_column *cols = sk_xcalloc(FT(n)->ncolumns ? FT(n)->ncolumns : 1, sizeof(*cols));

	*t = *FT(n);
	for (size_t i = 0; i < t->ncolumns; i++) {
		struct colpair *cp = col_by_from(n, t->columns[i].name);
		cols[i] = t->columns[i];
		if (cp)
			cols[i].default_expr = cp->cur_default;
	}
	t->columns = cols;
	return t;
}

static void free_table_copy(struct sk_table *t)
{
	if (!t)
		return;
	free(t->columns);
	free(t);
}

static char *label(const struct node *n, bool to)
{
	const char *schema = to ? n->tschema : n->fschema;

	switch (n->kind) {
	case SK_OBJ_TYPE:
		return strq("%s %Q", (to ? TY(n) : FY(n))->kind == SK_TYPE_DOMAIN ? "domain" : "type", schema,
		            to ? tname(n) : fname(n));
	case SK_OBJ_SEQUENCE:
		return strq("sequence %Q", schema, to ? tname(n) : fname(n));
	case SK_OBJ_FUNCTION: {
		const struct sk_function *f = to ? TF(n) : FF(n);
		return strq("%s %Q(%s)", f->kind == 'p' ? "procedure" : "function", schema, f->name,
		            f->identity_args ? f->identity_args : "");
	}
	case SK_OBJ_TABLE:
		return strq("table %Q", schema, to ? tname(n) : fname(n));
	default:
		return strq("%s %Q", (to ? TV(n) : FV(n))->materialized ? "materialized view" : "view",
		            schema, to ? tname(n) : fname(n));
	}
}

/* The statements that create an object of one side, with its comments
 * (and a table's partition settings, a view's column defaults). */
static char *create_text(const struct ctx *c, const struct node *n, bool to)
{
	struct sk_buf b = SK_BUF_INIT;
	const char *schema = to ? n->tschema : n->fschema;

	switch (n->kind) {
	case SK_OBJ_TYPE: {
		const struct sk_type *y = to ? TY(n) : FY(n);
		sk_pg_emit_type(&b, y);
		add_comment_q(&b, type_word(y), schema, y->name, y->comment);
		break;
	}
	case SK_OBJ_SEQUENCE: {
		const struct sk_sequence *s = to ? TS(n) : FS(n);
		sk_pg_emit_sequence(&b, s);
		add_comment_q(&b, "SEQUENCE", schema, s->name, s->comment);
		break;
	}
	case SK_OBJ_FUNCTION: {
		const struct sk_function *f = to ? TF(n) : FF(n);
		sk_pg_emit_function(&b, f);
		if (f->comment) {
			char *target =
			        strq("%Q(%s)", schema, f->name, f->identity_args ? f->identity_args : "");
			sk_pg_emit_comment(&b, routine_word(f), target, f->comment);
			free(target);
		}
		break;
	}
	case SK_OBJ_TABLE: {
		struct sk_table *copy = to ? NULL : table_now(n);
		const struct sk_table *t = to ? TT(n) : copy;
		const struct sk_model *m = to ? c->to : c->from;
		const struct sk_table *p =
		        t->parent_name ? sk_model_find_table(m, t->parent_schema, t->parent_name) : NULL;

		sk_pg_emit_table(&b, t);
		if (p)
			sk_pg_emit_partition_settings(&b, t, p, false);
		add_comment_q(&b, "TABLE", schema, t->name, t->comment);
		comment_columns(&b, schema, t->name, t->columns, t->ncolumns);
		free_table_copy(copy);
		break;
	}
	default: {
		const struct sk_view *v = to ? TV(n) : FV(n);
		sk_pg_emit_view(&b, v, true);
		sk_pg_emit_view_defaults(&b, v, false);
		add_comment_q(&b, view_word(v), schema, v->name, v->comment);
		comment_columns(&b, schema, v->name, v->columns, v->ncolumns);
		break;
	}
	}
	return sk_buf_detach(&b, NULL);
}

static char *drop_text(const struct node *n, bool to)
{
	const char *schema = to ? n->tschema : n->fschema;

	switch (n->kind) {
	case SK_OBJ_TYPE:
		return strq("DROP %s %Q;\n", type_word(to ? TY(n) : FY(n)), schema, to ? tname(n) : fname(n));
	case SK_OBJ_SEQUENCE:
		return strq("DROP SEQUENCE %Q;\n", schema, to ? tname(n) : fname(n));
	case SK_OBJ_FUNCTION: {
		const struct sk_function *f = to ? TF(n) : FF(n);
		return strq("DROP %s %Q(%s);\n", routine_word(f), schema, f->name,
		            f->identity_args ? f->identity_args : "");
	}
	case SK_OBJ_TABLE:
		return strq("DROP TABLE %Q;\n", schema, to ? tname(n) : fname(n));
	default:
		return strq("DROP %s %Q;\n", view_word(to ? TV(n) : FV(n)), schema, to ? tname(n) : fname(n));
	}
}

static const struct sk_table *owner_table(const struct sub *s, bool to)
{
	return s->owner->kind == SK_OBJ_TABLE ? (to ? TT(s->owner) : FT(s->owner)) : NULL;
}

static const char *owner_schema(const struct sub *s, bool to)
{
	return to ? s->owner->tschema : s->owner->fschema;
}

static const char *owner_name(const struct sub *s, bool to)
{
	return to ? tname(s->owner) : fname(s->owner);
}

static bool owner_partitioned(const struct sub *s, bool to)
{
	const struct sk_table *t = owner_table(s, to);

	return t && t->kind == SK_TABLE_PARTITIONED;
}

static char *sub_label(const struct sub *s, bool to)
{
	switch (s->kind) {
	case SUB_CON:
		return strq("constraint %I on %Q", sub_name(s, to), owner_schema(s, to), owner_name(s, to));
	case SUB_IDX:
		return strq("index %Q", owner_schema(s, to), sub_name(s, to));
	default:
		return strq("trigger %I on %Q", sub_name(s, to), owner_schema(s, to), owner_name(s, to));
	}
}

static char *sub_comment_target(const struct sub *s, bool to, const char **what)
{
	switch (s->kind) {
	case SUB_CON:
		*what = "CONSTRAINT";
		return strq("%I ON %Q", sub_name(s, to), owner_schema(s, to), owner_name(s, to));
	case SUB_IDX:
		*what = "INDEX";
		return strq("%Q", owner_schema(s, to), sub_name(s, to));
	default:
		*what = "TRIGGER";
		return strq("%I ON %Q", sub_name(s, to), owner_schema(s, to), owner_name(s, to));
	}
}

static char *sub_create(const struct sub *s, bool to)
{
	struct sk_buf b = SK_BUF_INIT;
	const void *o = to ? s->t : s->f;
	const char *what;
	char *target;

	switch (s->kind) {
	case SUB_CON:
		sk_pg_emit_constraint(&b, owner_table(s, to), o);
		break;
	case SUB_IDX:
		sk_pg_emit_index(&b, o, owner_partitioned(s, to));
		break;
	default:
		sk_pg_emit_trigger(&b, o);
		break;
	}
	target = sub_comment_target(s, to, &what);
	add_comment(&b, what, target, sub_comment(s, to));
	free(target);
	return sk_buf_detach(&b, NULL);
}

static char *sub_drop(const struct sub *s, bool to)
{
	struct sk_buf b = SK_BUF_INIT;

	switch (s->kind) {
	case SUB_CON:
		sk_pg_alter_table(&b, owner_table(s, to));
		addq(&b, " DROP CONSTRAINT %I;\n", sub_name(s, to));
		break;
	case SUB_IDX:
		addq(&b, "DROP INDEX %Q;\n", owner_schema(s, to), sub_name(s, to));
		break;
	default:
		addq(&b, "DROP TRIGGER %I ON %Q;\n", sub_name(s, to), owner_schema(s, to), owner_name(s, to));
		break;
	}
	return sk_buf_detach(&b, NULL);
}

/* ---- column types ---- */

/* A format_type rendering split into its base (the type with its
 * modifiers taken out: "timestamp without time zone", "numeric[]") and up
 * to two modifiers (-1 when absent). */
struct tyname {
	char base[256];
	long m1, m2;
};

static void parse_type(struct tyname *out, const char *ty)
{
	const char *open = strchr(ty, '('), *close = open ? strchr(open, ')') : NULL;
	size_t k = 0;

	out->m1 = out->m2 = -1;
	if (!open || !close) {
		snprintf(out->base, sizeof(out->base), "%s", ty);
		return;
	}
	for (const char *p = ty; p < open && k + 1 < sizeof(out->base); p++)
		out->base[k++] = *p;
	for (const char *p = close + 1; *p && k + 1 < sizeof(out->base); p++)
		out->base[k++] = *p;
	out->base[k] = '\0';
	out->m1 = strtol(open + 1, NULL, 10);
	{
		const char *comma = memchr(open, ',', (size_t)(close - open));
		if (comma)
			out->m2 = strtol(comma + 1, NULL, 10);
	}
}

static bool is_string_type(const char *base)
{
	return !strcmp(base, "text") || !strcmp(base, "character varying");
}

/* ALTER COLUMN TYPE needs no USING when the types differ only in their
 * modifiers, or are text and varchar (binary coercible). */
static bool needs_using(const char *from, const char *to)
{
	struct tyname f, t;

	parse_type(&f, from);
	parse_type(&t, to);
	if (!strcmp(f.base, t.base))
		return false;
	return !(is_string_type(f.base) && is_string_type(t.base));
}

static int int_rank(const char *base)
{
	if (!strcmp(base, "smallint"))
		return 1;
	if (!strcmp(base, "integer"))
		return 2;
	if (!strcmp(base, "bigint"))
		return 3;
	return 0;
}

/* Whether every value of `from` converts to `to` without failing or losing
 * anything; otherwise the change is destructive. */
static bool widening(const char *from, const char *to)
{
	struct tyname f, t;
	size_t fl, tl;

	parse_type(&f, from);
	parse_type(&t, to);
	fl = strlen(f.base);
	tl = strlen(t.base);
	/* arrays: by their elements */
	if (fl > 2 && tl > 2 && !strcmp(f.base + fl - 2, "[]") && !strcmp(t.base + tl - 2, "[]")) {
		char a[300], b[300];
		snprintf(a, sizeof(a), "%s", from);
		snprintf(b, sizeof(b), "%s", to);
		a[strlen(a) - 2] = '\0';
		b[strlen(b) - 2] = '\0';
		return widening(a, b);
	}
	if (!strcmp(t.base, "text"))
		return true;
	if (!strcmp(f.base, t.base)) {
		if (!strcmp(f.base, "numeric")) {
			if (t.m1 < 0)
				return true;
			if (f.m1 < 0)
				return false;
			return (t.m2 < 0 ? 0 : t.m2) >= (f.m2 < 0 ? 0 : f.m2) &&
			       t.m1 - (t.m2 < 0 ? 0 : t.m2) >= f.m1 - (f.m2 < 0 ? 0 : f.m2);
		}
		if (t.m1 < 0)
			return true;
		if (f.m1 < 0)
			return !strncmp(f.base, "time", 4) || !strcmp(f.base, "interval") ? t.m1 >= 6 : false;
		return t.m1 >= f.m1;
	}
	if (is_string_type(f.base) && is_string_type(t.base))
		return t.m1 < 0;
	if (int_rank(f.base) && int_rank(t.base))
		return int_rank(t.base) >= int_rank(f.base);
	if (int_rank(f.base) && !strcmp(t.base, "numeric"))
		return t.m1 < 0;
	if (int_rank(f.base) && int_rank(f.base) < 3 && !strcmp(t.base, "double precision"))
		return true;
	if (!strcmp(f.base, "real") && !strcmp(t.base, "double precision"))
		return true;
	if (!strcmp(f.base, "character") && is_string_type(t.base))
		return t.m1 < 0 || (f.m1 >= 0 && t.m1 >= f.m1);
	return false;
}

static int type_family(const char *base)
{
	static const char *const families[][7] = {
	        {"smallint", "integer", "bigint", "numeric", "real", "double precision", NULL},
	        {"text", "character varying", "character", NULL},
	        {"json", "jsonb", NULL},
	        {"date", "timestamp without time zone", "timestamp with time zone", NULL},
	        {"bit", "bit varying", NULL},
	};

	for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		for (size_t i = 0; families[f][i]; i++)
			if (!strcmp(base, families[f][i]))
				return (int)f + 1;
	return 0;
}

/* Whether the server has a cast from one type to the other (I/O
 * conversion to and from strings included); otherwise the value goes
 * through text. Arrays by their elements. */
static bool castable(const char *from, const char *to)
{
	struct tyname f, t;
	size_t fl, tl;
	bool farr, tarr;

	parse_type(&f, from);
	parse_type(&t, to);
	fl = strlen(f.base);
	tl = strlen(t.base);
	farr = fl > 2 && !strcmp(f.base + fl - 2, "[]");
	tarr = tl > 2 && !strcmp(t.base + tl - 2, "[]");
	if (farr != tarr)
		return type_family(t.base) == 2 || type_family(f.base) == 2;
	if (farr) {
		f.base[fl - 2] = '\0';
		t.base[tl - 2] = '\0';
	}
	if (!strcmp(f.base, t.base) || type_family(f.base) == 2 || type_family(t.base) == 2)
		return true;
	if (type_family(f.base) && type_family(f.base) == type_family(t.base))
		return true;
	return (!strcmp(f.base, "boolean") && !strcmp(t.base, "integer")) ||
	       (!strcmp(f.base, "integer") && !strcmp(t.base, "boolean"));
}

/* " TYPE t [COLLATE c] [USING col::t]" for a change from (ftype, fcoll). */
static char *retype_clause(const char *col, const char *ftype, const char *fcoll, const char *ttype,
                           const char *tcoll)
{
	struct sk_buf b = SK_BUF_INIT;

	addq(&b, " TYPE %s", ttype);
	if (tcoll)
		addq(&b, " COLLATE %I", tcoll);
	else if (fcoll && !strcmp(ftype, ttype))
		sk_buf_adds(&b, " COLLATE \"default\"");
	if (needs_using(ftype, ttype))
		addq(&b, castable(ftype, ttype) ? " USING %I::%s" : " USING %I::text::%s", col, ttype);
	return sk_buf_detach(&b, NULL);
}

/* ---- sequences ---- */

/* ALTER SEQUENCE options that take sequence f to t (empty when equal).
 * A change of type names both bounds, so that the server keeps them. */
static void seq_changes(struct sk_buf *b, const struct sk_sequence *f, const struct sk_sequence *t)
{
	bool retype = !same(f->data_type, t->data_type);

	if (retype)
		addq(b, " AS %s", t->data_type);
	if (f->increment != t->increment)
		addq(b, " INCREMENT BY %D", t->increment);
	if (retype || f->min_value != t->min_value)
		addq(b, " MINVALUE %D", t->min_value);
	if (retype || f->max_value != t->max_value)
		addq(b, " MAXVALUE %D", t->max_value);
	if (f->start != t->start)
		addq(b, " START WITH %D", t->start);
	if (f->cache != t->cache)
		addq(b, " CACHE %D", t->cache);
	if (f->cycle != t->cycle)
		sk_buf_adds(b, t->cycle ? " CYCLE" : " NO CYCLE");
}

static char *seq_alter(const char *schema, const char *name, const struct sk_sequence *f,
                       const struct sk_sequence *t)
{
	struct sk_buf o = SK_BUF_INIT;
	char *s;

	seq_changes(&o, f, t);
	s = o.len ? strq("ALTER SEQUENCE %Q%s;\n", schema, name, o.buf) : NULL;
	sk_buf_release(&o);
	return s;
}

/* ---- reloptions ---- */

struct relopt {
	char *key, *value;
};

/* "a=1, b='x, y'" into key/value pairs. */
static size_t parse_options(struct relopt **out, const char *s)
{
	size_t n = 0, alloc = 0;

	*out = NULL;
	while (s && *s) {
		const char *eq = strchr(s, '='), *p;
		bool quoted = false;

		if (!eq)
			break;
		for (p = eq + 1; *p; p++) {
			if (*p == '\'')
				quoted = !quoted;
			else if (!quoted && *p == ',' && p[1] == ' ')
				break;
		}
		SK_ALLOC_GROW(*out, n + 1, alloc);
		(*out)[n].key = sk_xstrndup(s, (size_t)(eq - s));
		(*out)[n].value = sk_xstrndup(eq + 1, (size_t)(p - eq - 1));
		n++;
		s = *p ? p + 2 : p;
	}
	return n;
}

static void free_options(struct relopt *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(o[i].key);
		free(o[i].value);
	}
	free(o);
}

/* ALTER TABLE ... SET (...) / RESET (...) taking options f to t. */
static char *options_change(const char *schema, const char *name, const char *f, const char *t)
{
	struct relopt *fo, *to;
	size_t nf = parse_options(&fo, f), nt = parse_options(&to, t);
	struct sk_buf set = SK_BUF_INIT, reset = SK_BUF_INIT, out = SK_BUF_INIT;

	for (size_t i = 0; i < nt; i++) {
		bool found = false;
		for (size_t j = 0; j < nf; j++)
			if (!strcmp(fo[j].key, to[i].key) && !strcmp(fo[j].value, to[i].value))
				found = true;
		if (!found)
			sk_buf_addf(&set, "%s%s=%s", set.len ? ", " : "", to[i].key, to[i].value);
	}
	for (size_t j = 0; j < nf; j++) {
		bool found = false;
		for (size_t i = 0; i < nt; i++)
			if (!strcmp(fo[j].key, to[i].key))
				found = true;
		if (!found)
			sk_buf_addf(&reset, "%s%s", reset.len ? ", " : "", fo[j].key);
	}
	if (set.len)
		addq(&out, "ALTER TABLE %Q SET (%s);\n", schema, name, set.buf);
	if (reset.len)
		addq(&out, "ALTER TABLE %Q RESET (%s);\n", schema, name, reset.buf);
	free_options(fo, nf);
	free_options(to, nt);
	sk_buf_release(&set);
	sk_buf_release(&reset);
	return out.len ? sk_buf_detach(&out, NULL) : (sk_buf_release(&out), NULL);
}

/* ---- partitions ---- */

static bool descends(const struct sk_model *m, const struct sk_table *t, const struct sk_table *root)
{
	for (int depth = 0; t && t->parent_name && depth < 32; depth++) {
		if (!strcmp(t->parent_name, root->name) && !cmp_str(t->parent_schema, root->schema))
			return true;
		t = sk_model_find_table(m, t->parent_schema, t->parent_name);
	}
	return false;
}

/* The partitions below root whose own settings a recursive change on root
 * overwrites: in `to`, those kept as partitions (up); in `from`, those kept
 * and those dropped later (down). */
static bool fixup_target(const struct ctx *c, const struct node *d, const struct node *root, bool to)
{
	if (d == root || d->kind != SK_OBJ_TABLE)
		return false;
	if (to)
		return d->t && d->state == ST_KEEP && d->own_mode && root->t &&
		       descends(c->to, TT(d), TT(root));
	return d->f && ((d->state == ST_KEEP && d->own_mode) || (d->state == ST_REMOVE && !d->early)) &&
	       root->f && descends(c->from, FT(d), FT(root));
}

/* After a recursive SET/DROP NOT NULL of value on root's column: the
 * partitions whose own setting differs get it back. */
static void nn_fixups(const struct ctx *c, struct sk_buf *b, const struct node *root, const char *col_to,
                      const char *col_from, bool value, bool to)
{
	for (size_t i = 0; i < c->nnodes; i++) {
		const struct node *d = &c->nodes[i];
		const struct sk_column *col;

		if (!fixup_target(c, d, root, to))
			continue;
		col = sk_table_find_column(to ? TT(d) : FT(d), to ? col_to : col_from);
		if (col && col->not_null != value)
			addq(b, "ALTER TABLE ONLY %Q ALTER COLUMN %I %s NOT NULL;\n", cur_schema(d, true),
			     cur_name(d, true), col_to, col->not_null ? "SET" : "DROP");
	}
}

/* After ADD COLUMN on root (which gives every partition root's default and
 * NOT NULL): the partitions' own settings. */
static void add_fixups(const struct ctx *c, struct sk_buf *b, const struct node *root,
                       const struct sk_column *added, const char *col_to, const char *col_from, bool to)
{
	for (size_t i = 0; i < c->nnodes; i++) {
		const struct node *d = &c->nodes[i];
		const struct sk_column *col;
		const char *want;

		if (!fixup_target(c, d, root, to))
			continue;
		col = sk_table_find_column(to ? TT(d) : FT(d), to ? col_to : col_from);
		if (!col)
			continue;
		want = col->default_expr;
		if (!to) {
			const struct colpair *cp = col_by_from(d, col_from);
			want = cp ? cp->cur_default : NULL;
		}
		if (!col->generated_expr && !same(want, added->default_expr)) {
			if (want)
				addq(b, "ALTER TABLE ONLY %Q ALTER COLUMN %I SET DEFAULT %s;\n",
				     cur_schema(d, true), cur_name(d, true), col_to, want);
			else
				addq(b, "ALTER TABLE ONLY %Q ALTER COLUMN %I DROP DEFAULT;\n",
				     cur_schema(d, true), cur_name(d, true), col_to);
		}
		if (col->not_null && !added->not_null)
			addq(b, "ALTER TABLE ONLY %Q ALTER COLUMN %I SET NOT NULL;\n", cur_schema(d, true),
			     cur_name(d, true), col_to);
	}
}

static const struct node *root_of(const struct ctx *c, const struct node *n)
{
	const struct node *r = n;

	for (int depth = 0; r->f && FT(r)->parent_name && depth < 32; depth++) {
		const struct node *p = table_node(c, false, FT(r)->parent_schema, FT(r)->parent_name);
		if (!p)
			break;
		r = p;
	}
	return r;
}

/* ---- types ---- */

struct use {
	struct node *tab;
	struct colpair *cp;
};

/* The columns that use type y while P2 runs: of the tables that are not
 * dropped in P1. */
static size_t type_uses(const struct ctx *c, const struct node *y, struct use **out)
{
	size_t n = 0, alloc = 0;

	*out = NULL;
	for (size_t i = 0; i < c->nnodes; i++) {
		struct node *tn = &c->nodes[i];

		if (tn->kind != SK_OBJ_TABLE || !tn->f || tn->state == ST_RECREATE ||
		    (tn->state == ST_REMOVE && tn->early))
			continue;
		for (size_t j = 0; j < tn->ncols; j++) {
			if (!tn->cols[j].f || !column_uses_type(tn->cols[j].f, FY(y)))
				continue;
			SK_ALLOC_GROW(*out, n + 1, alloc);
			(*out)[n].tab = tn;
			(*out)[n].cp = &tn->cols[j];
			n++;
		}
	}
	return n;
}

static const char *use_col(const struct use *u)
{
	return u->cp->t ? u->cp->t->name : u->cp->f->name;
}

/* Replaces type `have` by `want` under the same name: the columns that use
 * it go to text, the old type is dropped, the new one created, and the
 * columns come back to it from text (a range type's constructors and
 * multirange keep its name, so renaming it out of the way is not enough).
 * Column defaults are dropped before (before[i]) and set after (after[i]). */
static void rebuild_text(struct sk_buf *b, const struct node *y, const struct sk_type *have,
                         const struct sk_type *want, const struct use *u, size_t nu, char *const *before,
                         char *const *after)
{
	for (size_t i = 0; i < nu; i++)
		if (before[i])
			addq(b, "ALTER TABLE ONLY %Q ALTER COLUMN %I DROP DEFAULT;\n",
			     cur_schema(u[i].tab, true), cur_name(u[i].tab, true), use_col(&u[i]));
	for (size_t i = 0; i < nu; i++)
		if (!FT(u[i].tab)->parent_name)
			addq(b, "ALTER TABLE %Q ALTER COLUMN %I TYPE text USING %I::text;\n",
			     cur_schema(u[i].tab, true), cur_name(u[i].tab, true), use_col(&u[i]),
			     use_col(&u[i]));
	addq(b, "DROP %s %Q;\n", type_word(have), y->fschema, have->name);
	sk_pg_emit_type(b, want);
	for (size_t i = 0; i < nu; i++)
		if (!FT(u[i].tab)->parent_name)
			addq(b, "ALTER TABLE %Q ALTER COLUMN %I TYPE %s USING %I::%s;\n",
			     cur_schema(u[i].tab, true), cur_name(u[i].tab, true), use_col(&u[i]),
			     u[i].cp->f->type, use_col(&u[i]), u[i].cp->f->type);
	for (size_t i = 0; i < nu; i++)
		if (after[i])
			addq(b, "ALTER TABLE ONLY %Q ALTER COLUMN %I SET DEFAULT %s;\n",
			     cur_schema(u[i].tab, true), cur_name(u[i].tab, true), use_col(&u[i]), after[i]);
	add_comment_q(b, type_word(want), y->tschema ? y->tschema : y->fschema, want->name, want->comment);
}

static char *enum_literal(const char *schema, const char *type, const char *label)
{
	struct sk_buf b = SK_BUF_INIT;

	sk_db_quote_literal(&b, PG, label);
	sk_buf_adds(&b, "::");
	sk_emit_qualified(&b, PG, schema, type);
	return sk_buf_detach(&b, NULL);
}

static void gen_type_rebuild(struct ctx *c, struct node *n)
{
	const struct sk_type *f = FY(n), *t = TY(n);
	struct use *u;
	size_t nu = type_uses(c, n, &u);
	char **before = sk_xcalloc(nu ? nu : 1, sizeof(char *)),
	     **after = sk_xcalloc(nu ? nu : 1, sizeof(char *));
	struct sk_buf up = SK_BUF_INIT, down = SK_BUF_INIT;
	struct opb b;

	opb_init(&b);
	for (size_t i = 0; i < nu; i++) {
		before[i] = u[i].cp->cur_default;
		after[i] = before[i];
		/* a default naming a value that goes away is not set again */
		for (size_t k = 0; after[i] && f->kind == SK_TYPE_ENUM && k < f->nlabels; k++) {
			if (t->kind == SK_TYPE_ENUM && has_label(t, f->labels[k]))
				continue;
			{
				char *lit = enum_literal(n->fschema, f->name, f->labels[k]);
				if (strstr(after[i], lit))
					after[i] = NULL;
				free(lit);
			}
		}
	}
	rebuild_text(&up, n, f, t, u, nu, before, after);
	rebuild_text(&down, n, t, f, u, nu, after, before);
	step(&b, sk_buf_detach(&up, NULL), sk_buf_detach(&down, NULL));
	if (f->kind == SK_TYPE_ENUM) {
		for (size_t k = 0; k < f->nlabels; k++)
			if (t->kind != SK_TYPE_ENUM || !has_label(t, f->labels[k]))
				destructive(&b, strq("removes value %L from enum %Q", f->labels[k],
				                     n->fschema, f->name));
	} else if (f->kind == SK_TYPE_DOMAIN && t->kind == SK_TYPE_DOMAIN) {
		if (!widening(f->base_type, t->base_type))
			destructive(&b, strq("changes the base type of domain %Q from %s to %s", n->fschema,
			                     f->name, f->base_type, t->base_type));
	} else if (nu) {
		destructive(&b, strq("rebuilds type %Q, casting the values of its columns through text",
		                     n->fschema, f->name));
	}
	opb_finish(c->out, &b, label(n, true));
	for (size_t i = 0; i < nu; i++) {
		char *keep = after[i] ? sk_xstrdup(after[i]) : NULL;
		free(u[i].cp->cur_default);
		u[i].cp->cur_default = keep;
	}
	free(before);
	free(after);
	free(u);
}

static void gen_enum_add(struct ctx *c, struct node *n)
{
	const struct sk_type *f = FY(n), *t = TY(n);
	struct use *u;
	size_t nu = type_uses(c, n, &u), first_label = c->nlabels;
	struct sk_buf up = SK_BUF_INIT, down = SK_BUF_INIT;
	struct opb b;
	struct sk_diff_op *op;

	opb_init(&b);
	for (size_t i = 0; i < t->nlabels; i++) {
		if (has_label(f, t->labels[i]))
			continue;
		addq(&up, "ALTER TYPE %Q ADD VALUE %L", n->tschema, t->name, t->labels[i]);
		if (i > 0) {
			addq(&up, " AFTER %L", t->labels[i - 1]);
		} else {
			for (size_t k = 1; k < t->nlabels; k++) {
				if (has_label(f, t->labels[k])) {
					addq(&up, " BEFORE %L", t->labels[k]);
					break;
				}
			}
		}
		sk_buf_adds(&up, ";\n");
		SK_ALLOC_GROW(c->labels, c->nlabels + 1, c->alabels);
		c->labels[c->nlabels].literal = enum_literal(n->tschema, t->name, t->labels[i]);
		c->nlabels++;
	}
	{
		char **cur = sk_xcalloc(nu ? nu : 1, sizeof(char *));
		for (size_t i = 0; i < nu; i++)
			cur[i] = u[i].cp->cur_default;
		rebuild_text(&down, n, t, f, u, nu, cur, cur);
		free(cur);
	}
	step(&b, sk_buf_detach(&up, NULL), sk_buf_detach(&down, NULL));
	op = opb_finish(c->out, &b, label(n, true));
	for (size_t i = first_label; i < c->nlabels; i++)
		c->labels[i].op = op ? c->out->nr - 1 : (size_t)-1;
	free(u);
}

static void gen_domain(struct ctx *c, struct node *n)
{
	const struct sk_type *f = FY(n), *t = TY(n);
	const char *cur = n->detached_default ? NULL : f->default_expr;
	const char *s = n->tschema, *nm = t->name;
	struct opb b;

	opb_init(&b);
	if (!same(cur, t->default_expr)) {
		step(&b,
		     t->default_expr ? strq("ALTER DOMAIN %Q SET DEFAULT %s;\n", s, nm, t->default_expr)
		                     : strq("ALTER DOMAIN %Q DROP DEFAULT;\n", s, nm),
		     cur ? strq("ALTER DOMAIN %Q SET DEFAULT %s;\n", s, nm, cur)
		         : strq("ALTER DOMAIN %Q DROP DEFAULT;\n", s, nm));
	}
	if (f->not_null != t->not_null) {
		step(&b, strq("ALTER DOMAIN %Q %s NOT NULL;\n", s, nm, t->not_null ? "SET" : "DROP"),
		     strq("ALTER DOMAIN %Q %s NOT NULL;\n", s, nm, t->not_null ? "DROP" : "SET"));
		if (t->not_null && !t->default_expr)
			destructive(&b,
			            strq("makes domain %Q NOT NULL (fails where a column of it holds NULL)",
			                 s, nm));
	}
	for (size_t i = 0; i < f->nchecks; i++) {
		bool kept = false;
		if (n->detached_checks && n->detached_checks[i])
			continue;
		for (size_t j = 0; j < t->nchecks; j++)
			if (!strcmp(t->checks[j].name, f->checks[i].name) &&
			    !strcmp(t->checks[j].definition, f->checks[i].definition))
				kept = true;
		if (!kept)
			step(&b, strq("ALTER DOMAIN %Q DROP CONSTRAINT %I;\n", s, nm, f->checks[i].name),
			     strq("ALTER DOMAIN %Q ADD CONSTRAINT %I %s;\n", s, nm, f->checks[i].name,
			          f->checks[i].definition));
	}
	for (size_t j = 0; j < t->nchecks; j++) {
		bool kept = false;
		for (size_t i = 0; i < f->nchecks; i++)
			if (!strcmp(t->checks[j].name, f->checks[i].name) &&
			    !strcmp(t->checks[j].definition, f->checks[i].definition) &&
			    !(n->detached_checks && n->detached_checks[i]))
				kept = true;
		if (!kept)
			step(&b,
			     strq("ALTER DOMAIN %Q ADD CONSTRAINT %I %s;\n", s, nm, t->checks[j].name,
			          t->checks[j].definition),
			     strq("ALTER DOMAIN %Q DROP CONSTRAINT %I;\n", s, nm, t->checks[j].name));
	}
	opb_finish(c->out, &b, label(n, true));
}

/* " COLLATE c" for a change to collation want (NULL: the type's default)
 * from have. */
static char *collate_clause(const char *want, const char *have)
{
	if (want)
		return strq(" COLLATE %I", want);
	return sk_xstrdup(have ? " COLLATE \"default\"" : "");
}

static char *attr_def(const struct sk_attribute *a)
{
	return a->collation ? strq("%I %s COLLATE %I", a->name, a->type, a->collation)
	                    : strq("%I %s", a->name, a->type);
}

static void gen_composite(struct ctx *c, struct node *n)
{
	const struct sk_type *f = FY(n), *t = TY(n);
	const char *s = n->tschema, *nm = t->name;
	struct opb b;

	opb_init(&b);
	for (size_t i = 0; i < f->nattrs; i++) {
		const struct sk_attribute *fa = &f->attrs[i], *ta = find_attr(t, fa->name);
		char *def;

		if (ta) {
			if (same(fa->type, ta->type) && same(fa->collation, ta->collation))
				continue;
			{
				char *to_c = collate_clause(ta->collation, fa->collation);
				char *fr_c = collate_clause(fa->collation, ta->collation);
				step(&b,
				     strq("ALTER TYPE %Q ALTER ATTRIBUTE %I TYPE %s%s;\n", s, nm, fa->name,
				          ta->type, to_c),
				     strq("ALTER TYPE %Q ALTER ATTRIBUTE %I TYPE %s%s;\n", s, nm, fa->name,
				          fa->type, fr_c));
				free(to_c);
				free(fr_c);
			}
			continue;
		}
		def = attr_def(fa);
		step(&b, strq("ALTER TYPE %Q DROP ATTRIBUTE %I;\n", s, nm, fa->name),
		     strq("ALTER TYPE %Q ADD ATTRIBUTE %s;\n", s, nm, def));
		free(def);
		destructive(&b, strq("drops attribute %I of type %Q", fa->name, s, nm));
	}
	for (size_t i = 0; i < t->nattrs; i++) {
		char *def;

		if (find_attr(f, t->attrs[i].name))
			continue;
		def = attr_def(&t->attrs[i]);
		step(&b, strq("ALTER TYPE %Q ADD ATTRIBUTE %s;\n", s, nm, def),
		     strq("ALTER TYPE %Q DROP ATTRIBUTE %I;\n", s, nm, t->attrs[i].name));
		free(def);
	}
	opb_finish(c->out, &b, label(n, true));
}

/* ---- tables ---- */

/* A column definition for ADD COLUMN: `col` as it is now, named `name`,
 * with default `dflt`, in table t (whose name gives the identity
 * sequence's default name). */
static char *column_def(const struct sk_table *t, const struct sk_column *col, const char *name,
                        const char *dflt)
{
	struct sk_buf b = SK_BUF_INIT;
	struct sk_column copy = *col;

	copy.name = name;
	copy.default_expr = dflt;
	sk_pg_emit_column(&b, t, &copy);
	return sk_buf_detach(&b, NULL);
}

static char *column_label(const struct node *n, const char *col)
{
	return strq("column %Q.%I", n->tschema ? n->tschema : n->fschema, n->t ? tname(n) : fname(n), col);
}

/* ADD COLUMN of `col` (comment included) and the partitions' own settings
 * of it. */
static char *add_column_text(const struct ctx *c, const struct node *n, const struct sk_column *col,
                             const char *name, const char *dflt, const char *col_from, bool to)
{
	struct sk_buf b = SK_BUF_INIT;
	char *def = column_def(TT(n), col, name, dflt);
	struct sk_column added = *col;

	addq(&b, "ALTER TABLE %Q ADD COLUMN %s;\n", n->tschema, tname(n), def);
	if (col->comment) {
		char *target = strq("%Q.%I", n->tschema, tname(n), name);
		sk_pg_emit_comment(&b, "COLUMN", target, col->comment);
		free(target);
	}
	added.default_expr = dflt;
	if ((to ? TT(n) : FT(n))->kind == SK_TABLE_PARTITIONED)
		add_fixups(c, &b, n, &added, name, col_from, to);
	free(def);
	return sk_buf_detach(&b, NULL);
}

static void set_cur_default(struct colpair *cp, const char *d)
{
	char *keep = d ? sk_xstrdup(d) : NULL;

	free(cp->cur_default);
	cp->cur_default = keep;
}

static void gen_column_root(struct ctx *c, struct node *n, struct colpair *cp)
{
	const struct sk_column *f = cp->f, *t = cp->t;
	const char *s = n->tschema, *tb = tname(n), *col = t->name;
	char *cur = cp->cur_default ? sk_xstrdup(cp->cur_default) : NULL;
	bool partitioned = TT(n)->kind == SK_TABLE_PARTITIONED;
	struct opb b;

	opb_init(&b);
	if (cp->recreate) {
		char *up = strq("ALTER TABLE %Q DROP COLUMN %I;\n", s, tb, col);
		char *down = strq("ALTER TABLE %Q DROP COLUMN %I;\n", s, tb, col);
		char *add_t = add_column_text(c, n, t, col, t->default_expr, f->name, true);
		char *add_f = add_column_text(c, n, f, col, cur, f->name, false);
		struct sk_buf u = SK_BUF_INIT, d = SK_BUF_INIT;

		sk_buf_adds(&u, up);
		sk_buf_adds(&u, add_t);
		sk_buf_adds(&d, down);
		sk_buf_adds(&d, add_f);
		step(&b, sk_buf_detach(&u, NULL), sk_buf_detach(&d, NULL));
		free(up);
		free(down);
		free(add_t);
		free(add_f);
		if (!f->generated_expr)
			destructive(&b,
			            strq("replaces the values of column %Q.%I with a generated expression", s,
			                 tb, col));
		opb_finish(c->out, &b, b.up.len ? column_label(n, col) : NULL);
		set_cur_default(cp, t->default_expr);
		free(cur);
		return;
	}
	if (cp->drop_expr) {
		struct sk_buf d = SK_BUF_INIT;
		char *add_f = add_column_text(c, n, f, col, NULL, f->name, false);

		addq(&d, "ALTER TABLE %Q DROP COLUMN %I;\n", s, tb, col);
		sk_buf_adds(&d, add_f);
		free(add_f);
		step(&b, strq("ALTER TABLE %Q ALTER COLUMN %I DROP EXPRESSION;\n", s, tb, col),
		     sk_buf_detach(&d, NULL));
	}
	if (f->identity != SK_IDENTITY_NONE && t->identity == SK_IDENTITY_NONE) {
		struct sk_buf id = SK_BUF_INIT;
		struct sk_column named = *f;

		named.name = col;
		sk_pg_emit_identity(&id, TT(n), &named);
		step(&b, strq("ALTER TABLE %Q ALTER COLUMN %I DROP IDENTITY;\n", s, tb, col),
		     strq("ALTER TABLE %Q ALTER COLUMN %I ADD%s;\n", s, tb, col, id.buf));
		sk_buf_release(&id);
	}
	if (cur && (cp->retype || !t->default_expr ||
	            (t->identity != SK_IDENTITY_NONE && f->identity == SK_IDENTITY_NONE))) {
		step(&b, strq("ALTER TABLE ONLY %Q ALTER COLUMN %I DROP DEFAULT;\n", s, tb, col),
		     strq("ALTER TABLE ONLY %Q ALTER COLUMN %I SET DEFAULT %s;\n", s, tb, col, cur));
		free(cur);
		cur = NULL;
	}
	{
		/* the identity sequence's options (and its type, before the
		 * column's, so that the server keeps its bounds) */
		char *seq_up = NULL, *seq_down = NULL, *ty_up = NULL, *ty_down = NULL;
		struct sk_buf u = SK_BUF_INIT, d = SK_BUF_INIT;

		if (f->identity != SK_IDENTITY_NONE && t->identity != SK_IDENTITY_NONE && f->identity_seq &&
		    t->identity_seq) {
			seq_up = seq_alter(t->identity_seq->schema, t->identity_seq->name, f->identity_seq,
			                   t->identity_seq);
			seq_down = seq_alter(t->identity_seq->schema, t->identity_seq->name, t->identity_seq,
			                     f->identity_seq);
		}
		if (cp->retype) {
			char *cu = retype_clause(col, f->type, f->collation, t->type, t->collation);
			char *cd = retype_clause(col, t->type, t->collation, f->type, f->collation);
			ty_up = strq("ALTER TABLE %Q ALTER COLUMN %I%s;\n", s, tb, col, cu);
			ty_down = strq("ALTER TABLE %Q ALTER COLUMN %I%s;\n", s, tb, col, cd);
			free(cu);
			free(cd);
			if (strcmp(f->type, t->type) && !widening(f->type, t->type))
				destructive(
				        &b,
				        strq("changes the type of column %Q.%I from %s to %s, which may fail "
				             "or lose data",
				             s, tb, col, f->type, t->type));
		}
		if (seq_up || ty_up) {
			sk_buf_adds(&u, seq_up ? seq_up : "");
			sk_buf_adds(&u, ty_up ? ty_up : "");
			sk_buf_adds(&d, seq_down ? seq_down : "");
			sk_buf_adds(&d, ty_down ? ty_down : "");
			step(&b, sk_buf_detach(&u, NULL), sk_buf_detach(&d, NULL));
		}
		free(seq_up);
		free(seq_down);
		free(ty_up);
		free(ty_down);
	}
	if (f->not_null != t->not_null) {
		struct sk_buf u = SK_BUF_INIT, d = SK_BUF_INIT;

		addq(&u, "ALTER TABLE %Q ALTER COLUMN %I %s NOT NULL;\n", s, tb, col,
		     t->not_null ? "SET" : "DROP");
		addq(&d, "ALTER TABLE %Q ALTER COLUMN %I %s NOT NULL;\n", s, tb, col,
		     t->not_null ? "DROP" : "SET");
		if (partitioned) {
			nn_fixups(c, &u, n, col, f->name, t->not_null, true);
			nn_fixups(c, &d, n, col, f->name, f->not_null, false);
		}
		step(&b, sk_buf_detach(&u, NULL), sk_buf_detach(&d, NULL));
		if (t->not_null && !t->default_expr && t->identity == SK_IDENTITY_NONE && !t->generated_expr)
			destructive(
			        &b,
			        strq("makes column %Q.%I NOT NULL without a default (fails where it holds "
			             "NULL)",
			             s, tb, col));
	}
	if (t->default_expr && !same(cur, t->default_expr))
		step(&b,
		     strq("ALTER TABLE ONLY %Q ALTER COLUMN %I SET DEFAULT %s;\n", s, tb, col,
		          t->default_expr),
		     cur ? strq("ALTER TABLE ONLY %Q ALTER COLUMN %I SET DEFAULT %s;\n", s, tb, col, cur)
		         : strq("ALTER TABLE ONLY %Q ALTER COLUMN %I DROP DEFAULT;\n", s, tb, col));
	if (t->identity != SK_IDENTITY_NONE && f->identity == SK_IDENTITY_NONE) {
		struct sk_buf id = SK_BUF_INIT;

		sk_pg_emit_identity(&id, TT(n), t);
		step(&b, strq("ALTER TABLE %Q ALTER COLUMN %I ADD%s;\n", s, tb, col, id.buf),
		     strq("ALTER TABLE %Q ALTER COLUMN %I DROP IDENTITY;\n", s, tb, col));
		sk_buf_release(&id);
	} else if (t->identity != SK_IDENTITY_NONE && f->identity != t->identity) {
		const char *want = t->identity == SK_IDENTITY_ALWAYS ? "ALWAYS" : "BY DEFAULT";
		const char *was = t->identity == SK_IDENTITY_ALWAYS ? "BY DEFAULT" : "ALWAYS";
		step(&b, strq("ALTER TABLE %Q ALTER COLUMN %I SET GENERATED %s;\n", s, tb, col, want),
		     strq("ALTER TABLE %Q ALTER COLUMN %I SET GENERATED %s;\n", s, tb, col, was));
	}
	opb_finish(c->out, &b, b.up.len ? column_label(n, col) : NULL);
	set_cur_default(cp, t->default_expr);
	free(cur);
}

/* A partition's own default and NOT NULL (the rest is its parent's). */
static void gen_column_own(struct ctx *c, struct node *n, struct colpair *cp)
{
	const struct sk_column *f = cp->f, *t = cp->t;
	const char *s = n->tschema, *tb = tname(n), *col = t->name, *cur = cp->cur_default;
	const struct node *root = root_of(c, n);
	const struct colpair *rcp = col_by_to(root, col);
	struct opb b;

	opb_init(&b);
	if (!t->generated_expr && !same(cur, t->default_expr))
		step(&b,
		     t->default_expr
		             ? strq("ALTER TABLE ONLY %Q ALTER COLUMN %I SET DEFAULT %s;\n", s, tb, col,
		                    t->default_expr)
		             : strq("ALTER TABLE ONLY %Q ALTER COLUMN %I DROP DEFAULT;\n", s, tb, col),
		     cur ? strq("ALTER TABLE ONLY %Q ALTER COLUMN %I SET DEFAULT %s;\n", s, tb, col, cur)
		         : strq("ALTER TABLE ONLY %Q ALTER COLUMN %I DROP DEFAULT;\n", s, tb, col));
	if (f->not_null != t->not_null && !(rcp && rcp->f && rcp->f->not_null != rcp->t->not_null))
		step(&b,
		     strq("ALTER TABLE ONLY %Q ALTER COLUMN %I %s NOT NULL;\n", s, tb, col,
		          t->not_null ? "SET" : "DROP"),
		     strq("ALTER TABLE ONLY %Q ALTER COLUMN %I %s NOT NULL;\n", s, tb, col,
		          t->not_null ? "DROP" : "SET"));
	opb_finish(c->out, &b, b.up.len ? column_label(n, col) : NULL);
	set_cur_default(cp, t->default_expr);
}

static const char *bound(const struct sk_table *t)
{
	return t->partition_bound ? t->partition_bound : "DEFAULT";
}

static void gen_table_alter(struct ctx *c, struct node *n)
{
	const struct sk_table *f = FT(n), *t = TT(n);
	const char *s = n->tschema, *tb = t->name;
	struct opb b;

	opb_init(&b);
	if (f->parent_name && !n->own_mode) {
		const struct node *p = table_node(c, false, f->parent_schema, f->parent_name);
		const char *ps = p ? cur_schema(p, true) : f->parent_schema,
		           *pn = p ? cur_name(p, true) : f->parent_name;

		step(&b, strq("ALTER TABLE %Q DETACH PARTITION %Q;\n", ps, pn, s, tb),
		     strq("ALTER TABLE %Q ATTACH PARTITION %Q %s;\n", ps, pn, s, tb, bound(f)));
		opb_finish(c->out, &b, strq("partition %Q", s, tb));
	}
	if (f->unlogged != t->unlogged)
		step(&b, strq("ALTER TABLE %Q SET %s;\n", s, tb, t->unlogged ? "UNLOGGED" : "LOGGED"),
		     strq("ALTER TABLE %Q SET %s;\n", s, tb, t->unlogged ? "LOGGED" : "UNLOGGED"));
	{
		char *up = options_change(s, tb, f->options, t->options);
		if (up)
			step(&b, up, options_change(s, tb, t->options, f->options));
	}
	opb_finish(c->out, &b, label(n, true));
	for (size_t i = 0; i < n->ncols; i++) {
		if (!n->cols[i].f || !n->cols[i].t)
			continue;
		if (n->own_mode)
			gen_column_own(c, n, &n->cols[i]);
		else
			gen_column_root(c, n, &n->cols[i]);
	}
	for (size_t i = 0; !t->parent_name && i < n->ncols; i++) {
		const struct sk_column *col = n->cols[i].t;

		if (n->cols[i].f || !col)
			continue;
		step(&b, add_column_text(c, n, col, col->name, col->default_expr, col->name, true),
		     strq("ALTER TABLE %Q DROP COLUMN %I;\n", s, tb, col->name));
		if (col->not_null && !col->default_expr && col->identity == SK_IDENTITY_NONE &&
		    !col->generated_expr)
			destructive(
			        &b,
			        strq("adds column %Q.%I NOT NULL without a default (fails on a table with "
			             "rows)",
			             s, tb, col->name));
		opb_finish(c->out, &b, column_label(n, col->name));
		set_cur_default(&n->cols[i], col->default_expr);
	}
	if (t->parent_name && !n->own_mode) {
		step(&b,
		     strq("ALTER TABLE %Q ATTACH PARTITION %Q %s;\n", t->parent_schema, t->parent_name, s, tb,
		          bound(t)),
		     strq("ALTER TABLE %Q DETACH PARTITION %Q;\n", t->parent_schema, t->parent_name, s, tb));
		opb_finish(c->out, &b, strq("partition %Q", s, tb));
	}
}

/* P3: the columns `to` no longer has. */
static void gen_column_drops(struct ctx *c, struct node *n)
{
	struct opb b;

	opb_init(&b);
	/* the last first, so that the down migration adds them back in order */
	for (size_t i = n->ncols; !TT(n)->parent_name && i > 0; i--) {
		const struct colpair *cp = &n->cols[i - 1];

		if (cp->t)
			continue;
		step(&b, strq("ALTER TABLE %Q DROP COLUMN %I;\n", n->tschema, tname(n), cp->f->name),
		     add_column_text(c, n, cp->f, cp->f->name, cp->cur_default, cp->f->name, false));
		destructive(&b, strq("drops column %Q.%I", n->tschema, tname(n), cp->f->name));
		opb_finish(c->out, &b, column_label(n, cp->f->name));
	}
}

static bool has_dropped_columns(const struct node *n)
{
	if (n->kind != SK_OBJ_TABLE || n->state != ST_KEEP || TT(n)->parent_name)
		return false;
	for (size_t i = 0; i < n->ncols; i++)
		if (!n->cols[i].t)
			return true;
	return false;
}

/* ---- views, functions, sequences ---- */

static char *replace_view_text(const struct sk_view *v)
{
	struct sk_buf b = SK_BUF_INIT;
	char *s;

	sk_pg_emit_view(&b, v, true);
	if (!strncmp(b.buf, "CREATE VIEW ", 12)) {
		s = sk_xstrfmt("CREATE OR REPLACE VIEW %s", b.buf + 12);
		sk_buf_release(&b);
		return s;
	}
	return sk_buf_detach(&b, NULL);
}

static const struct sk_column *view_column(const struct sk_view *v, const char *name)
{
	for (size_t i = 0; i < v->ncolumns; i++)
		if (!strcmp(v->columns[i].name, name))
			return &v->columns[i];
	return NULL;
}

static void gen_view_alter(struct ctx *c, struct node *n)
{
	const struct sk_view *f = FV(n), *t = TV(n);
	const char *s = n->tschema, *nm = t->name;
	struct opb b;

	opb_init(&b);
	if (n->in_place) {
		char *down;
		if (n->append) {
			char *create = create_text(c, n, false);
			down = strq("DROP VIEW %Q;\n%s", s, nm, create);
			free(create);
		} else {
			down = replace_view_text(f);
		}
		step(&b, replace_view_text(t), down);
	}
	for (size_t i = 0; !t->materialized && i < t->ncolumns; i++) {
		const struct sk_column *fc = view_column(f, t->columns[i].name);
		const char *cur = fc ? fc->default_expr : NULL, *want = t->columns[i].default_expr;
		const char *col = t->columns[i].name;

		if (same(cur, want))
			continue;
		step(&b,
		     want ? strq("ALTER VIEW %Q ALTER COLUMN %I SET DEFAULT %s;\n", s, nm, col, want)
		          : strq("ALTER VIEW %Q ALTER COLUMN %I DROP DEFAULT;\n", s, nm, col),
		     cur ? strq("ALTER VIEW %Q ALTER COLUMN %I SET DEFAULT %s;\n", s, nm, col, cur)
		         : strq("ALTER VIEW %Q ALTER COLUMN %I DROP DEFAULT;\n", s, nm, col));
	}
	opb_finish(c->out, &b, label(n, true));
}

static char *function_text(const struct sk_function *f)
{
	struct sk_buf b = SK_BUF_INIT;

	sk_pg_emit_function(&b, f);
	return sk_buf_detach(&b, NULL);
}

static void gen_keep_p2(struct ctx *c, struct node *n)
{
	struct opb b;

	opb_init(&b);
	switch (n->kind) {
	case SK_OBJ_TYPE:
		if (n->rebuild)
			gen_type_rebuild(c, n);
		else if (n->enum_add)
			gen_enum_add(c, n);
		else if (TY(n)->kind == SK_TYPE_DOMAIN)
			gen_domain(c, n);
		else if (TY(n)->kind == SK_TYPE_COMPOSITE)
			gen_composite(c, n);
		break;
	case SK_OBJ_SEQUENCE: {
		char *up = seq_alter(n->tschema, tname(n), FS(n), TS(n));
		if (up)
			step(&b, up, seq_alter(n->tschema, tname(n), TS(n), FS(n)));
		opb_finish(c->out, &b, label(n, true));
		break;
	}
	case SK_OBJ_FUNCTION:
		if (n->in_place)
			step(&b, function_text(TF(n)), function_text(FF(n)));
		opb_finish(c->out, &b, label(n, true));
		break;
	case SK_OBJ_TABLE:
		gen_table_alter(c, n);
		break;
	default:
		gen_view_alter(c, n);
		break;
	}
}

/* ---- the phases ---- */

static void simple_op(struct ctx *c, char *object, char *up, char *down, char *why)
{
	struct opb b;

	opb_init(&b);
	step(&b, up, down);
	if (why)
		destructive(&b, why);
	opb_finish(c->out, &b, object);
}

static bool owner_recreated(const struct ctx *c, const struct sk_sequence *s)
{
	const struct node *tn;

	if (!s->owned_by_table)
		return false;
	tn = table_node(c, false, s->owned_by_schema, s->owned_by_table);
	return tn && tn->state == ST_RECREATE;
}

/* Sequences lose their owner in P1 and get their new one in P4. */
static bool unown(const struct ctx *c, const struct node *n)
{
	return FS(n)->owned_by_table && (!n->t || !same_owner(c, FS(n), TS(n)) || owner_recreated(c, FS(n)));
}

static bool own(const struct ctx *c, const struct node *n)
{
	return TS(n)->owned_by_table && (!n->f || !same_owner(c, FS(n), TS(n)) || owner_recreated(c, FS(n)));
}

static char *owned_by_text(const char *schema, const char *name, const struct sk_sequence *owner_of)
{
	if (!owner_of || !owner_of->owned_by_table)
		return strq("ALTER SEQUENCE %Q OWNED BY NONE;\n", schema, name);
	return strq("ALTER SEQUENCE %Q OWNED BY %Q.%I;\n", schema, name, owner_of->owned_by_schema,
	            owner_of->owned_by_table, owner_of->owned_by_column);
}

static void gen_sub_drops(struct ctx *c, enum sub_kind kind, int fk)
{
	for (size_t i = 0; i < c->nsubs; i++) {
		struct sub *s = &c->subs[i];

		if (!s->drop || s->kind != kind || (kind == SUB_CON && (int)is_fk(s) != fk))
			continue;
		simple_op(c, sub_label(s, false), sub_drop(s, false), sub_create(s, false), NULL);
	}
}

static void gen_p1(struct ctx *c)
{
	struct node **v = sk_xcalloc(c->nnodes ? c->nnodes : 1, sizeof(*v));
	size_t nv = 0;

	gen_sub_drops(c, SUB_TRG, 0);
	gen_sub_drops(c, SUB_CON, 1);
	gen_sub_drops(c, SUB_CON, 0);
	gen_sub_drops(c, SUB_IDX, 0);
	for (size_t i = 0; i < c->nby_from; i++) {
		struct node *n = c->by_from[i];

		if (n->kind == SK_OBJ_TABLE) {
			for (size_t j = 0; j < n->ncols; j++) {
				struct colpair *cp = &n->cols[j];
				if (!cp->detach_default || !cp->cur_default)
					continue;
				simple_op(c, strq("column %Q.%I", n->fschema, fname(n), cp->f->name),
				          strq("ALTER TABLE ONLY %Q ALTER COLUMN %I DROP DEFAULT;\n",
				               n->fschema, fname(n), cp->f->name),
				          strq("ALTER TABLE ONLY %Q ALTER COLUMN %I SET DEFAULT %s;\n",
				               n->fschema, fname(n), cp->f->name, cp->cur_default),
				          NULL);
				set_cur_default(cp, NULL);
			}
		} else if (n->kind == SK_OBJ_TYPE && (n->detached_default || n->detached_checks)) {
			const struct sk_type *y = FY(n);
			struct opb b;

			opb_init(&b);
			for (size_t j = 0; n->detached_checks && j < y->nchecks; j++)
				if (n->detached_checks[j])
					step(&b,
					     strq("ALTER DOMAIN %Q DROP CONSTRAINT %I;\n", n->fschema,
					          y->name, y->checks[j].name),
					     strq("ALTER DOMAIN %Q ADD CONSTRAINT %I %s;\n", n->fschema,
					          y->name, y->checks[j].name, y->checks[j].definition));
			if (n->detached_default)
				step(&b, strq("ALTER DOMAIN %Q DROP DEFAULT;\n", n->fschema, y->name),
				     strq("ALTER DOMAIN %Q SET DEFAULT %s;\n", n->fschema, y->name,
				          y->default_expr));
			opb_finish(c->out, &b, label(n, false));
		} else if (n->kind == SK_OBJ_SEQUENCE && unown(c, n)) {
			simple_op(c, label(n, false), owned_by_text(n->fschema, fname(n), NULL),
			          owned_by_text(n->fschema, fname(n), FS(n)), NULL);
		}
	}
	for (size_t i = 0; i < c->nby_from; i++) {
		struct node *n = c->by_from[i];
		if (n->state == ST_RECREATE ||
		    (n->state == ST_REMOVE && (n->kind == SK_OBJ_VIEW || n->early)))
			v[nv++] = n;
	}
	order_nodes(c, v, nv, false);
	reverse(v, nv);
	for (size_t i = 0; i < nv; i++) {
		struct node *n = v[i];
		char *why = NULL;

		if (n->kind == SK_OBJ_TABLE)
			why = n->state == ST_RECREATE
			              ? strq("recreates table %Q (its rows are lost)", n->fschema, fname(n))
			              : strq("drops table %Q", n->fschema, fname(n));
		else if (n->kind == SK_OBJ_SEQUENCE)
			why = strq("drops sequence %Q", n->fschema, fname(n));
		simple_op(c, label(n, false), drop_text(n, false), create_text(c, n, false), why);
	}
	free(v);
}

static void gen_renames(struct ctx *c)
{
	for (size_t i = 0; i < c->nby_from; i++) {
		struct node *n = c->by_from[i];

		if (n->kind == SK_OBJ_TABLE && n->renamed && n->state != ST_RECREATE)
			simple_op(c, label(n, true),
			          strq("ALTER TABLE %Q RENAME TO %I;\n", n->fschema, fname(n), tname(n)),
			          strq("ALTER TABLE %Q RENAME TO %I;\n", n->tschema, tname(n), fname(n)),
			          NULL);
	}
	for (size_t i = 0; i < c->nby_from; i++) {
		struct node *n = c->by_from[i];

		if (n->kind != SK_OBJ_TABLE || n->state != ST_KEEP)
			continue;
		for (size_t j = 0; j < n->ncols; j++) {
			struct colpair *cp = &n->cols[j];
			const struct sk_sequence *fs, *ts;

			/* a partition's columns are renamed with its parent's */
			if (cp->renamed && !FT(n)->parent_name)
				simple_op(c, column_label(n, cp->t->name),
				          strq("ALTER TABLE %Q RENAME COLUMN %I TO %I;\n", n->tschema,
				               tname(n), cp->f->name, cp->t->name),
				          strq("ALTER TABLE %Q RENAME COLUMN %I TO %I;\n", n->tschema,
				               tname(n), cp->t->name, cp->f->name),
				          NULL);
			if (!cp->f || !cp->t || cp->recreate)
				continue;
			fs = cp->f->identity_seq;
			ts = cp->t->identity_seq;
			if (cp->f->identity != SK_IDENTITY_NONE && cp->t->identity != SK_IDENTITY_NONE &&
			    fs && ts && strcmp(fs->name, ts->name))
				simple_op(c, strq("sequence %Q", fs->schema, fs->name),
				          strq("ALTER SEQUENCE %Q RENAME TO %I;\n", fs->schema, fs->name,
				               ts->name),
				          strq("ALTER SEQUENCE %Q RENAME TO %I;\n", ts->schema, ts->name,
				               fs->name),
				          NULL);
		}
	}
	for (size_t i = 0; i < c->nsubs; i++) {
		struct sub *s = &c->subs[i];

		if (!s->rename || s->drop)
			continue;
		if (s->kind == SUB_CON)
			simple_op(c, sub_label(s, true),
			          strq("ALTER TABLE %Q RENAME CONSTRAINT %I TO %I;\n", owner_schema(s, true),
			               owner_name(s, true), sub_name(s, false), sub_name(s, true)),
			          strq("ALTER TABLE %Q RENAME CONSTRAINT %I TO %I;\n", owner_schema(s, true),
			               owner_name(s, true), sub_name(s, true), sub_name(s, false)),
			          NULL);
		else
			simple_op(c, sub_label(s, true),
			          strq("ALTER INDEX %Q RENAME TO %I;\n", owner_schema(s, false),
			               sub_name(s, false), sub_name(s, true)),
			          strq("ALTER INDEX %Q RENAME TO %I;\n", owner_schema(s, true),
			               sub_name(s, true), sub_name(s, false)),
			          NULL);
	}
	for (size_t i = 0; i < c->nby_from; i++) {
		struct node *n = c->by_from[i];

		if (n->kind != SK_OBJ_SEQUENCE || !n->renamed)
			continue;
		simple_op(c, label(n, true),
		          strq("ALTER SEQUENCE %Q RENAME TO %I;\n", n->fschema, fname(n), tname(n)),
		          strq("ALTER SEQUENCE %Q RENAME TO %I;\n", n->tschema, tname(n), fname(n)), NULL);
		rename_in_defaults(c, n);
	}
}

static const struct sk_namespace *find_ns(const struct sk_model *m, const char *name)
{
	for (size_t i = 0; i < m->nnamespaces; i++)
		if (!strcmp(m->namespaces[i].name, name))
			return &m->namespaces[i];
	return NULL;
}

static const struct sk_extension *find_ext(const struct sk_model *m, const char *name)
{
	for (size_t i = 0; i < m->nextensions; i++)
		if (!strcmp(m->extensions[i].name, name))
			return &m->extensions[i];
	return NULL;
}

static char *schema_create(const struct sk_namespace *ns)
{
	struct sk_buf b = SK_BUF_INIT;

	addq(&b, "CREATE SCHEMA %I;\n", ns->name);
	if (ns->comment) {
		char *target = strq("%I", ns->name);
		sk_pg_emit_comment(&b, "SCHEMA", target, ns->comment);
		free(target);
	}
	return sk_buf_detach(&b, NULL);
}

static char *extension_create(const struct sk_extension *e)
{
	struct sk_buf b = SK_BUF_INIT;

	addq(&b, "CREATE EXTENSION IF NOT EXISTS %I", e->name);
	if (e->schema)
		addq(&b, " WITH SCHEMA %I", e->schema);
	sk_buf_adds(&b, ";\n");
	if (e->comment) {
		char *target = strq("%I", e->name);
		sk_pg_emit_comment(&b, "EXTENSION", target, e->comment);
		free(target);
	}
	return sk_buf_detach(&b, NULL);
}

static void gen_p2(struct ctx *c)
{
	struct node **v = sk_xcalloc(c->nnodes ? c->nnodes : 1, sizeof(*v));
	size_t nv = 0;

	for (size_t i = 0; i < c->to->nnamespaces; i++) {
		const struct sk_namespace *ns = &c->to->namespaces[i];
		if (!find_ns(c->from, ns->name))
			simple_op(c, strq("schema %I", ns->name), schema_create(ns),
			          strq("DROP SCHEMA %I;\n", ns->name), NULL);
	}
	for (size_t i = 0; i < c->to->nextensions; i++) {
		const struct sk_extension *e = &c->to->extensions[i], *fe = find_ext(c->from, e->name);
		if (!fe)
			simple_op(c, strq("extension %I", e->name), extension_create(e),
			          strq("DROP EXTENSION %I;\n", e->name), NULL);
		else if (!same(fe->schema, e->schema) && e->schema && fe->schema)
			simple_op(c, strq("extension %I", e->name),
			          strq("ALTER EXTENSION %I SET SCHEMA %I;\n", e->name, e->schema),
			          strq("ALTER EXTENSION %I SET SCHEMA %I;\n", e->name, fe->schema), NULL);
	}
	for (size_t i = 0; i < c->nby_to; i++)
		v[nv++] = c->by_to[i];
	order_nodes(c, v, nv, true);
	for (size_t i = 0; i < nv; i++) {
		struct node *n = v[i];

		if (n->state == ST_KEEP)
			gen_keep_p2(c, n);
		else
			simple_op(c, label(n, true), create_text(c, n, true), drop_text(n, true), NULL);
	}
	free(v);
}

static void gen_p3(struct ctx *c)
{
	struct node **v = sk_xcalloc(c->nnodes ? c->nnodes : 1, sizeof(*v));
	size_t nv = 0;

	for (size_t i = 0; i < c->nby_from; i++) {
		struct node *n = c->by_from[i];
		if ((n->state == ST_REMOVE && n->kind != SK_OBJ_VIEW && !n->early) || has_dropped_columns(n))
			v[nv++] = n;
	}
	order_nodes(c, v, nv, false);
	reverse(v, nv);
	for (size_t i = 0; i < nv; i++) {
		struct node *n = v[i];
		char *why = NULL;

		if (n->state == ST_KEEP) {
			gen_column_drops(c, n);
			continue;
		}
		if (n->kind == SK_OBJ_TABLE)
			why = strq("drops table %Q", n->fschema, fname(n));
		else if (n->kind == SK_OBJ_SEQUENCE)
			why = strq("drops sequence %Q", n->fschema, fname(n));
		simple_op(c, label(n, false), drop_text(n, false), create_text(c, n, false), why);
	}
	free(v);
	for (size_t i = 0; i < c->from->nextensions; i++) {
		const struct sk_extension *e = &c->from->extensions[i];
		if (!find_ext(c->to, e->name))
			simple_op(c, strq("extension %I", e->name), strq("DROP EXTENSION %I;\n", e->name),
			          extension_create(e), strq("drops extension %I", e->name));
	}
	for (size_t i = 0; i < c->from->nnamespaces; i++) {
		const struct sk_namespace *ns = &c->from->namespaces[i];
		if (!find_ns(c->to, ns->name))
			simple_op(c, strq("schema %I", ns->name), strq("DROP SCHEMA %I;\n", ns->name),
			          schema_create(ns), NULL);
	}
}

/* Why a new primary key, unique or exclusion constraint or unique index on
 * a table that stays is destructive: existing rows may break it. */
static char *uniqueish_why(const struct sub *s)
{
	const char *sch = owner_schema(s, true), *tb = owner_name(s, true), *nm = sub_name(s, true);

	if (s->kind == SUB_IDX)
		return strq("adds unique index %Q on %Q (fails on duplicate values)", sch, nm, sch, tb);
	switch (((const struct sk_constraint *)s->t)->kind) {
	case SK_CON_PRIMARY:
		return strq("adds primary key %I on %Q (fails on duplicate or NULL values)", nm, sch, tb);
	case SK_CON_EXCLUDE:
		return strq("adds exclusion constraint %I on %Q (fails on conflicting rows)", nm, sch, tb);
	default:
		return strq("adds unique constraint %I on %Q (fails on duplicate values)", nm, sch, tb);
	}
}

static void gen_sub_creates(struct ctx *c, enum sub_kind kind, int fk)
{
	for (int views = 0; views < 2; views++) {
		for (size_t i = 0; i < c->nsubs; i++) {
			struct sub *s = &c->subs[i];
			char *why = NULL;

			if (!s->create || s->kind != kind || (kind == SUB_CON && (int)is_fk(s) != fk) ||
			    (s->owner->kind == SK_OBJ_VIEW) != (views == 1))
				continue;
			if (s->owner->state == ST_KEEP && kind != SUB_TRG) {
				const struct sub probe = {s->kind, s->owner, s->t, NULL, false, false, false};
				if (uniqueish(&probe))
					why = uniqueish_why(s);
			}
			simple_op(c, sub_label(s, true), sub_create(s, true), sub_drop(s, true), why);
		}
	}
}

static void gen_p4(struct ctx *c)
{
	for (size_t i = 0; i < c->nby_to; i++) {
		struct node *n = c->by_to[i];

		if (n->kind == SK_OBJ_SEQUENCE && own(c, n))
			simple_op(c, label(n, true), owned_by_text(n->tschema, tname(n), TS(n)),
			          owned_by_text(n->tschema, tname(n), NULL), NULL);
	}
	gen_sub_creates(c, SUB_CON, 0);
	gen_sub_creates(c, SUB_IDX, 0);
	gen_sub_creates(c, SUB_CON, 1);
	gen_sub_creates(c, SUB_TRG, 0);
}

/* ---- comments ---- */

static void comment_op(struct ctx *c, const char *what, char *target, const char *from, const char *to)
{
	if (same(from, to)) {
		free(target);
		return;
	}
	{
		struct sk_buf u = SK_BUF_INIT, d = SK_BUF_INIT;
		sk_pg_emit_comment(&u, what, target, to);
		sk_pg_emit_comment(&d, what, target, from);
		simple_op(c, sk_xstrfmt("comment on %s %s", what, target), sk_buf_detach(&u, NULL),
		          sk_buf_detach(&d, NULL), NULL);
	}
	free(target);
}

static void comment_cols(struct ctx *c, const struct node *n, const struct sk_column *fcols, size_t nf,
                         const struct sk_column *tcols, size_t nt)
{
	for (size_t i = 0; i < nt; i++) {
		const struct sk_column *fc = NULL;
		const char *from;

		if (n->kind == SK_OBJ_TABLE) {
			const struct colpair *cp = col_by_to(n, tcols[i].name);
			if (!cp || !cp->f || cp->recreate)
				continue;
			fc = cp->f;
		} else {
			for (size_t j = 0; j < nf; j++)
				if (!strcmp(fcols[j].name, tcols[i].name))
					fc = &fcols[j];
		}
		from = fc ? fc->comment : NULL;
		if (same(from, tcols[i].comment))
			continue; /* the usual case: no name to quote */
		comment_op(c, "COLUMN", strq("%Q.%I", n->tschema, tname(n), tcols[i].name), from,
		           tcols[i].comment);
	}
}

static void gen_p5(struct ctx *c)
{
	for (size_t i = 0; i < c->to->nnamespaces; i++) {
		const struct sk_namespace *ns = &c->to->namespaces[i], *fns = find_ns(c->from, ns->name);
		if (fns)
			comment_op(c, "SCHEMA", strq("%I", ns->name), fns->comment, ns->comment);
	}
	for (size_t i = 0; i < c->to->nextensions; i++) {
		const struct sk_extension *e = &c->to->extensions[i], *fe = find_ext(c->from, e->name);
		if (fe)
			comment_op(c, "EXTENSION", strq("%I", e->name), fe->comment, e->comment);
	}
	for (size_t i = 0; i < c->nby_to; i++) {
		struct node *n = c->by_to[i];

		if (n->state != ST_KEEP)
			continue;
		switch (n->kind) {
		case SK_OBJ_TYPE:
			if (!n->rebuild)
				comment_op(c, type_word(TY(n)), strq("%Q", n->tschema, tname(n)),
				           FY(n)->comment, TY(n)->comment);
			break;
		case SK_OBJ_SEQUENCE:
			comment_op(c, "SEQUENCE", strq("%Q", n->tschema, tname(n)), FS(n)->comment,
			           TS(n)->comment);
			break;
		case SK_OBJ_FUNCTION:
			comment_op(c, routine_word(TF(n)),
			           strq("%Q(%s)", n->tschema, tname(n),
			                TF(n)->identity_args ? TF(n)->identity_args : ""),
			           FF(n)->comment, TF(n)->comment);
			break;
		case SK_OBJ_TABLE:
			comment_op(c, "TABLE", strq("%Q", n->tschema, tname(n)), FT(n)->comment,
			           TT(n)->comment);
			comment_cols(c, n, FT(n)->columns, FT(n)->ncolumns, TT(n)->columns, TT(n)->ncolumns);
			break;
		default:
			comment_op(c, view_word(TV(n)), strq("%Q", n->tschema, tname(n)), FV(n)->comment,
			           TV(n)->comment);
			comment_cols(c, n, FV(n)->columns, FV(n)->ncolumns, TV(n)->columns, TV(n)->ncolumns);
			break;
		}
	}
	for (size_t i = 0; i < c->nsubs; i++) {
		const struct sub *s = &c->subs[i];
		const char *what;

		if (!s->f || !s->t || s->drop || s->create || s->owner->state != ST_KEEP ||
		    same(sub_comment(s, false), sub_comment(s, true)))
			continue;
		{
			char *target = sub_comment_target(s, true, &what);
			comment_op(c, what, target, sub_comment(s, false), sub_comment(s, true));
		}
	}
}

/* ---- the differ ---- */

/* An operation that uses an enum value added in place in the same
 * migration needs that value committed first: no transaction. */
static void mark_new_labels(struct ctx *c)
{
	for (size_t i = 0; i < c->nlabels; i++) {
		size_t op = c->labels[i].op;

		if (op == (size_t)-1)
			continue;
		for (size_t j = op + 1; j < c->out->nr; j++)
			if (strstr(c->out->ops[j].up, c->labels[i].literal))
				c->out->ops[op].no_transaction = true;
	}
}

static void release(struct ctx *c)
{
	for (size_t i = 0; i < c->nnodes; i++) {
		struct node *n = &c->nodes[i];

		free(n->fkey);
		free(n->tkey);
		free(n->next);
		free(n->detached_checks);
		for (size_t j = 0; j < n->ncols; j++)
			free(n->cols[j].cur_default);
		free(n->cols);
	}
	free(c->nodes);
	free(c->by_from);
	free(c->by_to);
	free(c->subs);
	for (size_t i = 0; i < c->ntable_renames; i++) {
		free(c->table_renames[i].from);
		free(c->table_renames[i].to);
	}
	free(c->table_renames);
	for (size_t i = 0; i < c->nlabels; i++)
		free(c->labels[i].literal);
	free(c->labels);
}

int sk_diff_pg(struct sk_diff *out, const struct sk_model *from, const struct sk_model *to,
               const struct sk_diff_opts *opts, struct sk_error *err)
{
	struct ctx c;
	struct needles fn = {NULL, 0, 0}, ty = {NULL, 0, 0};

	(void)err;
	memset(&c, 0, sizeof(c));
	c.from = from;
	c.to = to;
	c.opts = opts;
	c.out = out;
	build_nodes(&c);
	classify(&c);
	spread(&c);
	collect_needles(&c, &fn, &ty);
	detach_callers(&c, &fn);
	collect_table_renames(&c);
	decide_subs(&c, &fn, &ty);
	gen_p1(&c);
	gen_renames(&c);
	gen_p2(&c);
	gen_p3(&c);
	gen_p4(&c);
	gen_p5(&c);
	mark_new_labels(&c);
	free_needles(&fn);
	free_needles(&ty);
	release(&c);
	return 0;
}
