/*
 * codegen.c: schemake-codegen as a whole: target lists, the plan every
 * generator reads (names chosen once per model so C, Python and diagrams
 * agree; key facts), where the model comes from, and writing the files.
 * The text of each target is its own module's (c.c, sqlalchemy.c,
 * pydantic.c, diagram.c).
 */
#include "codegen/codegen_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/fs.h"
#include "db/open.h"
#include "introspect/introspect.h"
#include "model/snapshot.h"
#include "common/banned.h"

/* ---- targets ---- */

static const struct {
	const char *name;
	unsigned bit;
} target_names[] = {
        {"c", SK_CODEGEN_C},
        {"sqlalchemy", SK_CODEGEN_SQLALCHEMY},
        {"pydantic", SK_CODEGEN_PYDANTIC},
        {"mermaid", SK_CODEGEN_MERMAID},
        {"dot", SK_CODEGEN_DOT},
        {"all", SK_CODEGEN_ALL},
};

int sk_codegen_parse_targets(unsigned *out, const char *list, struct sk_error *err)
{
	const char *p = list;

	*out = 0;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		bool found = false;

		for (size_t i = 0; i < sizeof(target_names) / sizeof(target_names[0]); i++)
			if (strlen(target_names[i].name) == len && !strncmp(p, target_names[i].name, len)) {
				*out |= target_names[i].bit;
				found = true;
			}
		if (!found && len) {
			int rc = sk_error_set(err, SK_ERR_USAGE, "unknown target '%.*s'", (int)len, p);
			sk_error_hint(err, "targets are c, sqlalchemy, pydantic, mermaid, dot (or all)");
			return rc;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	if (!*out)
		return sk_error_set(err, SK_ERR_USAGE, "no target given");
	return 0;
}

bool sk_codegen_name_valid(const char *name)
{
	if (!name || !*name || (*name >= '0' && *name <= '9'))
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '_'))
			return false;
	return true;
}

/* ---- files ---- */

struct sk_buf *sk_cg_add_file(struct sk_codegen_files *out, const char *name)
{
	struct sk_codegen_file *f;

	SK_ALLOC_GROW(out->items, out->n + 1, out->alloc);
	f = &out->items[out->n++];
	f->name = sk_xstrdup(name);
	sk_buf_init(&f->text);
	return &f->text;
}

void sk_codegen_files_release(struct sk_codegen_files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->items[i].name);
		sk_buf_release(&f->items[i].text);
	}
	free(f->items);
	f->items = NULL;
	f->n = f->alloc = 0;
}

void sk_codegen_opts_release(struct sk_codegen_opts *o)
{
	free(o->schemas);
	free(o->exclude_tables);
	o->schemas = o->exclude_tables = NULL;
	o->nschemas = o->nexclude_tables = 0;
}

void sk_codegen_report_release(struct sk_codegen_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->files[i].path);
	free(r->files);
	r->files = NULL;
	r->n = 0;
}

/* ---- names to items ---- */

void sk_cg_index_build(struct sk_cg_index *x, struct sk_arena *arena, size_t n,
                       const char *(*key)(const void *ctx, size_t i), const void *ctx)
{
	sk_cg_map_init(&x->first, arena);
	x->next = sk_xcalloc(n ? n : 1, sizeof(*x->next));
	/* backwards, each in front of its name's list: the lists keep the
	 * items' order */
	for (size_t i = n; i-- > 0;) {
		const char *k = key(ctx, i);
		void *first = NULL;
		if (!k)
			continue;
		if (sk_cg_map_find(&x->first, k, &first))
			x->next[i] = (size_t)(uintptr_t)first;
		sk_cg_map_put(&x->first, k, (void *)(uintptr_t)(i + 1));
	}
}

void sk_cg_index_release(struct sk_cg_index *x)
{
	sk_cg_map_release(&x->first);
	free(x->next);
	x->next = NULL;
}

