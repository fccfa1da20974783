/*
 * sqlalchemy.c: the SQLAlchemy target, models.py: declarative classes in
 * the Column style (SQLAlchemy 1.4 and 2.x), enums as (str, enum.Enum),
 * keys, constraints and indexes in __table_args__, relationships from
 * foreign keys, Table()s for link tables and tables without a primary key.
 * The aim is that Base.metadata.create_all() recreates the schema's tables
 * as the database has them (docs/CODEGEN.md lists what it cannot).
 * Type expressions come from types.c, names from the plan.
 */
#include "codegen/codegen_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db.h"
#include "common/banned.h"

/* One relationship() attribute of a class. */
struct rel {
	const char *attr;   /* in the class */
	const char *target; /* class name */
	const char *back;   /* the other side's attribute */
	const struct sk_cg_fk *fk;
	bool forward;          /* many-to-one side (holds the key) */
	bool uselist_false;    /* one-to-one back reference */
	const char *secondary; /* many-to-many: the link table */
};

struct rels {
	struct rel *items;
	size_t n, alloc;
};

struct sagen {
	struct sk_cg_plan *p;
	struct sk_buf *out;
	struct rels *rels; /* per table */
};

static void py(struct sk_buf *out, const char *s)
{
	sk_cg_py_literal(out, s);
}

static const char *fk_action(char a)
{
	switch (a) {
	case 'r':
		return "RESTRICT";
	case 'c':
		return "CASCADE";
	case 'n':
		return "SET NULL";
	case 'd':
		return "SET DEFAULT";
	default:
		return NULL;
	}
}

static struct rel *add_rel(struct rels *r)
{
	SK_ALLOC_GROW(r->items, r->n + 1, r->alloc);
	memset(&r->items[r->n], 0, sizeof(r->items[0]));
	return &r->items[r->n++];
}

/* "owner_id" -> "owner"; else the referenced table's name */
static void forward_stem(struct sk_buf *out, const struct sk_cg_fk *fk)
{
	if (fk->ncols == 1) {
		const char *n = fk->from->cols[fk->cols[0]].col->name;
		size_t len = strlen(n);
		if (len > 3 && !strcasecmp(n + len - 3, "_id")) {
			sk_buf_add(out, n, len - 3);
			return;
		}
	}
	sk_buf_adds(out, fk->to->t->name);
}

static const char *claim_attr(struct sk_cg_plan *p, struct sk_cg_table *t, const char *want)
{
	return sk_cg_scope_claim(&t->py_scope, sk_cg_idents_get(&p->idents, SK_CG_LANG_PYTHON, want, NULL));
}

/* All relationship names, decided before any class is written (a class's
 * back references come from other tables' keys). */
static void plan_relationships(struct sagen *g)
{
	struct sk_cg_plan *p = g->p;
	struct sk_buf stem = SK_BUF_INIT, back = SK_BUF_INIT;

	for (size_t i = 0; i < p->ntables; i++) {
		struct sk_cg_table *ct = &p->tables[i];

		if (ct->association) {
			struct sk_cg_table *a = ct->fks[0].to, *b = ct->fks[1].to;
			struct rel *ra, *rb;
			if (a == b)
				continue;
			ra = add_rel(&g->rels[a - p->tables]);
			rb = add_rel(&g->rels[b - p->tables]);
			ra->attr = claim_attr(p, a, b->t->name);
			rb->attr = claim_attr(p, b, a->t->name);
			ra->target = b->py_class;
			rb->target = a->py_class;
			ra->back = rb->attr;
			rb->back = ra->attr;
			ra->secondary = rb->secondary =
			        sk_arena_strfmt(&p->arena, "%s%s%s", ct->qualified ? ct->t->schema : "",
			                        ct->qualified ? "." : "", ct->t->name);
			continue;
		}
		if (!ct->declarative)
			continue;
		for (size_t f = 0; f < ct->nfks; f++) {
			struct sk_cg_fk *fk = &ct->fks[f];
			struct rel *fw, *bw;
			size_t same = 0;

			if (!fk->to || !fk->to->declarative || fk->to->association)
				continue;
			for (size_t o = 0; o < ct->nfks; o++)
				same += ct->fks[o].to == fk->to;
			sk_buf_reset(&stem);
			forward_stem(&stem, fk);
			sk_buf_reset(&back);
			sk_buf_adds(&back, ct->t->name);
			if (same > 1 || fk->to == ct)
				sk_buf_addfast(&back, "_%s", stem.buf);
			fw = add_rel(&g->rels[i]);
			fw->fk = fk;
			fw->forward = true;
			fw->target = fk->to->py_class;
			fw->attr = claim_attr(p, ct, stem.buf);
			bw = add_rel(&g->rels[fk->to - p->tables]);
			bw->fk = fk;
			bw->target = ct->py_class;
			bw->uselist_false = fk->unique;
			bw->attr = claim_attr(p, fk->to, back.buf);
			fw->back = bw->attr;
			bw->back = fw->attr;
		}
	}
	sk_buf_release(&stem);
	sk_buf_release(&back);
}