size_t sk_cg_index_first(const struct sk_cg_index *x, const char *name)
{
	void *first = NULL;

	if (!sk_cg_map_find(&x->first, name, &first))
		return SIZE_MAX;
	return (size_t)(uintptr_t)first - 1;
}

size_t sk_cg_index_next(const struct sk_cg_index *x, size_t i)
{
	return x->next[i] - 1;
}

static const char *table_name_key(const void *ctx, size_t i)
{
	return ((const struct sk_cg_plan *)ctx)->tables[i].t->name;
}

static const char *sequence_name_key(const void *ctx, size_t i)
{
	return ((const struct sk_cg_plan *)ctx)->m->sequences[i].name;
}

static const char *sequence_owner_key(const void *ctx, size_t i)
{
	return ((const struct sk_cg_plan *)ctx)->m->sequences[i].owned_by_table;
}

/* ---- the plan ---- */

bool sk_cg_default_schema(const struct sk_cg_plan *p, const char *schema)
{
	return !schema || !strcmp(schema, p->m->dialect == SK_DIALECT_SQLITE ? "main" : "public");
}

static const char *display_name(struct sk_cg_plan *p, const char *schema, const char *name)
{
	if (sk_cg_default_schema(p, schema))
		return name;
	return sk_arena_strfmt(&p->arena, "%s.%s", schema, name);
}

void sk_cg_comment_text(struct sk_buf *out, const char *s)
{
	/* grown once for the worst case, every byte a broken-up comment end */
	char *w;

	sk_buf_grow(out, 2 * strlen(s));
	w = out->buf + out->len;
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r') {
			*w++ = ' ';
		} else if (*s == '/' && w > out->buf && w[-1] == '*') {
			*w++ = ' ';
			*w++ = '/';
		} else {
			*w++ = *s;
		}
	}
	sk_buf_setlen(out, (size_t)(w - out->buf));
}

const struct sk_cg_enum *sk_cg_plan_enum(const struct sk_cg_plan *p, const struct sk_type *t)
{
	for (size_t i = 0; i < p->nenums; i++)
		if (p->enums[i].type == t)
			return &p->enums[i];
	return NULL;
}

static const char *enum_class_cb(void *ctx, const struct sk_type *t)
{
	const struct sk_cg_enum *e = sk_cg_plan_enum(ctx, t);
	return e ? e->py_class : "str";
}

/* "schema_name" for tables and types outside the default schema */
static const char *qualified_stem(struct sk_cg_plan *p, const char *schema, const char *name)
{
	if (sk_cg_default_schema(p, schema))
		return name;
	return sk_arena_strfmt(&p->arena, "%s_%s", schema, name);
}

static const char *prefixed(struct sk_cg_plan *p, const char *stem)
{
	struct sk_buf b = SK_BUF_INIT;
	const char *r;

	sk_buf_addfast(&b, "%s_", p->prefix);
	sk_cg_clean(&b, stem);
	r = sk_arena_strdup(&p->arena, b.buf);
	sk_buf_release(&b);
	return r;
}

static const char *class_name(struct sk_cg_plan *p, const char *stem)
{
	struct sk_buf b = SK_BUF_INIT;
	const char *r;

	sk_cg_class_ident(&b, stem);
	r = sk_arena_strdup(&p->arena, b.buf);
	sk_buf_release(&b);
	return r;
}

static int find_col(const struct sk_cg_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i].col->name, name))
			return (int)i;
	return -1;
}

static bool same_set(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	if (na != nb || !na)
		return false;
	for (size_t i = 0; i < na; i++) {
		bool found = false;
		for (size_t j = 0; j < nb && !found; j++)
			found = !strcmp(a[i], b[j]);
		if (!found)
			return false;
	}
	return true;
}

/* the columns are the primary key or a unique constraint or index */
static bool columns_unique(const struct sk_table *t, const char *const *cols, size_t n)
{
	for (size_t i = 0; i < t->nconstraints; i++) {
		const struct sk_constraint *c = &t->constraints[i];
		if ((c->kind == SK_CON_PRIMARY || c->kind == SK_CON_UNIQUE) &&
		    same_set(c->columns, c->ncolumns, cols, n))
			return true;
	}
	for (size_t i = 0; i < t->nindexes; i++) {
		const struct sk_index *x = &t->indexes[i];
		if (x->unique && !x->predicate && same_set(x->keys, x->nkeys, cols, n))
			return true;
	}
	return false;
}