/* ---- pieces of a table ---- */

static bool is_literal_default(const char *s)
{
	static const char *const words[] = {"NULL",         "TRUE",         "FALSE",
	                                    "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"};
	const char *q = s;

	if (*s == '\'' || *s == '"' || ((*s == 'X' || *s == 'x') && s[1] == '\''))
		return true;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcasecmp(s, words[i]))
			return true;
	if (*q == '-' || *q == '+')
		q++;
	if (!*q)
		return false;
	for (; *q; q++)
		if (!isdigit((unsigned char)*q) && *q != '.' && *q != 'e' && *q != 'E' && *q != '-' &&
		    *q != '+')
			return false;
	return true;
}

/* SQLite's PRAGMA gives a default without the parentheses an expression
 * needs in CREATE TABLE */
static void server_default(struct sk_buf *out, const struct sk_cg_plan *p, const char *expr)
{
	struct sk_buf b = SK_BUF_INIT;

	if (p->m->dialect == SK_DIALECT_SQLITE && !is_literal_default(expr))
		sk_buf_addfast(&b, "(%s)", expr);
	else
		sk_buf_adds(&b, expr);
	sk_buf_adds(out, ", server_default=sa.text(");
	py(out, b.buf);
	sk_buf_adds(out, ")");
	sk_buf_release(&b);
}

/* a sequence's options that differ from PostgreSQL's defaults for its
 * data type (the type is the column's for identities) */
static void sequence_options(struct sk_buf *out, const struct sk_sequence *s)
{
	const char *dt = s->data_type ? s->data_type : "bigint";
	long long maxv = !strcmp(dt, "smallint")  ? 32767LL
	                 : !strcmp(dt, "integer") ? 2147483647LL
	                                          : 9223372036854775807LL;
	bool asc = s->increment > 0;
	long long minv = asc ? 1 : -maxv - 1, topv = asc ? maxv : -1;

	if (s->start != (asc ? s->min_value : s->max_value))
		sk_buf_addfast(out, ", start=%lld", s->start);
	if (s->increment != 1)
		sk_buf_addfast(out, ", increment=%lld", s->increment);
	if (s->min_value != minv)
		sk_buf_addfast(out, ", minvalue=%lld", s->min_value);
	if (s->max_value != topv)
		sk_buf_addfast(out, ", maxvalue=%lld", s->max_value);
	if (s->cache != 1)
		sk_buf_addfast(out, ", cache=%lld", s->cache);
	if (s->cycle)
		sk_buf_adds(out, ", cycle=True");
}

static void identity(struct sk_buf *out, const struct sk_cg_column *cc)
{
	sk_buf_addfast(out, ", sa.Identity(always=%s",
	               cc->col->identity == SK_IDENTITY_ALWAYS ? "True" : "False");
	if (cc->col->identity_seq)
		sequence_options(out, cc->col->identity_seq);
	sk_buf_adds(out, ")");
}

/* sa.Sequence(...) for a sequence of the model */
static void sequence_expr(struct sk_buf *out, const struct sk_cg_plan *p, const struct sk_sequence *s,
                          bool standalone)
{
	const char *dt = s->data_type ? s->data_type : "bigint";

	sk_buf_adds(out, "sa.Sequence(");
	py(out, s->name);
	if (!sk_cg_default_schema(p, s->schema)) {
		sk_buf_adds(out, ", schema=");
		py(out, s->schema);
	}
	if (!strcmp(dt, "integer"))
		sk_buf_adds(out, ", data_type=sa.Integer()");
	else if (!strcmp(dt, "smallint"))
		sk_buf_adds(out, ", data_type=sa.SmallInteger()");
	sequence_options(out, s);
	if (standalone)
		sk_buf_adds(out, ", metadata=Base.metadata");
	sk_buf_adds(out, ")");
}

/* the sequence a "nextval('name'::regclass)" default names, if the
 * model has it */
static const struct sk_sequence *default_sequence(const struct sk_cg_plan *p, const char *expr)
{
	const char *s, *e;
	struct sk_buf schema = SK_BUF_INIT, name = SK_BUF_INIT, *part = &name;
	const struct sk_sequence *hit = NULL;
	bool quoted = false;

	if (!expr || strncmp(expr, "nextval('", 9))
		return NULL;
	s = expr + 9;
	e = strstr(s, "'::regclass)");
	if (!e)
		return NULL;
	for (const char *q = s; q < e; q++) {
		if (*q == '"') {
			if (quoted && q + 1 < e && q[1] == '"') {
				sk_buf_addch(part, '"');
				q++;
			} else {
				quoted = !quoted;
			}
		} else if (*q == '.' && !quoted) {
			sk_buf_reset(&schema);
			sk_buf_add(&schema, name.buf, name.len);
			sk_buf_reset(&name);
		} else {
			sk_buf_addch(part, *q);
		}
	}
	for (size_t i = sk_cg_index_first(&p->sequences_by_name, name.buf); i != SIZE_MAX && !hit;
	     i = sk_cg_index_next(&p->sequences_by_name, i)) {
		const struct sk_sequence *q = &p->m->sequences[i];
		if (!strcmp(q->name, name.buf) &&
		    (schema.len ? !strcmp(q->schema ? q->schema : "", schema.buf)
		                : sk_cg_default_schema(p, q->schema)))
			hit = q;
	}
	sk_buf_release(&schema);
	sk_buf_release(&name);
	return hit;
}

/* create_all does not create schemas: the model's other ones first */
static void schemas_block(struct sk_buf *out, const struct sk_cg_plan *p)
{
	bool any = false;

	for (size_t i = 0; i < p->m->nnamespaces; i++) {
		struct sk_buf stmt = SK_BUF_INIT;
		if (sk_cg_default_schema(p, p->m->namespaces[i].name))
			continue;
		if (!any)
			sk_buf_adds(out, "\n\n");
		any = true;
		sk_buf_adds(&stmt, "CREATE SCHEMA IF NOT EXISTS ");
		sk_db_quote_ident(&stmt, SK_DIALECT_POSTGRES, p->m->namespaces[i].name);
		sk_buf_adds(out, "sa.event.listen(Base.metadata, \"before_create\", sa.DDL(");
		py(out, stmt.buf);
		sk_buf_adds(out, ").execute_if(dialect=\"postgresql\"))\n");
		sk_buf_release(&stmt);
	}
}

/* sequences no column owns: created with the metadata */
static void standalone_sequences(struct sk_buf *out, const struct sk_cg_plan *p)
{
	bool any = false;

	for (size_t i = 0; i < p->m->nsequences; i++) {
		const struct sk_sequence *s = &p->m->sequences[i];
		if (s->owned_by_column)
			continue;
		if (!any)
			sk_buf_adds(out, "\n\n");
		any = true;
		sk_buf_adds(out, "");
		sequence_expr(out, p, s, true);
		sk_buf_adds(out, "\n");
	}
}

/* one sa.Column(...) (without the attribute) */
static void column_expr(struct sk_buf *out, const struct sk_cg_plan *p, const struct sk_cg_table *ct,
                        const struct sk_cg_column *cc, bool table_style)
{
	const struct sk_column *c = cc->col;
	bool pg = p->m->dialect == SK_DIALECT_POSTGRES;
	bool single_int_pk = ct->npk == 1 && cc->pk &&
	                     (cc->type.kind == SK_CG_INT16 || cc->type.kind == SK_CG_INT32 ||
	                      cc->type.kind == SK_CG_INT64);

	sk_buf_adds(out, "sa.Column(");
	if (table_style || strcmp(cc->py_name, c->name)) {
		py(out, c->name);
		sk_buf_adds(out, ", ");
	}
	sk_buf_adds(out, cc->type.sqlalchemy);
	if (strcmp(cc->py_name, c->name)) {
		/* the key is what constraints name and what binds are called
		 * (psycopg2 would turn "my col" into my_col, another column's) */
		sk_buf_addfast(out, ", key=\"%s\"", cc->py_name);
	}
	if (c->identity != SK_IDENTITY_NONE)
		identity(out, cc);
	if (pg && !(cc->serial && single_int_pk) && default_sequence(p, c->default_expr) &&
	    default_sequence(p, c->default_expr)->owned_by_column) {
		/* create_all must create the sequence the default names */
		sk_buf_adds(out, ", ");
		sequence_expr(out, p, default_sequence(p, c->default_expr), false);
	}
	if (c->generated_expr) {
		sk_buf_adds(out, ", sa.Computed(");
		py(out, c->generated_expr);
		sk_buf_addfast(out, ", persisted=%s)", c->generated_stored ? "True" : "False");
	}
	if (cc->pk)
		sk_buf_adds(out, ", primary_key=True");
	if (cc->pk && cc->nullable)
		sk_buf_adds(out, ", nullable=True");
	else if (!cc->pk && !cc->nullable)
		sk_buf_adds(out, ", nullable=False");
	if (c->default_expr && !(cc->serial && single_int_pk && pg))
		server_default(out, p, c->default_expr);
	if (single_int_pk) {
		/* SQLAlchemy would make a lone integer key SERIAL (PostgreSQL) */
		if (cc->serial && pg)
			sk_buf_adds(out, ", autoincrement=True");
		else if (c->identity == SK_IDENTITY_NONE && pg)
			sk_buf_adds(out, ", autoincrement=False");
	}
	if (c->comment) {
		sk_buf_adds(out, ", comment=");
		py(out, c->comment);
	}
	sk_buf_adds(out, ")");
}