static bool owned_sequence(const struct sk_cg_plan *p, const struct sk_table *t, const struct sk_column *c)
{
	if (!c->default_expr || strncmp(c->default_expr, "nextval(", 8))
		return false;
	for (size_t i = sk_cg_index_first(&p->sequences_by_owner, t->name); i != SIZE_MAX;
	     i = sk_cg_index_next(&p->sequences_by_owner, i)) {
		const struct sk_sequence *s = &p->m->sequences[i];
		if (s->owned_by_table && !strcmp(s->owned_by_table, t->name) && s->owned_by_column &&
		    !strcmp(s->owned_by_column, c->name) &&
		    (!s->owned_by_schema || !t->schema || !strcmp(s->owned_by_schema, t->schema)))
			return true;
	}
	return false;
}

static const char *const c_table_suffixes[] = {
        "_pg_params",
        "_release",
        "_columns",
        "_ncolumns",
        "_select_sql",
        "_insert_sql",
        "_update_sql",
        "_select_by_pk_sql",
        "_sqlite_bind_insert",
        "_sqlite_bind_update",
        "_sqlite_bind_pk",
        "_sqlite_read",
        "_sqlite_insert",
        "_sqlite_update",
        "_pg_params_insert",
        "_pg_params_update",
        "_pg_params_pk",
        "_pg_insert",
        "_pg_update",
        "_pg_read",
        "_ninsert",
        "_nupdate",
        "_npk",
        "__bind_insert",
        "__bind_update",
};
static const char *const c_enum_suffixes[] = {"_to_string", "_from_string", "__empty"};
/* the generated C file's macros: PREFIX_UPPER + these */
static const char *const c_macros[] = {"_H", "_NO_SQLITE", "_NO_LIBPQ", "__UNUSED"};
/* the generated C file's own helpers: PREFIX_ + these */
static const char *const c_helpers[] = {
        "_dup",         "_hexval",      "_parse_int", "_parse_double", "_hex_decode", "_fmt_double",
        "_sqlite_text", "_sqlite_blob", "_pg_text",   "_pg_bytes",     "_sqlite_run",
};
/* words of Mermaid's grammar an entity may not be called */
static const char *const mermaid_words[] = {"erDiagram", "title",    "accTitle", "accDescr", "direction",
                                            "style",     "classDef", "class",    "end",      "u"};
static const char *const py_schema_suffixes[] = {"Base", "Create", "Read"};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void plan_enums(struct sk_cg_plan *p, struct sk_cg_scope *cs, struct sk_cg_scope *ps)
{
	const struct sk_model *m = p->m;
	struct sk_buf b = SK_BUF_INIT;
	size_t n = 0;

	for (size_t i = 0; i < m->ntypes; i++)
		n += m->types[i].kind == SK_TYPE_ENUM;
	p->enums = n ? sk_arena_calloc(&p->arena, n, sizeof(*p->enums)) : NULL;
	for (size_t i = 0; i < m->ntypes; i++) {
		const struct sk_type *t = &m->types[i];
		struct sk_cg_enum *e;
		struct sk_cg_scope members;
		const char *stem;

		if (t->kind != SK_TYPE_ENUM)
			continue;
		e = &p->enums[p->nenums++];
		e->type = t;
		e->display = display_name(p, t->schema, t->name);
		stem = qualified_stem(p, t->schema, t->name);
		e->c_name = sk_cg_scope_claim_stem(cs, prefixed(p, stem), c_enum_suffixes,
		                                   NELEM(c_enum_suffixes), true);
		e->py_class = sk_cg_scope_claim(ps, class_name(p, stem));
		e->c_labels = sk_arena_calloc(&p->arena, t->nlabels + 1, sizeof(*e->c_labels));
		e->py_members = sk_arena_calloc(&p->arena, t->nlabels + 1, sizeof(*e->py_members));
		for (size_t l = 0; l < t->nlabels; l++) {
			sk_buf_reset(&b);
			sk_buf_addfast(&b, "%s_", e->c_name);
			sk_cg_clean(&b, t->labels[l]);
			e->c_labels[l] = sk_cg_scope_claim(cs, b.buf);
		}
		sk_cg_scope_init(&members, &p->arena);
		sk_cg_assign(e->py_members, &members, SK_CG_LANG_PYENUM, t->labels, t->nlabels, &p->idents);
		sk_cg_scope_release(&members);
	}
	sk_buf_release(&b);
}