/* a column's key (its attribute) for the strings of constraints */
static const char *col_key(const struct sk_cg_table *ct, const char *name)
{
	for (size_t i = 0; ct && i < ct->ncols; i++)
		if (!strcmp(ct->cols[i].col->name, name))
			return ct->cols[i].py_name;
	return name;
}

static void key_list(struct sk_buf *out, const struct sk_cg_table *ct, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sk_buf_adds(out, ", ");
		py(out, col_key(ct, v[i]));
	}
}

static void name_kw(struct sk_buf *out, const char *name)
{
	if (name && *name) {
		sk_buf_adds(out, ", name=");
		py(out, name);
	}
}

/* "CHECK (expr)" -> "expr"; PostgreSQL's "CHECK ((a > 0))" -> "(a > 0)" */
static void check_body(struct sk_buf *out, const char *def, bool not_valid)
{
	const char *s = def, *e = def + strlen(def);

	if (!strncasecmp(s, "CHECK", 5)) {
		s += 5;
		while (*s == ' ')
			s++;
	}
	if (not_valid && e - s > 10 && !strcmp(e - 10, " NOT VALID"))
		e -= 10;
	if (e - s >= 2 && *s == '(' && e[-1] == ')') {
		/* only when these parentheses match each other */
		int depth = 0;
		bool outer = true;
		for (const char *q = s; q < e && outer; q++) {
			if (*q == '(')
				depth++;
			else if (*q == ')' && --depth == 0 && q != e - 1)
				outer = false;
		}
		if (outer) {
			s++;
			e--;
		}
	}
	sk_buf_add(out, s, (size_t)(e - s));
}

static void fk_expr(struct sk_buf *out, const struct sk_cg_plan *p, const struct sk_cg_table *ct,
                    const struct sk_constraint *c)
{
	const char *rs = c->ref_schema;
	struct sk_buf ref = SK_BUF_INIT;

	const struct sk_cg_table *to = NULL;

	for (size_t f = 0; f < ct->nfks; f++)
		if (ct->fks[f].con == c)
			to = ct->fks[f].to;
	sk_buf_adds(out, "sa.ForeignKeyConstraint([");
	key_list(out, ct, c->columns, c->ncolumns);
	sk_buf_adds(out, "], [");
	for (size_t i = 0; i < c->nref_columns; i++) {
		sk_buf_reset(&ref);
		if (rs && !sk_cg_default_schema(p, rs))
			sk_buf_addfast(&ref, "%s.", rs);
		sk_buf_addfast(&ref, "%s.%s", c->ref_table, col_key(to, c->ref_columns[i]));
		if (i)
			sk_buf_adds(out, ", ");
		py(out, ref.buf);
	}
	sk_buf_adds(out, "]");
	name_kw(out, c->name);
	if (fk_action(c->on_delete))
		sk_buf_addfast(out, ", ondelete=\"%s\"", fk_action(c->on_delete));
	if (fk_action(c->on_update))
		sk_buf_addfast(out, ", onupdate=\"%s\"", fk_action(c->on_update));
	if (c->match == 'f')
		sk_buf_adds(out, ", match=\"FULL\"");
	else if (c->match == 'p')
		sk_buf_adds(out, ", match=\"PARTIAL\"");
	if (c->deferrable)
		sk_buf_adds(out, ", deferrable=True");
	if (c->deferred)
		sk_buf_adds(out, ", initially=\"DEFERRED\"");
	sk_buf_adds(out, ")");
	sk_buf_release(&ref);
}

/* The statement SQLAlchemy would write for an Index of these keys: when
 * PostgreSQL's own definition says more (DESC, opclasses, INCLUDE, ...),
 * the index is created from the definition instead. */
static bool index_expressible(const struct sk_cg_plan *p, const struct sk_cg_table *ct,
                              const struct sk_index *x)
{
	struct sk_buf b = SK_BUF_INIT;
	bool ok;

	if (p->m->dialect == SK_DIALECT_SQLITE) {
		const char *d = x->definition ? x->definition : "";
		/* an upper-cased copy to look for words the keys do not carry */
		for (const char *q = d; *q; q++)
			sk_buf_addch(&b, toupper((unsigned char)*q));
		ok = !strstr(b.buf, " DESC") && !strstr(b.buf, " ASC") && !strstr(b.buf, "COLLATE");
		sk_buf_release(&b);
		return ok;
	}
	sk_buf_addfast(&b, "CREATE %sINDEX ", x->unique ? "UNIQUE " : "");
	sk_db_quote_ident(&b, SK_DIALECT_POSTGRES, x->name);
	sk_buf_adds(&b, " ON ");
	if (ct->t->schema) {
		sk_db_quote_ident(&b, SK_DIALECT_POSTGRES, ct->t->schema);
		sk_buf_addch(&b, '.');
	}
	sk_db_quote_ident(&b, SK_DIALECT_POSTGRES, ct->t->name);
	sk_buf_addfast(&b, " USING %s (", x->method && *x->method ? x->method : "btree");
	for (size_t k = 0; k < x->nkeys; k++) {
		if (k)
			sk_buf_adds(&b, ", ");
		if (sk_table_find_column(ct->t, x->keys[k]))
			sk_db_quote_ident(&b, SK_DIALECT_POSTGRES, x->keys[k]);
		else
			sk_buf_adds(&b, x->keys[k]);
	}
	sk_buf_adds(&b, ")");
	if (x->predicate)
		sk_buf_addfast(&b, " WHERE %s", x->predicate);
	ok = x->definition && !strcmp(b.buf, x->definition);
	sk_buf_release(&b);
	return ok;
}

static void index_expr(struct sk_buf *out, const struct sk_cg_plan *p, const struct sk_cg_table *ct,
                       const struct sk_index *x)
{
	sk_buf_adds(out, "sa.Index(");
	py(out, x->name);
	for (size_t k = 0; k < x->nkeys; k++) {
		sk_buf_adds(out, ", ");
		if (sk_table_find_column(ct->t, x->keys[k])) {
			py(out, col_key(ct, x->keys[k]));
		} else {
			sk_buf_adds(out, "sa.text(");
			py(out, x->keys[k]);
			sk_buf_adds(out, ")");
		}
	}
	if (x->unique)
		sk_buf_adds(out, ", unique=True");
	if (p->m->dialect == SK_DIALECT_POSTGRES && x->method && *x->method && strcmp(x->method, "btree"))
		sk_buf_addfast(out, ", postgresql_using=\"%s\"", x->method);
	if (x->predicate) {
		sk_buf_addfast(out, ", %s_where=sa.text(",
		               p->m->dialect == SK_DIALECT_POSTGRES ? "postgresql" : "sqlite");
		py(out, x->predicate);
		sk_buf_adds(out, ")");
	}
	sk_buf_adds(out, ")");
}

/* constraints and indexes, one per line, indented */
static void table_items(struct sk_buf *out, const struct sk_cg_plan *p, const struct sk_cg_table *ct,
                        const char *indent)
{
	const struct sk_table *t = ct->t;

	for (size_t i = 0; i < t->nconstraints; i++) {
		const struct sk_constraint *c = &t->constraints[i];
		switch (c->kind) {
		case SK_CON_PRIMARY:
			/* on the columns; a named key keeps its name */
			if (!c->name || !*c->name)
				continue;
			sk_buf_addfast(out, "%ssa.PrimaryKeyConstraint(", indent);
			key_list(out, ct, c->columns, c->ncolumns);
			name_kw(out, c->name);
			sk_buf_adds(out, "),\n");
			break;
		case SK_CON_UNIQUE:
			sk_buf_addfast(out, "%ssa.UniqueConstraint(", indent);
			key_list(out, ct, c->columns, c->ncolumns);
			name_kw(out, c->name);
			if (c->deferrable)
				sk_buf_adds(out, ", deferrable=True");
			if (c->deferred)
				sk_buf_adds(out, ", initially=\"DEFERRED\"");
			sk_buf_adds(out, "),\n");
			break;
		case SK_CON_CHECK: {
			struct sk_buf body = SK_BUF_INIT;
			check_body(&body, c->definition ? c->definition : "", c->not_valid);
			sk_buf_addfast(out, "%ssa.CheckConstraint(", indent);
			py(out, body.buf);
			name_kw(out, c->name);
			sk_buf_adds(out, "),\n");
			sk_buf_release(&body);
			break;
		}
		case SK_CON_FOREIGN:
			sk_buf_adds(out, indent);
			fk_expr(out, p, ct, c);
			sk_buf_adds(out, ",\n");
			break;
		case SK_CON_EXCLUDE:
			break; /* created from its definition, after the table */
		}
	}
	for (size_t i = 0; i < t->nindexes; i++) {
		if (!index_expressible(p, ct, &t->indexes[i]))
			continue;
		sk_buf_adds(out, indent);
		index_expr(out, p, ct, &t->indexes[i]);
		sk_buf_adds(out, ",\n");
	}
}