/* A column's mapping depends on its type's spelling, the user type it
 * names and whether it is an array (and on the model and the overrides,
 * the same for the whole plan): resolved once per distinct type. */
static void type_key_part(struct sk_buf *out, const char *s)
{
	/* length-prefixed: no two different columns share a key */
	if (s)
		sk_buf_addfast(out, "%zu:%s", strlen(s), s);
	else
		sk_buf_addch(out, '-');
}

static void type_key(struct sk_buf *out, const struct sk_column *c)
{
	type_key_part(out, c->type);
	type_key_part(out, c->type_name ? c->type_schema : NULL);
	type_key_part(out, c->type_name);
	sk_buf_addch(out, c->is_array ? 'a' : 's');
}

static void resolve_type(struct sk_cg_plan *p, struct sk_cg_type *out, const struct sk_column *c,
                         const struct sk_codegen_settings *s)
{
	struct sk_buf key = SK_BUF_INIT;
	void *found = NULL;
	struct sk_cg_type *t;

	type_key(&key, c);
	if (sk_cg_map_find(&p->types, key.buf, &found)) {
		t = found;
	} else {
		t = sk_arena_alloc(&p->arena, sizeof(*t));
		sk_cg_type_resolve(t, &p->arena, p->m, c->type, c, s->types, enum_class_cb, p);
		sk_cg_map_put(&p->types, key.buf, t);
	}
	*out = *t;
	sk_buf_release(&key);
}

static void plan_columns(struct sk_cg_plan *p, struct sk_cg_table *ct, const struct sk_codegen_settings *s)
{
	const struct sk_table *t = ct->t;
	struct sk_cg_scope cscope;
	const char **names = sk_xcalloc(t->ncolumns + 1, sizeof(*names));
	const char **out = sk_xcalloc(t->ncolumns + 1, sizeof(*out));
	struct sk_buf b = SK_BUF_INIT;

	ct->ncols = t->ncolumns;
	ct->cols = sk_arena_calloc(&p->arena, t->ncolumns + 1, sizeof(*ct->cols));
	for (size_t i = 0; i < t->ncolumns; i++) {
		const struct sk_column *c = &t->columns[i];
		struct sk_cg_column *cc = &ct->cols[i];
		cc->col = c;
		cc->nullable = !c->not_null;
		cc->insertable = !c->generated_expr && c->identity != SK_IDENTITY_ALWAYS;
		cc->has_default = c->default_expr || c->identity != SK_IDENTITY_NONE || c->generated_expr;
		cc->serial = owned_sequence(p, t, c);
		resolve_type(p, &cc->type, c, s);
		names[i] = c->name;
	}
	/* C members, then the null flags; the generated macros are taken */
	sk_cg_scope_init(&cscope, &p->arena);
	for (size_t i = 0; i < NELEM(c_macros); i++) {
		sk_buf_reset(&b);
		sk_buf_addfast(&b, "%s%s", p->prefix_upper, c_macros[i]);
		sk_cg_scope_take(&cscope, b.buf);
	}
	sk_cg_assign(out, &cscope, SK_CG_LANG_C, names, t->ncolumns, &p->idents);
	for (size_t i = 0; i < t->ncolumns; i++)
		ct->cols[i].c_name = out[i];
	for (size_t i = 0; i < t->ncolumns; i++) {
		if (!ct->cols[i].nullable)
			continue;
		sk_buf_reset(&b);
		/* "_" + "_is_null" would start with "__", reserved in C */
		if (out[i][0] == '_')
			sk_buf_addch(&b, 'x');
		sk_buf_addfast(&b, "%s_is_null", out[i]);
		ct->cols[i].c_null = sk_cg_scope_claim(&cscope, b.buf);
	}
	sk_cg_scope_release(&cscope);
	/* Python attributes */
	sk_cg_scope_init(&ct->py_scope, &p->arena);
	sk_cg_assign(out, &ct->py_scope, SK_CG_LANG_PYTHON, names, t->ncolumns, &p->idents);
	for (size_t i = 0; i < t->ncolumns; i++)
		ct->cols[i].py_name = out[i];
	free(names);
	free(out);
	sk_buf_release(&b);
}

static void plan_keys(struct sk_cg_plan *p, struct sk_cg_table *ct)
{
	const struct sk_table *t = ct->t;
	size_t nfk = 0;

	ct->pk = sk_table_primary_key(t);
	if (ct->pk) {
		ct->pk_cols = sk_arena_calloc(&p->arena, ct->pk->ncolumns + 1, sizeof(*ct->pk_cols));
		for (size_t i = 0; i < ct->pk->ncolumns; i++) {
			int ci = find_col(ct, ct->pk->columns[i]);
			if (ci < 0)
				continue;
			ct->pk_cols[ct->npk++] = (size_t)ci;
			ct->cols[ci].pk = true;
		}
	}
	ct->declarative = ct->npk > 0;
	for (size_t i = 0; i < t->nconstraints; i++) {
		const struct sk_constraint *c = &t->constraints[i];
		if (c->kind == SK_CON_FOREIGN)
			nfk++;
		if (c->kind == SK_CON_UNIQUE && c->ncolumns == 1) {
			int ci = find_col(ct, c->columns[0]);
			if (ci >= 0)
				ct->cols[ci].unique = true;
		}
	}
	ct->fks = nfk ? sk_arena_calloc(&p->arena, nfk, sizeof(*ct->fks)) : NULL;
	for (size_t i = 0; i < t->nconstraints; i++) {
		const struct sk_constraint *c = &t->constraints[i];
		struct sk_cg_fk *fk;
		if (c->kind != SK_CON_FOREIGN)
			continue;
		fk = &ct->fks[ct->nfks++];
		fk->con = c;
		fk->from = ct;
		fk->cols = sk_arena_calloc(&p->arena, c->ncolumns + 1, sizeof(*fk->cols));
		fk->ref_cols = sk_arena_calloc(&p->arena, c->ncolumns + 1, sizeof(*fk->ref_cols));
		fk->identifying = true;
		for (size_t k = 0; k < c->ncolumns; k++) {
			int ci = find_col(ct, c->columns[k]);
			if (ci < 0)
				continue;
			fk->cols[fk->ncols++] = (size_t)ci;
			ct->cols[ci].in_fk = true;
			if (ct->cols[ci].nullable)
				fk->nullable = true;
			if (!ct->cols[ci].pk)
				fk->identifying = false;
		}
		fk->unique = columns_unique(t, c->columns, c->ncolumns);
	}
}