/* the table's keyword arguments: schema, comment, SQLite options */
static void table_kwargs(struct sk_buf *out, const struct sk_cg_plan *p, const struct sk_cg_table *ct,
                         bool dict_style)
{
	const struct sk_table *t = ct->t;
	const char *sep = dict_style ? "\": " : "=";
	const char *q = dict_style ? "\"" : "";
	bool any = false;

#define KW(k)                                                                                                \
	do {                                                                                                 \
		sk_buf_adds(out, any ? ", " : "");                                                           \
		sk_buf_addfast(out, "%s%s%s", q, k, sep);                                                    \
		any = true;                                                                                  \
	} while (0)
	if (ct->qualified) {
		KW("schema");
		py(out, t->schema);
	}
	if (t->comment) {
		KW("comment");
		py(out, t->comment);
	}
	if (p->m->dialect == SK_DIALECT_SQLITE && t->autoincrement) {
		KW("sqlite_autoincrement");
		sk_buf_adds(out, "True");
	}
	if (p->m->dialect == SK_DIALECT_SQLITE && t->without_rowid) {
		KW("sqlite_with_rowid");
		sk_buf_adds(out, "False");
	}
	if (t->unlogged) {
		KW("prefixes");
		sk_buf_adds(out, "[\"UNLOGGED\"]");
	}
	if (t->partition_key) {
		KW("postgresql_partition_by");
		py(out, t->partition_key);
	}
#undef KW
}

static bool has_kwargs(const struct sk_cg_plan *p, const struct sk_cg_table *ct)
{
	const struct sk_table *t = ct->t;
	return ct->qualified || t->comment || t->unlogged || t->partition_key ||
	       (p->m->dialect == SK_DIALECT_SQLITE && (t->autoincrement || t->without_rowid));
}

/* CREATE TABLE ... PARTITION OF for the partitions of parent, each before
 * its own partitions */
static void partition_events(struct sk_buf *out, const struct sk_cg_plan *p, const struct sk_table *parent,
                             const char *table_expr, int depth)
{
	for (size_t i = 0; i < p->m->ntables && depth < 16; i++) {
		const struct sk_table *part = &p->m->tables[i];
		struct sk_buf stmt = SK_BUF_INIT;
		if (!sk_cg_is_partition_of(part, parent))
			continue;
		sk_buf_adds(&stmt, "CREATE TABLE ");
		sk_db_quote_ident(&stmt, SK_DIALECT_POSTGRES, part->schema);
		sk_buf_addch(&stmt, '.');
		sk_db_quote_ident(&stmt, SK_DIALECT_POSTGRES, part->name);
		sk_buf_adds(&stmt, " PARTITION OF ");
		sk_db_quote_ident(&stmt, SK_DIALECT_POSTGRES, parent->schema);
		sk_buf_addch(&stmt, '.');
		sk_db_quote_ident(&stmt, SK_DIALECT_POSTGRES, parent->name);
		sk_buf_addfast(&stmt, " %s", part->partition_bound ? part->partition_bound : "DEFAULT");
		if (part->partition_key)
			sk_buf_addfast(&stmt, " PARTITION BY %s", part->partition_key);
		sk_buf_addfast(out, "sa.event.listen(%s, \"after_create\", sa.DDL(", table_expr);
		py(out, stmt.buf);
		sk_buf_adds(out, ").execute_if(dialect=\"postgresql\"))\n");
		sk_buf_release(&stmt);
		partition_events(out, p, part, table_expr, depth + 1);
	}
}

/* DDL the models cannot express as objects: exclusion constraints, indexes
 * with options, triggers are the database's (not here) */
static void ddl_events(struct sk_buf *out, const struct sk_cg_plan *p, const struct sk_cg_table *ct,
                       const char *table_expr)
{
	const struct sk_table *t = ct->t;
	const char *dialect = p->m->dialect == SK_DIALECT_POSTGRES ? "postgresql" : "sqlite";

	for (size_t i = 0; i < t->nconstraints; i++) {
		const struct sk_constraint *c = &t->constraints[i];
		struct sk_buf stmt = SK_BUF_INIT;
		if (c->kind != SK_CON_EXCLUDE)
			continue;
		sk_buf_adds(&stmt, "ALTER TABLE ");
		if (ct->qualified) {
			sk_db_quote_ident(&stmt, p->m->dialect, t->schema);
			sk_buf_addch(&stmt, '.');
		}
		sk_db_quote_ident(&stmt, p->m->dialect, t->name);
		sk_buf_adds(&stmt, " ADD CONSTRAINT ");
		sk_db_quote_ident(&stmt, p->m->dialect, c->name);
		sk_buf_addfast(&stmt, " %s", c->definition);
		sk_buf_addfast(out, "sa.event.listen(%s, \"after_create\", sa.DDL(", table_expr);
		py(out, stmt.buf);
		sk_buf_addfast(out, ").execute_if(dialect=\"%s\"))\n", dialect);
		sk_buf_release(&stmt);
	}
	for (size_t i = 0; i < t->nindexes; i++) {
		if (index_expressible(p, ct, &t->indexes[i]) || !t->indexes[i].definition)
			continue;
		sk_buf_addfast(out, "sa.event.listen(%s, \"after_create\", sa.DDL(", table_expr);
		py(out, t->indexes[i].definition);
		sk_buf_addfast(out, ").execute_if(dialect=\"%s\"))\n", dialect);
	}
	if (t->options && p->m->dialect == SK_DIALECT_POSTGRES) {
		/* storage parameters: SQLAlchemy has no Table option for them */
		struct sk_buf stmt = SK_BUF_INIT;
		sk_buf_adds(&stmt, "ALTER TABLE ");
		sk_db_quote_ident(&stmt, SK_DIALECT_POSTGRES, t->schema);
		sk_buf_addch(&stmt, '.');
		sk_db_quote_ident(&stmt, SK_DIALECT_POSTGRES, t->name);
		sk_buf_addfast(&stmt, " SET (%s)", t->options);
		sk_buf_addfast(out, "sa.event.listen(%s, \"after_create\", sa.DDL(", table_expr);
		py(out, stmt.buf);
		sk_buf_adds(out, ").execute_if(dialect=\"postgresql\"))\n");
		sk_buf_release(&stmt);
	}
	partition_events(out, p, t, table_expr, 0);
}