static void link_fks(struct sk_cg_plan *p)
{
	for (size_t i = 0; i < p->ntables; i++) {
		struct sk_cg_table *ct = &p->tables[i];
		for (size_t f = 0; f < ct->nfks; f++) {
			struct sk_cg_fk *fk = &ct->fks[f];
			const struct sk_constraint *c = fk->con;
			const char *schema = c->ref_schema ? c->ref_schema : ct->t->schema;
			for (size_t j = sk_cg_index_first(&p->tables_by_name, c->ref_table);
			     j != SIZE_MAX && !fk->to; j = sk_cg_index_next(&p->tables_by_name, j)) {
				const struct sk_table *rt = p->tables[j].t;
				if (!strcmp(rt->name, c->ref_table) &&
				    (!schema || !rt->schema || !strcmp(schema, rt->schema)))
					fk->to = &p->tables[j];
			}
			if (!fk->to)
				continue;
			for (size_t k = 0; k < c->nref_columns && k < fk->ncols; k++) {
				int ci = find_col(fk->to, c->ref_columns[k]);
				if (ci < 0) {
					fk->to = NULL; /* a reference we cannot follow */
					break;
				}
				fk->ref_cols[k] = (size_t)ci;
			}
		}
		/* a pure link table: two keys to classes, every column in a key,
		 * the primary key is every column */
		ct->association = ct->declarative && ct->nfks == 2 && ct->npk == ct->ncols;
		for (size_t f = 0; f < ct->nfks && ct->association; f++)
			if (!ct->fks[f].to || !ct->fks[f].to->declarative || ct->fks[f].to == ct)
				ct->association = false;
		for (size_t c = 0; c < ct->ncols && ct->association; c++)
			if (!ct->cols[c].in_fk)
				ct->association = false;
	}
	/* a link table's ends must be classes, not link tables themselves */
	for (size_t i = 0; i < p->ntables; i++)
		for (size_t f = 0; f < p->tables[i].nfks && p->tables[i].association; f++)
			if (p->tables[i].fks[f].to->association)
				p->tables[i].association = false;
}

/* the tables some table of the model is a PARTITION OF */
static void mark_partitioned(struct sk_cg_plan *p)
{
	for (size_t i = 0; i < p->m->ntables; i++) {
		const struct sk_table *part = &p->m->tables[i];
		if (!part->parent_name)
			continue;
		for (size_t j = sk_cg_index_first(&p->tables_by_name, part->parent_name); j != SIZE_MAX;
		     j = sk_cg_index_next(&p->tables_by_name, j))
			if (sk_cg_is_partition_of(part, p->tables[j].t))
				p->tables[j].has_partitions = true;
	}
}

bool sk_cg_is_partition_of(const struct sk_table *part, const struct sk_table *parent)
{
	return part->parent_name && !strcmp(part->parent_name, parent->name) &&
	       !strcmp(part->parent_schema ? part->parent_schema : "", parent->schema ? parent->schema : "");
}

int sk_cg_plan_build(struct sk_cg_plan *p, const struct sk_model *m, const struct sk_codegen_settings *s,
                     struct sk_error *err)
{
	struct sk_cg_scope cs, ps, es;
	struct sk_buf b = SK_BUF_INIT;
	const char *name = s->name ? s->name : SK_CODEGEN_DEFAULT_NAME;

	memset(p, 0, sizeof(*p));
	if (!sk_codegen_name_valid(name))
		return sk_error_set(err, SK_ERR_USAGE, "the name '%s' is not a C identifier", name);
	p->m = m;
	sk_cg_idents_init(&p->idents, &p->arena);
	sk_cg_map_init(&p->types, &p->arena);
	p->prefix = sk_arena_strdup(&p->arena, name);
	for (const char *q = name; *q; q++)
		sk_buf_addch(&b, *q >= 'a' && *q <= 'z' ? *q - 'a' + 'A' : *q);
	p->prefix_upper = sk_arena_strdup(&p->arena, b.buf);

	sk_cg_scope_init(&cs, &p->arena);
	sk_cg_scope_init(&ps, &p->arena);
	sk_cg_scope_init(&es, &p->arena);
	/* the names every generated file defines */
	sk_buf_reset(&b);
	sk_buf_addfast(&b, "%s_bytes", name);
	sk_cg_scope_take(&cs, b.buf);
	sk_buf_reset(&b);
	sk_buf_addfast(&b, "%s_column", name);
	sk_cg_scope_take(&cs, b.buf);
	for (size_t i = 0; i < NELEM(c_macros); i++) {
		sk_buf_reset(&b);
		sk_buf_addfast(&b, "%s%s", p->prefix_upper, c_macros[i]);
		sk_cg_scope_take(&cs, b.buf);
	}
	for (size_t i = 0; i < NELEM(c_helpers); i++) {
		sk_buf_reset(&b);
		sk_buf_addfast(&b, "%s_%s", name, c_helpers[i]);
		sk_cg_scope_take(&cs, b.buf);
	}
	sk_cg_scope_take(&ps, "Base");
	for (size_t i = 0; i < NELEM(mermaid_words); i++)
		sk_cg_scope_take(&es, mermaid_words[i]);

	plan_enums(p, &cs, &ps);
	sk_cg_index_build(&p->sequences_by_name, &p->arena, m->nsequences, sequence_name_key, p);
	sk_cg_index_build(&p->sequences_by_owner, &p->arena, m->nsequences, sequence_owner_key, p);
	p->tables = m->ntables ? sk_arena_calloc(&p->arena, m->ntables, sizeof(*p->tables)) : NULL;
	for (size_t i = 0; i < m->ntables; i++) {
		struct sk_cg_table *ct;
		const char *stem;
		/* a partition is its parent's storage: rows are read and
		 * written through the parent */
		if (m->tables[i].parent_name)
			continue;
		ct = &p->tables[p->ntables++];
		ct->t = &m->tables[i];
		ct->qualified = !sk_cg_default_schema(p, ct->t->schema);
		ct->display = display_name(p, ct->t->schema, ct->t->name);
		stem = qualified_stem(p, ct->t->schema, ct->t->name);
		ct->c_name = sk_cg_scope_claim_stem(&cs, prefixed(p, stem), c_table_suffixes,
		                                    NELEM(c_table_suffixes), true);
		ct->py_class = sk_cg_scope_claim_stem(&ps, class_name(p, stem), py_schema_suffixes,
		                                      NELEM(py_schema_suffixes), true);
		sk_buf_reset(&b);
		sk_buf_adds(&b, "t_");
		sk_cg_clean(&b, stem);
		ct->py_var = sk_cg_scope_claim(&ps, b.buf);
		sk_buf_reset(&b);
		sk_cg_ident(&b, SK_CG_LANG_PYTHON, stem);
		ct->er_name = sk_cg_scope_claim(&es, b.buf);
		plan_columns(p, ct, s);
		plan_keys(p, ct);
	}
	sk_cg_index_build(&p->tables_by_name, &p->arena, p->ntables, table_name_key, p);
	mark_partitioned(p);
	link_fks(p);
	sk_cg_scope_release(&cs);
	sk_cg_scope_release(&ps);
	sk_cg_scope_release(&es);
	sk_buf_release(&b);
	return 0;
}

void sk_cg_plan_release(struct sk_cg_plan *p)
{
	for (size_t i = 0; i < p->ntables; i++)
		sk_cg_scope_release(&p->tables[i].py_scope);
	sk_cg_idents_release(&p->idents);
	sk_cg_map_release(&p->types);
	sk_cg_index_release(&p->tables_by_name);
	sk_cg_index_release(&p->sequences_by_name);
	sk_cg_index_release(&p->sequences_by_owner);
	sk_arena_release(&p->arena);
	memset(p, 0, sizeof(*p));
}

/* ---- generate and run ---- */

int sk_codegen_generate(struct sk_codegen_files *out, const struct sk_model *m,
                        const struct sk_codegen_settings *s, struct sk_error *err)
{
	struct sk_cg_plan plan;
	int rc = sk_cg_plan_build(&plan, m, s, err);

	if (rc) {
		sk_cg_plan_release(&plan);
		return rc;
	}
	if (s->targets & SK_CODEGEN_C)
		sk_cg_emit_c(out, &plan);
	if (s->targets & SK_CODEGEN_SQLALCHEMY)
		sk_cg_emit_sqlalchemy(out, &plan);
	if (s->targets & SK_CODEGEN_PYDANTIC)
		sk_cg_emit_pydantic(out, &plan);
	if (s->targets & SK_CODEGEN_MERMAID)
		sk_cg_emit_mermaid(out, &plan);
	if (s->targets & SK_CODEGEN_DOT)
		sk_cg_emit_dot(out, &plan);
	sk_cg_plan_release(&plan);
	return 0;
}