static bool needs_ddl_events(const struct sk_cg_plan *p, const struct sk_cg_table *ct)
{
	if (ct->t->options && p->m->dialect == SK_DIALECT_POSTGRES)
		return true;
	if (ct->has_partitions)
		return true;
	for (size_t i = 0; i < ct->t->nconstraints; i++)
		if (ct->t->constraints[i].kind == SK_CON_EXCLUDE)
			return true;
	for (size_t i = 0; i < ct->t->nindexes; i++)
		if (ct->t->indexes[i].definition && !index_expressible(p, ct, &ct->t->indexes[i]))
			return true;
	return false;
}

/* "[Items.owner_id, ...]" */
static void attr_list(struct sk_buf *out, const struct sk_cg_table *t, const size_t *cols, size_t n)
{
	struct sk_buf b = SK_BUF_INIT;

	sk_buf_addch(&b, '[');
	for (size_t i = 0; i < n; i++)
		sk_buf_addfast(&b, "%s%s.%s", i ? ", " : "", t->py_class, t->cols[cols[i]].py_name);
	sk_buf_addch(&b, ']');
	py(out, b.buf);
	sk_buf_release(&b);
}

static void relationship(struct sk_buf *out, const struct rel *r)
{
	sk_buf_addfast(out, "    %s = orm.relationship(\"%s\"", r->attr, r->target);
	if (r->secondary) {
		sk_buf_adds(out, ", secondary=");
		py(out, r->secondary);
	} else {
		const struct sk_cg_fk *fk = r->fk;
		sk_buf_adds(out, ", foreign_keys=");
		attr_list(out, fk->from, fk->cols, fk->ncols);
		if (r->forward && fk->to == fk->from) {
			sk_buf_adds(out, ", remote_side=");
			attr_list(out, fk->to, fk->ref_cols, fk->ncols);
		}
		if (!r->forward && r->uselist_false)
			sk_buf_adds(out, ", uselist=False");
		if (!r->forward && (fk->con->on_delete == 'c' || fk->con->on_delete == 'n'))
			sk_buf_adds(out, ", passive_deletes=True");
	}
	sk_buf_addfast(out, ", back_populates=\"%s\")\n", r->back);
}

static void class_block(struct sagen *g, struct sk_cg_table *ct, const struct rels *rels)
{
	struct sk_buf *out = g->out;
	const struct sk_cg_plan *p = g->p;
	struct sk_buf items = SK_BUF_INIT, cm = SK_BUF_INIT;

	sk_buf_addfast(out, "\n\nclass %s(Base):\n", ct->py_class);
	if (ct->t->comment) {
		sk_cg_comment_text(&cm, ct->t->comment);
		sk_buf_adds(out, "    ");
		py(out, cm.buf);
		sk_buf_adds(out, "\n\n");
	}
	sk_buf_adds(out, "    __tablename__ = ");
	py(out, ct->t->name);
	sk_buf_adds(out, "\n");
	table_items(&items, p, ct, "        ");
	if (items.len || has_kwargs(p, ct)) {
		sk_buf_adds(out, "    __table_args__ = (\n");
		sk_buf_add(out, items.buf, items.len);
		if (has_kwargs(p, ct)) {
			sk_buf_adds(out, "        {");
			table_kwargs(out, p, ct, true);
			sk_buf_adds(out, "},\n");
		}
		sk_buf_adds(out, "    )\n");
	}
	sk_buf_adds(out, "\n");
	for (size_t i = 0; i < ct->ncols; i++) {
		sk_buf_addfast(out, "    %s = ", ct->cols[i].py_name);
		column_expr(out, p, ct, &ct->cols[i], false);
		sk_buf_adds(out, "\n");
	}
	if (rels->n)
		sk_buf_adds(out, "\n");
	for (size_t i = 0; i < rels->n; i++)
		relationship(out, &rels->items[i]);
	if (needs_ddl_events(p, ct)) {
		struct sk_buf te = SK_BUF_INIT;
		sk_buf_addfast(&te, "%s.__table__", ct->py_class);
		sk_buf_adds(out, "\n\n");
		ddl_events(out, p, ct, te.buf);
		sk_buf_release(&te);
	}
	sk_buf_release(&items);
	sk_buf_release(&cm);
}