static int model_from_snapshot(struct sk_model **out, const char *path, struct sk_error *err)
{
	struct sk_buf text = SK_BUF_INIT;
	int rc = sk_fs_read_file(&text, path, err);

	if (rc == 0)
		rc = sk_snapshot_read(out, path, text.buf, text.len, err);
	sk_buf_release(&text);
	return rc;
}

int sk_codegen_run(const struct sk_codegen_opts *o, struct sk_codegen_report *report, struct sk_error *err)
{
	struct sk_introspect_opts io = {false};
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_codegen_files files = SK_CODEGEN_FILES_INIT;
	struct sk_fs_batch out = SK_FS_BATCH_INIT;
	struct sk_codegen_settings s;
	struct sk_cg_overrides ov = {NULL, 0};
	struct sk_arena arena = SK_ARENA_INIT;
	struct sk_model *m = NULL;
	struct sk_db *db = NULL;
	int rc;

	report->files = NULL;
	report->n = 0;
	if (!o->targets)
		return sk_error_set(err, SK_ERR_USAGE,
		                    "no target given (--target c,sqlalchemy,pydantic,mermaid,dot)");
	if (!o->output_dir)
		return sk_error_set(err, SK_ERR_USAGE, "no output directory given (-o DIR)");
	if (o->name && !sk_codegen_name_valid(o->name)) {
		rc = sk_error_set(err, SK_ERR_USAGE, "--name '%s' is not a C identifier", o->name);
		sk_error_hint(err, "use letters, digits and '_', not starting with a digit");
		return rc;
	}
	rc = sk_config_load(&cfg, &o->config, err);
	if (rc == 0 && sk_config_password_file_insecure(&cfg) && o->on_warning) {
		char *msg = sk_xstrfmt("password file '%s' is readable by other users; 'chmod 600' it",
		                       cfg.password_file);
		o->on_warning(o->warning_ctx, msg);
		free(msg);
	}
	if (rc == 0)
		rc = sk_cg_overrides_parse(&ov, &arena, cfg.codegen_types, cfg.ncodegen_types, cfg.ini_path,
		                           err);
	if (rc)
		goto done;

	if (o->from_snapshot) {
		rc = model_from_snapshot(&m, o->from_snapshot, err);
	} else {
		rc = sk_db_open_project(&db, &cfg, NULL, err);
		if (rc == 0)
			rc = sk_introspect(&m, db, &io, err);
	}
	if (rc)
		goto done;
	rc = sk_model_check_schemas(m, o->schemas, o->nschemas, err);
	if (rc)
		goto done;
	sk_model_filter(m, o->schemas, o->nschemas, o->exclude_tables, o->nexclude_tables);

	s.targets = o->targets;
	s.name = o->name;
	s.types = &ov;
	rc = sk_codegen_generate(&files, m, &s, err);
	if (rc)
		goto done;
	if (!sk_fs_is_dir(o->output_dir)) {
		rc = sk_fs_mkdirs(o->output_dir, 0777, err);
		if (rc)
			goto done;
	}
	/* the files of one run change together or not at all (they refer to
	 * each other: models.c includes models.h) */
	report->files = sk_xcalloc(files.n ? files.n : 1, sizeof(*report->files));
	for (size_t i = 0; i < files.n && rc == 0; i++) {
		struct sk_codegen_written *w = &report->files[report->n];

		w->path = sk_fs_join(o->output_dir, files.items[i].name);
		report->n++;
		rc = sk_fs_batch_add(&out, w->path, files.items[i].text.buf, files.items[i].text.len, true,
		                     &w->changed, err);
	}
	if (rc == 0)
		rc = sk_fs_batch_commit(&out, err);
done:
	sk_fs_batch_release(&out);
	sk_codegen_files_release(&files);
	sk_model_free(m);
	sk_db_free(db);
	sk_config_release(&cfg);
	sk_arena_release(&arena);
	return rc;
}