static void table_block(struct sagen *g, const struct sk_cg_table *ct)
{
	struct sk_buf *out = g->out;
	const struct sk_cg_plan *p = g->p;

	sk_buf_addfast(out, "\n\n%s = sa.Table(\n    ", ct->py_var);
	py(out, ct->t->name);
	sk_buf_adds(out, ",\n    Base.metadata,\n");
	for (size_t i = 0; i < ct->ncols; i++) {
		sk_buf_adds(out, "    ");
		column_expr(out, p, ct, &ct->cols[i], true);
		sk_buf_adds(out, ",\n");
	}
	table_items(out, p, ct, "    ");
	if (has_kwargs(p, ct)) {
		sk_buf_adds(out, "    ");
		table_kwargs(out, p, ct, false);
		sk_buf_adds(out, ",\n");
	}
	sk_buf_adds(out, ")\n");
	if (needs_ddl_events(p, ct)) {
		sk_buf_adds(out, "\n");
		ddl_events(out, p, ct, ct->py_var);
	}
}

static void enum_block(struct sk_buf *out, const struct sk_cg_enum *e)
{
	sk_buf_addfast(out, "\n\nclass %s(str, enum.Enum):\n", e->py_class);
	sk_buf_adds(out, "    ");
	{
		struct sk_buf d = SK_BUF_INIT;
		sk_buf_adds(&d, "The database enum ");
		sk_cg_comment_text(&d, e->display);
		py(out, d.buf);
		sk_buf_release(&d);
	}
	sk_buf_adds(out, "\n\n");
	for (size_t i = 0; i < e->type->nlabels; i++) {
		sk_buf_addfast(out, "    %s = ", e->py_members[i]);
		py(out, e->type->labels[i]);
		sk_buf_adds(out, "\n");
	}
}

void sk_cg_python_enums(struct sk_buf *out, const struct sk_cg_plan *p)
{
	for (size_t i = 0; i < p->nenums; i++)
		enum_block(out, &p->enums[i]);
}

static const char prelude[] =
        "\"\"\"SQLAlchemy models generated by schemake-codegen from the database schema. Do not edit.\n"
        "\n"
        "Declarative models in the Column style, for SQLAlchemy 1.4 and 2.x. Tables and\n"
        "columns keep their database names (sa.Column(\"my col\", ...)); classes and\n"
        "attributes are renamed where Python needs it (docs/CODEGEN.md).\n"
        "Base.metadata.create_all() creates the tables as the database has them.\n"
        "\"\"\"\n"
        "import datetime  # noqa: F401\n"
        "import decimal  # noqa: F401\n"
        "import enum  # noqa: F401\n"
        "import typing  # noqa: F401\n"
        "import uuid  # noqa: F401\n"
        "\n"
        "import sqlalchemy as sa\n"
        "from sqlalchemy import orm\n"
        "from sqlalchemy.dialects import postgresql  # noqa: F401\n"
        "from sqlalchemy.ext.compiler import compiles\n"
        "\n"
        "Base = orm.declarative_base()\n"
        "\n"
        "\n"
        "class _Declared(sa.types.TypeDecorator):\n"
        "    \"\"\"A type written in DDL as the database spells it; values behave as impl.\"\"\"\n"
        "\n"
        "    impl = sa.types.NullType\n"
        "    cache_ok = True\n"
        "\n"
        "    def __init__(self, ddl, impl=None):\n"
        "        super().__init__()\n"
        "        self.ddl = ddl\n"
        "        if impl is not None:\n"
        "            self.impl = impl\n"
        "\n"
        "\n"
        "@compiles(_Declared)\n"
        "def _compile_declared(type_, compiler, **kw):\n"
        "    return type_.ddl\n"
        "\n"
        "\n"
        "def _enum_values(cls):\n"
        "    return [member.value for member in cls]\n";

void sk_cg_emit_sqlalchemy(struct sk_codegen_files *out, struct sk_cg_plan *p)
{
	struct sagen g;

	g.p = p;
	g.out = sk_cg_add_file(out, "models.py");
	g.rels = sk_xcalloc(p->ntables + 1, sizeof(*g.rels));
	plan_relationships(&g);
	sk_buf_adds(g.out, prelude);
	schemas_block(g.out, p);
	sk_cg_python_enums(g.out, p);
	standalone_sequences(g.out, p);
	for (size_t i = 0; i < p->ntables; i++) {
		struct sk_cg_table *ct = &p->tables[i];
		if (ct->declarative && !ct->association)
			class_block(&g, ct, &g.rels[i]);
		else
			table_block(&g, ct);
	}
	for (size_t i = 0; i < p->ntables; i++)
		free(g.rels[i].items);
	free(g.rels);
}
