/*
 * Property test of the PostgreSQL differ (diff/diff_pg.c) against the
 * server of the "pg" ctest fixture. Pairs of schemas are made at random from
 * a seed (printed; SK_PROPERTY_SEED=N replays a run, SK_PROPERTY_PAIRS=N sets
 * how many pairs, default 200): a random schema `from` (enums, domains,
 * sequences, functions, tables in two schemas with every kind of column,
 * identity and generated columns, defaults calling sequences and functions,
 * primary keys, unique and check constraints, foreign keys, indexes,
 * triggers, views, views over views, materialized views, comments), and
 * `to`, a few mutations of it (tables and columns added, dropped and renamed
 * with their hints, types changed, NOT NULL, defaults, identity, generated
 * expressions, collations, constraints, indexes, triggers, enum values
 * added, removed and reordered, domains, sequences, views, functions and
 * their return types, comments, persistence and storage options). Both are
 * loaded into scratch databases; then, through the library:
 *   - up, run on `from`, gives `to`'s dump (sk_emit_sql);
 *   - diffing again finds nothing;
 *   - down gives back `from`'s dump.
 * Columns are only added at the end and dropped from the end, and generated
 * expressions change on the last column: a diff never reorders columns.
 * SK_PROPERTY_VERBOSE=1 prints every pair. Without SK_TEST_PG_ENV the test
 * is skipped.
 */
/* GCC 12 at -O2 warns that snprintf copying one member of a table struct into
 * another "may overlap": they are distinct arrays (a known false positive). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/buf.h"
#include "common/error.h"
#include "config/url.h"
#include "db/db.h"
#include "diff/diff.h"
#include "emit/sql.h"
#include "introspect/introspect.h"
#include "model/model.h"
#include "sql/lexer.h"

#include "pg_fixture.h"

#include "common/banned.h"

/* ---- a reproducible generator ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int pick(int n)
{
	return n > 0 ? (int)(rnd() % (uint64_t)n) : 0;
}

static bool chance(int percent)
{
	return pick(100) < percent;
}

static int name_counter;

static void fresh(char *dst, size_t cap, const char *prefix)
{
	snprintf(dst, cap, "%s%d", prefix, ++name_counter);
}

/* ---- the schema, as a spec ---- */

enum gtype {
	T_INT,
	T_BIGINT,
	T_SMALLINT,
	T_NUMERIC,
	T_TEXT,
	T_VARCHAR,
	T_BOOL,
	T_DATE,
	T_TSTZ,
	T_JSONB,
	T_INTARR,
	T_ENUM,
	T_DOMAIN,
	NTYPES
};

#define MAXC 8
#define MAXT 5
#define MAXE 2
#define MAXD 2
#define MAXS 2
#define MAXV 4
#define MAXF 2
#define MAXI 3
#define MAXK 2
#define NAME 24

static const char *const labels_pool[] = {"a", "b", "c", "d", "e", "f"};

struct gcol {
	char name[NAME];
	int type;
	int mod;        /* varchar length, numeric precision */
	char ref[NAME]; /* enum or domain name */
	bool nn;
	int dflt;  /* 0 none, 1 and 2 literals, 3 a sequence, 4 a function */
	int ident; /* 0 none, 1 always, 2 by default */
	int gen;   /* 0 none, else a generated expression on the first column */
	bool coll; /* COLLATE "C" */
	int comment;
};

struct gidx {
	char name[NAME];
	char col[NAME], col2[NAME]; /* col2 may be "" */
	bool unique, partial;
	int comment;
};

struct gchk {
	char name[NAME];
	char col[NAME];
	int variant;
};

struct gfk {
	char name[NAME];
	char col[NAME];
	char ref[NAME];
	int action;
};

struct gtab {
	char name[NAME];
	bool app; /* in schema app rather than public */
	struct gcol c[MAXC];
	int nc;
	bool pk;
	struct gidx ix[MAXI];
	int nix;
	struct gchk ck[MAXK];
	int nck;
	struct gfk fk[MAXK];
	int nfk;
	char uq[NAME], uqcol[NAME];
	int trig; /* 0 none, 1 and 2: two definitions */
	char trigname[NAME];
	int comment;
	bool unlogged;
	int ff;
};

struct genum {
	char name[NAME];
	int lab[6];
	int nl;
	int comment;
};

struct gdom {
	char name[NAME];
	int base; /* 0 integer, 1 bigint, 2 text, 3 varchar(20) */
	int dflt;
	bool nn;
	int check;
	int comment;
};

struct gseq {
	char name[NAME];
	int inc, cache, maxv;
	bool cycle, as_int;
	int comment;
};

struct gview {
	char name[NAME];
	char from[NAME]; /* a table, or a view when over_view */
	bool over_view;
	char cols[3][NAME];
	int nc;
	int where;
	bool mat, call;
	int comment;
};

struct gfun {
	char name[NAME];
	int ret; /* 0 integer, 1 bigint */
	int body;
	int comment;
};

struct gsch {
	struct gtab t[MAXT];
	int nt;
	struct genum e[MAXE];
	int ne;
	struct gdom d[MAXD];
	int nd;
	struct gseq s[MAXS];
	int ns;
	struct gview v[MAXV];
	int nv;
	struct gfun f[MAXF];
	int nf;
};

/* Rename hints of a pair, as TABLE=NEW and TABLE.COLUMN=NEW. */
struct hints {
	char v[16][3 * NAME];
	int n;
};

static bool int_type(int t)
{
	return t == T_INT || t == T_BIGINT || t == T_SMALLINT;
}

static bool numeric_type(int t)
{
	return int_type(t) || t == T_NUMERIC;
}

static bool text_type(int t)
{
	return t == T_TEXT || t == T_VARCHAR;
}

static struct gtab *find_table(struct gsch *g, const char *name)
{
	for (int i = 0; i < g->nt; i++)
		if (!strcmp(g->t[i].name, name))
			return &g->t[i];
	return NULL;
}

static const struct gcol *find_col(const struct gtab *t, const char *name)
{
	for (int i = 0; i < t->nc; i++)
		if (!strcmp(t->c[i].name, name))
			return &t->c[i];
	return NULL;
}

static const struct genum *find_enum(const struct gsch *g, const char *name)
{
	for (int i = 0; i < g->ne; i++)
		if (!strcmp(g->e[i].name, name) && g->e[i].nl)
			return &g->e[i];
	return NULL;
}

static const struct gdom *find_dom(const struct gsch *g, const char *name)
{
	for (int i = 0; i < g->nd; i++)
		if (!strcmp(g->d[i].name, name))
			return &g->d[i];
	return NULL;
}

/* The type a column really has once rendered (an enum or domain that is
 * gone leaves text). */
static int eff_type(const struct gsch *g, const struct gcol *c)
{
	if (c->type == T_ENUM && !find_enum(g, c->ref))
		return T_TEXT;
	if (c->type == T_DOMAIN && !find_dom(g, c->ref))
		return T_TEXT;
	return c->type;
}

static bool has_gen(const struct gtab *t)
{
	for (int i = 0; i < t->nc; i++)
		if (t->c[i].gen)
			return true;
	return false;
}

/* ---- random pieces ---- */

static void random_col(struct gsch *g, struct gcol *c, bool last)
{
	memset(c, 0, sizeof(*c));
	fresh(c->name, sizeof(c->name), "c");
	c->type = pick(NTYPES);
	if (c->type == T_ENUM && !g->ne)
		c->type = T_TEXT;
	if (c->type == T_DOMAIN && !g->nd)
		c->type = T_INT;
	if (c->type == T_ENUM)
		snprintf(c->ref, sizeof(c->ref), "%s", g->e[pick(g->ne)].name);
	if (c->type == T_DOMAIN)
		snprintf(c->ref, sizeof(c->ref), "%s", g->d[pick(g->nd)].name);
	c->mod = 10 + 10 * pick(3);
	c->nn = chance(30);
	c->dflt = chance(40) ? 1 + pick(4) : 0;
	if (int_type(c->type) && chance(15)) {
		c->ident = 1 + pick(2);
		c->dflt = 0;
	}
	if (last && chance(10)) {
		c->type = T_BIGINT;
		c->gen = 1 + pick(2);
		c->dflt = 0;
		c->ident = 0;
	}
	c->coll = text_type(c->type) && chance(20);
	c->comment = chance(15) ? 1 + pick(2) : 0;
}

static void random_table(struct gsch *g, struct gtab *t)
{
	memset(t, 0, sizeof(*t));
	fresh(t->name, sizeof(t->name), "t");
	t->app = chance(25);
	t->nc = 1 + pick(4);
	t->pk = chance(80);
	memset(&t->c[0], 0, sizeof(t->c[0]));
	snprintf(t->c[0].name, sizeof(t->c[0].name), "id");
	t->c[0].type = chance(50) ? T_INT : T_BIGINT;
	t->c[0].nn = true;
	t->c[0].ident = chance(40) ? 1 + pick(2) : 0;
	for (int i = 1; i < t->nc; i++)
		random_col(g, &t->c[i], i == t->nc - 1);
	for (int i = 0; i < MAXI && chance(35); i++) {
		struct gidx *x = &t->ix[t->nix++];
		fresh(x->name, sizeof(x->name), "ix");
		snprintf(x->col, sizeof(x->col), "%s", t->c[pick(t->nc)].name);
		x->col2[0] = '\0';
		if (chance(30))
			snprintf(x->col2, sizeof(x->col2), "%s", t->c[pick(t->nc)].name);
		x->unique = chance(20);
		x->partial = chance(25);
		x->comment = chance(15);
	}
	for (int i = 0; i < MAXK && chance(30); i++) {
		struct gchk *k = &t->ck[t->nck++];
		fresh(k->name, sizeof(k->name), "ck");
		snprintf(k->col, sizeof(k->col), "%s", t->c[pick(t->nc)].name);
		k->variant = pick(2);
	}
	if (chance(20)) {
		fresh(t->uq, sizeof(t->uq), "uq");
		snprintf(t->uqcol, sizeof(t->uqcol), "%s", t->c[pick(t->nc)].name);
	}
	if (chance(20)) {
		t->trig = 1 + pick(2);
		fresh(t->trigname, sizeof(t->trigname), "tg");
	}
	t->comment = chance(20) ? 1 + pick(2) : 0;
	t->unlogged = chance(10);
	t->ff = chance(15) ? 70 + 10 * pick(3) : 0;
}

static void random_fk(struct gsch *g, struct gtab *t)
{
	struct gfk *k;

	if (t->nfk >= MAXK || t->nc < 2 || !g->nt)
		return;
	k = &t->fk[t->nfk++];
	fresh(k->name, sizeof(k->name), "fk");
	snprintf(k->col, sizeof(k->col), "%s", t->c[1 + pick(t->nc - 1)].name);
	snprintf(k->ref, sizeof(k->ref), "%s", g->t[pick(g->nt)].name);
	k->action = pick(3);
}

static void random_view(struct gsch *g, struct gview *v)
{
	const struct gtab *t = &g->t[pick(g->nt)];
	int views = 0;

	memset(v, 0, sizeof(*v));
	fresh(v->name, sizeof(v->name), "v");
	for (int i = 0; i < g->nv; i++)
		if (!g->v[i].over_view && !g->v[i].mat)
			views++;
	if (views && chance(25)) {
		const struct gview *b = NULL;
		for (int i = 0, k = pick(views); i < g->nv; i++)
			if (!g->v[i].over_view && !g->v[i].mat && k-- == 0)
				b = &g->v[i];
		v->over_view = true;
		snprintf(v->from, sizeof(v->from), "%s", b->name);
		v->nc = 1;
		snprintf(v->cols[0], sizeof(v->cols[0]), "%s", b->cols[0]);
		v->mat = chance(30);
		return;
	}
	snprintf(v->from, sizeof(v->from), "%s", t->name);
	v->nc = 1 + pick(t->nc < 3 ? t->nc : 3);
	for (int i = 0; i < v->nc; i++)
		snprintf(v->cols[i], sizeof(v->cols[i]), "%s", t->c[i].name);
	v->where = pick(3);
	v->mat = chance(20);
	v->call = g->nf && chance(25);
	v->comment = chance(20) ? 1 + pick(2) : 0;
}

static void random_schema(struct gsch *g)
{
	memset(g, 0, sizeof(*g));
	g->ne = pick(MAXE + 1);
	for (int i = 0; i < g->ne; i++) {
		struct genum *e = &g->e[i];
		fresh(e->name, sizeof(e->name), "e");
		e->nl = 1 + pick(4);
		for (int j = 0; j < e->nl; j++)
			e->lab[j] = j;
		e->comment = chance(20);
	}
	g->nd = pick(MAXD + 1);
	for (int i = 0; i < g->nd; i++) {
		struct gdom *d = &g->d[i];
		fresh(d->name, sizeof(d->name), "d");
		d->base = pick(4);
		d->dflt = pick(3);
		d->nn = chance(20);
		d->check = pick(3);
		d->comment = chance(20);
	}
	g->ns = pick(MAXS + 1);
	for (int i = 0; i < g->ns; i++) {
		struct gseq *s = &g->s[i];
		fresh(s->name, sizeof(s->name), "s");
		s->inc = 1 + pick(3);
		s->cache = 1 + pick(3) * 5;
		s->maxv = chance(30) ? 100000 : 0;
		s->cycle = chance(20);
		s->as_int = chance(30);
		s->comment = chance(20);
	}
	g->nf = pick(MAXF + 1);
	for (int i = 0; i < g->nf; i++) {
		fresh(g->f[i].name, sizeof(g->f[i].name), "f");
		g->f[i].ret = pick(2);
		g->f[i].body = pick(3);
		g->f[i].comment = chance(20);
	}
	g->nt = 1 + pick(3);
	for (int i = 0; i < g->nt; i++)
		random_table(g, &g->t[i]);
	for (int i = 0; i < g->nt; i++)
		if (chance(30))
			random_fk(g, &g->t[i]);
	for (int i = 0, n = pick(MAXV); i < n; i++)
		random_view(g, &g->v[g->nv++]);
}

/* ---- the spec as SQL ---- */

static const char *sch(const struct gtab *t)
{
	return t->app ? "app" : "public";
}

static void type_sql(struct sk_buf *b, const struct gsch *g, const struct gcol *c)
{
	switch (eff_type(g, c)) {
	case T_INT:
		sk_buf_adds(b, "integer");
		break;
	case T_BIGINT:
		sk_buf_adds(b, "bigint");
		break;
	case T_SMALLINT:
		sk_buf_adds(b, "smallint");
		break;
	case T_NUMERIC:
		sk_buf_addf(b, "numeric(%d,2)", c->mod);
		break;
	case T_TEXT:
		sk_buf_adds(b, "text");
		break;
	case T_VARCHAR:
		sk_buf_addf(b, "character varying(%d)", c->mod);
		break;
	case T_BOOL:
		sk_buf_adds(b, "boolean");
		break;
	case T_DATE:
		sk_buf_adds(b, "date");
		break;
	case T_TSTZ:
		sk_buf_adds(b, "timestamp with time zone");
		break;
	case T_JSONB:
		sk_buf_adds(b, "jsonb");
		break;
	case T_INTARR:
		sk_buf_adds(b, "integer[]");
		break;
	default:
		sk_buf_addf(b, "public.%s", c->ref);
		break;
	}
}

static const char *default_sql(const struct gsch *g, const struct gcol *c, char *buf, size_t cap)
{
	int v = c->dflt;

	switch (eff_type(g, c)) {
	case T_INT:
	case T_BIGINT:
	case T_SMALLINT:
		if (v == 3 && g->ns)
			snprintf(buf, cap, "nextval('public.%s')", g->s[0].name);
		else if (v == 4 && g->nf)
			snprintf(buf, cap, "public.%s(1)", g->f[0].name);
		else
			snprintf(buf, cap, "%s", v == 1 ? "0" : "7");
		break;
	case T_NUMERIC:
		snprintf(buf, cap, "%s", v == 1 ? "0" : "1.5");
		break;
	case T_TEXT:
	case T_VARCHAR:
		snprintf(buf, cap, "%s", v == 1 ? "'x'" : v == 2 ? "'y'" : "'z'");
		break;
	case T_BOOL:
		snprintf(buf, cap, "%s", v == 1 ? "true" : "false");
		break;
	case T_DATE:
		snprintf(buf, cap, "%s", v == 1 ? "CURRENT_DATE" : "'2020-01-01'");
		break;
	case T_TSTZ:
		snprintf(buf, cap, "%s", v == 1 ? "now()" : "'2020-01-01 00:00:00+00'");
		break;
	case T_JSONB:
		snprintf(buf, cap, "%s", v == 1 ? "'{}'" : "'[]'");
		break;
	case T_INTARR:
		snprintf(buf, cap, "%s", v == 1 ? "'{}'" : "'{1}'");
		break;
	case T_ENUM: {
		const struct genum *e = find_enum(g, c->ref);
		snprintf(buf, cap, "'%s'", labels_pool[v == 1 ? e->lab[0] : e->lab[e->nl - 1]]);
		break;
	}
	default: {
		const struct gdom *d = find_dom(g, c->ref);
		if (d->base < 2)
			snprintf(buf, cap, "%s", v == 1 ? "1" : "5");
		else
			snprintf(buf, cap, "%s", v == 1 ? "'A'" : "'B'");
		break;
	}
	}
	return buf;
}

static void column_sql(struct sk_buf *b, const struct gsch *g, const struct gcol *c)
{
	int t = eff_type(g, c);
	char d[128];

	sk_buf_addf(b, "%s ", c->name);
	type_sql(b, g, c);
	if (c->coll && text_type(t))
		sk_buf_adds(b, " COLLATE \"C\"");
	if (c->gen && numeric_type(t)) {
		sk_buf_addf(b, " GENERATED ALWAYS AS (id %s) STORED", c->gen == 1 ? "* 2" : "+ 1");
		return;
	}
	if (c->ident && int_type(t)) {
		sk_buf_addf(b, " GENERATED %s AS IDENTITY NOT NULL", c->ident == 1 ? "ALWAYS" : "BY DEFAULT");
		return;
	}
	if (c->dflt)
		sk_buf_addf(b, " DEFAULT %s", default_sql(g, c, d, sizeof(d)));
	if (c->nn)
		sk_buf_adds(b, " NOT NULL");
}

static bool pk_usable(const struct gsch *g, const struct gtab *t)
{
	return t->pk && int_type(eff_type(g, &t->c[0]));
}

static bool view_renders(const struct gsch *g, const struct gview *v, int depth);

static const struct gview *find_view(const struct gsch *g, const char *name)
{
	for (int i = 0; i < g->nv; i++)
		if (!strcmp(g->v[i].name, name))
			return &g->v[i];
	return NULL;
}

static bool view_renders(const struct gsch *g, const struct gview *v, int depth)
{
	if (depth > 3)
		return false;
	if (v->over_view) {
		const struct gview *b = find_view(g, v->from);
		if (!b || b->mat || !view_renders(g, b, depth + 1))
			return false;
		for (int i = 0; i < b->nc; i++) {
			const struct gtab *t = find_table((struct gsch *)g, b->from);
			if (!strcmp(b->cols[i], v->cols[0]) && t && find_col(t, v->cols[0]))
				return true;
		}
		return false;
	}
	{
		const struct gtab *t = find_table((struct gsch *)g, v->from);
		if (!t)
			return false;
		for (int i = 0; i < v->nc; i++)
			if (find_col(t, v->cols[i]))
				return true;
	}
	return false;
}

static void view_sql(struct sk_buf *b, const struct gsch *g, const struct gview *v)
{
	bool first = true;

	sk_buf_addf(b, "CREATE %sVIEW public.%s AS SELECT ", v->mat ? "MATERIALIZED " : "", v->name);
	if (v->over_view) {
		sk_buf_addf(b, "%s FROM public.%s;\n", v->cols[0], v->from);
		return;
	}
	{
		const struct gtab *t = find_table((struct gsch *)g, v->from);
		for (int i = 0; i < v->nc; i++) {
			if (!find_col(t, v->cols[i]))
				continue;
			sk_buf_addf(b, "%s%s", first ? "" : ", ", v->cols[i]);
			first = false;
		}
		if (v->call && g->nf)
			sk_buf_addf(b, ", public.%s(1) AS fx", g->f[0].name);
		sk_buf_addf(b, " FROM %s.%s", sch(t), t->name);
		if (v->where && int_type(eff_type(g, &t->c[0])))
			sk_buf_addf(b, " WHERE id > %d", v->where);
		sk_buf_adds(b, ";\n");
	}
}

static void render(struct sk_buf *b, const struct gsch *g)
{
	bool app = false, trig = false;

	for (int i = 0; i < g->nt; i++) {
		app = app || g->t[i].app;
		trig = trig || g->t[i].trig;
	}
	if (app)
		sk_buf_adds(b, "CREATE SCHEMA app;\n");
	for (int i = 0; i < g->ne; i++) {
		const struct genum *e = &g->e[i];
		if (!e->nl)
			continue;
		sk_buf_addf(b, "CREATE TYPE public.%s AS ENUM (", e->name);
		for (int j = 0; j < e->nl; j++)
			sk_buf_addf(b, "%s'%s'", j ? ", " : "", labels_pool[e->lab[j]]);
		sk_buf_adds(b, ");\n");
		if (e->comment)
			sk_buf_addf(b, "COMMENT ON TYPE public.%s IS 'enum %d';\n", e->name, e->comment);
	}
	for (int i = 0; i < g->nd; i++) {
		static const char *const bases[] = {"integer", "bigint", "text", "character varying(20)"};
		const struct gdom *d = &g->d[i];
		sk_buf_addf(b, "CREATE DOMAIN public.%s AS %s", d->name, bases[d->base]);
		if (d->dflt)
			sk_buf_addf(b, " DEFAULT %s",
			            d->base < 2 ? (d->dflt == 1 ? "1" : "2")
			                        : (d->dflt == 1 ? "'q'" : "'r'"));
		if (d->nn)
			sk_buf_adds(b, " NOT NULL");
		if (d->check)
			sk_buf_addf(b, " CONSTRAINT %s_check CHECK (%s)", d->name,
			            d->base < 2 ? (d->check == 1 ? "VALUE > 0" : "VALUE < 1000000")
			                        : (d->check == 1 ? "length(VALUE) > 0" : "VALUE <> 'bad'"));
		sk_buf_adds(b, ";\n");
		if (d->comment)
			sk_buf_addf(b, "COMMENT ON DOMAIN public.%s IS 'domain';\n", d->name);
	}
	for (int i = 0; i < g->ns; i++) {
		const struct gseq *s = &g->s[i];
		sk_buf_addf(b, "CREATE SEQUENCE public.%s%s INCREMENT BY %d CACHE %d", s->name,
		            s->as_int ? " AS integer" : "", s->inc, s->cache);
		if (s->maxv)
			sk_buf_addf(b, " MAXVALUE %d", s->maxv);
		if (s->cycle)
			sk_buf_adds(b, " CYCLE");
		sk_buf_adds(b, ";\n");
		if (s->comment)
			sk_buf_addf(b, "COMMENT ON SEQUENCE public.%s IS 'seq';\n", s->name);
	}
	for (int i = 0; i < g->nf; i++) {
		const struct gfun *f = &g->f[i];
		sk_buf_addf(b,
		            "CREATE FUNCTION public.%s(x integer) RETURNS %s LANGUAGE sql IMMUTABLE RETURN x "
		            "+ %d;\n",
		            f->name, f->ret ? "bigint" : "integer", f->body);
		if (f->comment)
			sk_buf_addf(b, "COMMENT ON FUNCTION public.%s(integer) IS 'fn';\n", f->name);
	}
	if (trig)
		sk_buf_adds(b, "CREATE FUNCTION public.tgf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
		               "RETURN NEW; "
		               "END $$;\n");
	for (int i = 0; i < g->nt; i++) {
		const struct gtab *t = &g->t[i];
		sk_buf_addf(b, "CREATE %sTABLE %s.%s (", t->unlogged ? "UNLOGGED " : "", sch(t), t->name);
		for (int j = 0; j < t->nc; j++) {
			sk_buf_adds(b, j ? ", " : "");
			column_sql(b, g, &t->c[j]);
		}
		if (pk_usable(g, t))
			sk_buf_addf(b, ", CONSTRAINT %s_pkey PRIMARY KEY (id)", t->name);
		sk_buf_adds(b, ")");
		if (t->ff)
			sk_buf_addf(b, " WITH (fillfactor = %d)", t->ff);
		sk_buf_adds(b, ";\n");
	}
	for (int i = 0; i < g->nt; i++) {
		const struct gtab *t = &g->t[i];
		for (int j = 0; j < t->nck; j++) {
			const struct gcol *c = find_col(t, t->ck[j].col);
			if (!c || !numeric_type(eff_type(g, c)))
				continue;
			sk_buf_addf(b, "ALTER TABLE %s.%s ADD CONSTRAINT %s CHECK (%s %s);\n", sch(t),
			            t->name, t->ck[j].name, c->name, t->ck[j].variant ? ">= -1" : "> -5");
		}
		if (t->uq[0] && find_col(t, t->uqcol))
			sk_buf_addf(b, "ALTER TABLE %s.%s ADD CONSTRAINT %s UNIQUE (%s);\n", sch(t), t->name,
			            t->uq, t->uqcol);
		for (int j = 0; j < t->nix; j++) {
			const struct gidx *x = &t->ix[j];
			if (!find_col(t, x->col))
				continue;
			sk_buf_addf(b, "CREATE %sINDEX %s ON %s.%s (%s", x->unique ? "UNIQUE " : "", x->name,
			            sch(t), t->name, x->col);
			if (x->col2[0] && find_col(t, x->col2) && strcmp(x->col2, x->col))
				sk_buf_addf(b, ", %s", x->col2);
			sk_buf_adds(b, ")");
			if (x->partial)
				sk_buf_addf(b, " WHERE %s IS NOT NULL", x->col);
			sk_buf_adds(b, ";\n");
			if (x->comment)
				sk_buf_addf(b, "COMMENT ON INDEX %s.%s IS 'index';\n", sch(t), x->name);
		}
	}
	for (int i = 0; i < g->nt; i++) {
		const struct gtab *t = &g->t[i];
		for (int j = 0; j < t->nfk; j++) {
			const struct gfk *k = &t->fk[j];
			const struct gcol *c = find_col(t, k->col);
			const struct gtab *r = find_table((struct gsch *)g, k->ref);
			if (!c || !int_type(eff_type(g, c)) || c->gen || !r || !pk_usable(g, r) ||
			    (r->unlogged && !t->unlogged))
				continue;
			sk_buf_addf(b,
			            "ALTER TABLE %s.%s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s.%s "
			            "(id)%s;\n",
			            sch(t), t->name, k->name, c->name, sch(r), r->name,
			            k->action == 1   ? " ON DELETE CASCADE"
			            : k->action == 2 ? " ON DELETE SET NULL"
			                             : "");
		}
		if (t->trig)
			sk_buf_addf(b,
			            "CREATE TRIGGER %s BEFORE INSERT%s ON %s.%s FOR EACH ROW EXECUTE "
			            "FUNCTION public.tgf();\n",
			            t->trigname, t->trig == 2 ? " OR UPDATE" : "", sch(t), t->name);
	}
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < g->nv; i++) {
			const struct gview *v = &g->v[i];
			if (v->over_view != (pass == 1) || !view_renders(g, v, 0))
				continue;
			view_sql(b, g, v);
			if (v->comment)
				sk_buf_addf(b, "COMMENT ON %sVIEW public.%s IS 'view %d';\n",
				            v->mat ? "MATERIALIZED " : "", v->name, v->comment);
		}
	}
	for (int i = 0; i < g->nt; i++) {
		const struct gtab *t = &g->t[i];
		if (t->comment)
			sk_buf_addf(b, "COMMENT ON TABLE %s.%s IS 'table %d';\n", sch(t), t->name,
			            t->comment);
		for (int j = 0; j < t->nc; j++)
			if (t->c[j].comment)
				sk_buf_addf(b, "COMMENT ON COLUMN %s.%s.%s IS 'column %d';\n", sch(t),
				            t->name, t->c[j].name, t->c[j].comment);
	}
}

/* ---- mutations ---- */

static void hint(struct hints *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void hint(struct hints *h, const char *fmt, ...)
{
	va_list ap;

	if (h->n >= 16)
		return;
	va_start(ap, fmt);
	vsnprintf(h->v[h->n++], sizeof(h->v[0]), fmt, ap);
	va_end(ap);
}

static bool in_from(const struct gsch *from, const char *table, const char *col)
{
	const struct gtab *t = find_table((struct gsch *)from, table);

	return t && (!col || find_col(t, col));
}

static void rename_refs(struct gsch *g, struct gtab *t, const char *old, const char *new_name)
{
	for (int i = 0; i < t->nix; i++) {
		if (!strcmp(t->ix[i].col, old))
			snprintf(t->ix[i].col, NAME, "%s", new_name);
		if (!strcmp(t->ix[i].col2, old))
			snprintf(t->ix[i].col2, NAME, "%s", new_name);
	}
	for (int i = 0; i < t->nck; i++)
		if (!strcmp(t->ck[i].col, old))
			snprintf(t->ck[i].col, NAME, "%s", new_name);
	for (int i = 0; i < t->nfk; i++)
		if (!strcmp(t->fk[i].col, old))
			snprintf(t->fk[i].col, NAME, "%s", new_name);
	if (!strcmp(t->uqcol, old))
		snprintf(t->uqcol, NAME, "%s", new_name);
	for (int i = 0; i < g->nv; i++) {
		struct gview *v = &g->v[i];
		bool over = false;
		if (!v->over_view && strcmp(v->from, t->name))
			continue;
		if (v->over_view) {
			const struct gview *b = find_view(g, v->from);
			over = b && !b->over_view && !strcmp(b->from, t->name);
			if (!over)
				continue;
		}
		for (int j = 0; j < v->nc; j++)
			if (!strcmp(v->cols[j], old))
				snprintf(v->cols[j], NAME, "%s", new_name);
	}
}

static void mutate(struct gsch *g, const struct gsch *from, struct hints *h)
{
	struct gtab *t = g->nt ? &g->t[pick(g->nt)] : NULL;
	struct gcol *c = t && t->nc > 1 ? &t->c[1 + pick(t->nc - 1)] : NULL;
	struct gcol *last = t ? &t->c[t->nc - 1] : NULL;

	switch (pick(24)) {
	case 0:
		if (g->nt < MAXT) {
			random_table(g, &g->t[g->nt++]);
			if (chance(40))
				random_fk(g, &g->t[g->nt - 1]);
		}
		break;
	case 1:
		if (g->nt > 1) {
			int i = (int)(t - g->t);
			memmove(&g->t[i], &g->t[i + 1], (size_t)(g->nt - i - 1) * sizeof(g->t[0]));
			g->nt--;
		}
		break;
	case 2:
		if (t && in_from(from, t->name, NULL)) {
			char old[NAME];
			snprintf(old, sizeof(old), "%s", t->name);
			fresh(t->name, sizeof(t->name), "r");
			hint(h, "%s=%s", old, t->name);
			for (int i = 0; i < g->nt; i++)
				for (int j = 0; j < g->t[i].nfk; j++)
					if (!strcmp(g->t[i].fk[j].ref, old))
						snprintf(g->t[i].fk[j].ref, NAME, "%s", t->name);
			for (int i = 0; i < g->nv; i++)
				if (!g->v[i].over_view && !strcmp(g->v[i].from, old))
					snprintf(g->v[i].from, NAME, "%s", t->name);
		}
		break;
	case 3:
		if (t && t->nc < MAXC)
			random_col(g, &t->c[t->nc++], true);
		break;
	case 4:
		if (t && t->nc > 1)
			t->nc--;
		break;
	case 5:
		if (c && !c->gen && in_from(from, t->name, c->name)) {
			char old[NAME];
			snprintf(old, sizeof(old), "%s", c->name);
			fresh(c->name, sizeof(c->name), "n");
			hint(h, "%s.%s=%s", t->name, old, c->name);
			rename_refs(g, t, old, c->name);
		}
		break;
	case 6:
		if (c && !c->gen) {
			c->type = pick(NTYPES);
			if (c->type == T_ENUM && g->ne)
				snprintf(c->ref, sizeof(c->ref), "%s", g->e[pick(g->ne)].name);
			else if (c->type == T_DOMAIN && g->nd)
				snprintf(c->ref, sizeof(c->ref), "%s", g->d[pick(g->nd)].name);
			else if (c->type >= T_ENUM)
				c->type = T_TEXT;
			c->mod = 10 + 10 * pick(3);
			if (!int_type(c->type))
				c->ident = 0;
			if (!text_type(c->type))
				c->coll = false;
		} else if (t && !has_gen(t)) {
			t->c[0].type = t->c[0].type == T_INT ? T_BIGINT : T_INT;
		}
		break;
	case 7:
		if (c && !c->gen && !c->ident)
			c->nn = !c->nn;
		break;
	case 8:
		if (c && !c->gen && !c->ident)
			c->dflt = pick(5);
		break;
	case 9:
		if (c && int_type(c->type) && !c->gen) {
			c->ident = pick(3);
			if (c->ident)
				c->dflt = 0;
		} else if (t) {
			t->c[0].ident = pick(3);
		}
		break;
	case 10:
		if (last && last != &t->c[0] && !last->ident) {
			if (last->gen)
				last->gen = chance(50) ? 0 : 3 - last->gen;
			else if (numeric_type(last->type)) {
				last->type = T_BIGINT;
				last->gen = 1 + pick(2);
				last->dflt = 0;
			}
		}
		break;
	case 11:
		if (c && text_type(c->type))
			c->coll = !c->coll;
		break;
	case 12:
		if (c && chance(50))
			c->comment = pick(3);
		else if (t)
			t->comment = pick(3);
		break;
	case 13:
		if (t && t->nix && chance(50)) {
			struct gidx *x = &t->ix[pick(t->nix)];
			if (chance(40)) {
				*x = t->ix[--t->nix];
			} else {
				x->unique = chance(30);
				x->partial = !x->partial;
				x->comment = pick(2);
			}
		} else if (t && t->nix < MAXI) {
			struct gidx *x = &t->ix[t->nix++];
			memset(x, 0, sizeof(*x));
			fresh(x->name, sizeof(x->name), "ix");
			snprintf(x->col, sizeof(x->col), "%s", t->c[pick(t->nc)].name);
			x->partial = chance(30);
		}
		break;
	case 14:
		if (t && t->nck && chance(50)) {
			if (chance(50))
				t->ck[pick(t->nck)].variant ^= 1;
			else {
				int k = pick(t->nck);
				t->ck[k] = t->ck[--t->nck];
			}
		} else if (t && t->nck < MAXK) {
			struct gchk *k = &t->ck[t->nck++];
			fresh(k->name, sizeof(k->name), "ck");
			snprintf(k->col, sizeof(k->col), "%s", t->c[pick(t->nc)].name);
			k->variant = pick(2);
		}
		break;
	case 15:
		if (t && t->uq[0]) {
			t->uq[0] = '\0';
		} else if (t) {
			fresh(t->uq, sizeof(t->uq), "uq");
			snprintf(t->uqcol, sizeof(t->uqcol), "%s", t->c[pick(t->nc)].name);
		}
		break;
	case 16:
		if (t && t->nfk && chance(50)) {
			if (chance(50))
				t->fk[pick(t->nfk)].action = pick(3);
			else {
				int k = pick(t->nfk);
				t->fk[k] = t->fk[--t->nfk];
			}
		} else if (t) {
			random_fk(g, t);
		}
		break;
	case 17:
		if (t && !t->trig)
			fresh(t->trigname, sizeof(t->trigname), "tg");
		if (t)
			t->trig = pick(3);
		break;
	case 18:
		if (g->ne && chance(85)) {
			struct genum *e = &g->e[pick(g->ne)];
			int k = pick(3);
			if (k == 0 && e->nl < 6) {
				/* a value that is not there yet, anywhere */
				int v = -1, at = pick(e->nl + 1);
				for (int i = 0; i < 6 && v < 0; i++) {
					bool used = false;
					for (int j = 0; j < e->nl; j++)
						used = used || e->lab[j] == i;
					if (!used)
						v = i;
				}
				memmove(&e->lab[at + 1], &e->lab[at], (size_t)(e->nl - at) * sizeof(int));
				e->lab[at] = v;
				e->nl++;
			} else if (k == 1 && e->nl > 1) {
				int at = pick(e->nl);
				memmove(&e->lab[at], &e->lab[at + 1], (size_t)(e->nl - at - 1) * sizeof(int));
				e->nl--;
			} else if (e->nl > 1) {
				int a = pick(e->nl), b = pick(e->nl), x = e->lab[a];
				e->lab[a] = e->lab[b];
				e->lab[b] = x;
			}
			if (chance(20))
				e->comment = !e->comment;
		} else if (g->ne < MAXE) {
			struct genum *e = &g->e[g->ne++];
			fresh(e->name, sizeof(e->name), "e");
			e->nl = 1 + pick(3);
			for (int j = 0; j < e->nl; j++)
				e->lab[j] = j;
			e->comment = 0;
		}
		break;
	case 19:
		if (g->nd) {
			struct gdom *d = &g->d[pick(g->nd)];
			switch (pick(5)) {
			case 0:
				d->dflt = pick(3);
				break;
			case 1:
				d->nn = !d->nn;
				break;
			case 2:
				d->check = pick(3);
				break;
			case 3:
				d->base = d->base < 2 ? 1 - d->base : 5 - d->base;
				break;
			default:
				d->comment = !d->comment;
				break;
			}
		} else {
			struct gdom *d = &g->d[g->nd++];
			memset(d, 0, sizeof(*d));
			fresh(d->name, sizeof(d->name), "d");
			d->base = pick(4);
			d->check = pick(3);
		}
		break;
	case 20:
		if (g->ns && chance(80)) {
			struct gseq *s = &g->s[pick(g->ns)];
			switch (pick(6)) {
			case 0:
				s->inc = 1 + pick(3);
				break;
			case 1:
				s->cache = 1 + pick(3) * 5;
				break;
			case 2:
				s->maxv = s->maxv ? 0 : 100000;
				break;
			case 3:
				s->cycle = !s->cycle;
				break;
			case 4:
				s->as_int = !s->as_int;
				break;
			default:
				s->comment = !s->comment;
				break;
			}
		} else if (g->ns < MAXS) {
			struct gseq *s = &g->s[g->ns++];
			memset(s, 0, sizeof(*s));
			fresh(s->name, sizeof(s->name), "s");
			s->inc = 1;
			s->cache = 1;
		}
		break;
	case 21:
		if (g->nv && chance(70)) {
			struct gview *v = &g->v[pick(g->nv)];
			switch (pick(4)) {
			case 0:
				v->where = pick(3);
				break;
			case 1:
				v->mat = !v->mat && !v->over_view;
				break;
			case 2:
				v->comment = pick(3);
				break;
			default:
				if (!v->over_view && v->nc < 3) {
					const struct gtab *vt = find_table(g, v->from);
					if (vt && v->nc < vt->nc) {
						snprintf(v->cols[v->nc], NAME, "%s", vt->c[v->nc].name);
						v->nc++;
					}
				} else if (chance(50)) {
					*v = g->v[--g->nv];
				}
				break;
			}
		} else if (g->nv < MAXV && g->nt) {
			random_view(g, &g->v[g->nv++]);
		}
		break;
	case 22:
		if (g->nf && chance(80)) {
			struct gfun *f = &g->f[pick(g->nf)];
			if (chance(50))
				f->body = pick(3);
			else if (chance(50))
				f->ret = !f->ret;
			else
				f->comment = !f->comment;
		} else if (g->nf < MAXF) {
			struct gfun *f = &g->f[g->nf++];
			fresh(f->name, sizeof(f->name), "f");
			f->ret = pick(2);
			f->body = pick(3);
			f->comment = 0;
		}
		break;
	default:
		if (t && chance(50))
			t->unlogged = !t->unlogged;
		else if (t)
			t->ff = chance(50) ? 0 : 70 + 10 * pick(3);
		break;
	}
}

/* The first column's type stays when the table has a generated column on
 * either side (the server refuses to change it then). */
static void settle(struct gsch *to, const struct gsch *from, const struct hints *h)
{
	for (int i = 0; i < to->nt; i++) {
		struct gtab *t = &to->t[i];
		const struct gtab *f = find_table((struct gsch *)from, t->name);

		for (int k = 0; !f && k < h->n; k++) {
			const char *eq = strchr(h->v[k], '=');
			if (eq && !strchr(h->v[k], '.') && !strcmp(eq + 1, t->name)) {
				char old[NAME];
				snprintf(old, sizeof(old), "%.*s", (int)(eq - h->v[k]), h->v[k]);
				f = find_table((struct gsch *)from, old);
			}
		}
		if (!f)
			continue;
		if (has_gen(f) || has_gen(t))
			t->c[0].type = f->c[0].type;
		/* a column that becomes or stops being generated, or whose
		 * expression changes, is dropped and added back: only the last
		 * column of `from` may, or the order changes */
		for (int j = 1; j < t->nc; j++) {
			struct gcol *c = &t->c[j];
			const struct gcol *fc = find_col(f, c->name);
			if (!fc || fc->gen == c->gen || fc == &f->c[f->nc - 1])
				continue;
			c->gen = fc->gen;
			c->type = fc->type;
			c->dflt = fc->dflt;
			c->ident = fc->ident;
			c->nn = fc->nn;
		}
	}
}

/* ---- the fixture ---- */

/* Runs a script: as one transaction, or statement by statement when an
 * operation must run outside one (enum values used where they are added). */
static int run_script(struct sk_db *db, const char *sql, bool no_transaction, struct sk_error *err)
{
	struct sk_sql_lexer lx;
	struct sk_sql_stmt st;
	int rc;

	if (!no_transaction)
		return sk_db_exec(db, sql, err);
	sk_sql_lexer_init(&lx, sql, strlen(sql), SK_SQL_POSTGRES);
	while ((rc = sk_sql_lexer_statement(&lx, &st, err)) > 0)
		if ((rc = sk_db_exec_statement(db, st.start, st.len, err)))
			return rc;
	return rc < 0 ? rc : 0;
}

static const char reset_sql[] = "DROP SCHEMA IF EXISTS app CASCADE; DROP SCHEMA IF EXISTS public CASCADE; "
                                "CREATE SCHEMA public";

static int dump(struct sk_buf *out, struct sk_model **model, struct sk_db *db, struct sk_error *err)
{
	struct sk_introspect_opts io = {false};
	struct sk_model *m = NULL;
	int rc = sk_introspect(&m, db, &io, err);

	if (rc)
		return rc;
	sk_buf_reset(out);
	sk_emit_sql(out, m);
	if (model)
		*model = m;
	else
		sk_model_free(m);
	return 0;
}

/* The first line where two texts differ, for the report. */
static void first_difference(const char *a, const char *b)
{
	unsigned line = 1;

	while (*a && *a == *b) {
		if (*a == '\n')
			line++;
		a++;
		b++;
	}
	while (line > 1 && a[-1] != '\n') {
		a--;
		b--;
	}
	fprintf(stderr, "  first difference at line %u:\n  want: %.*s\n  got:  %.*s\n", line,
	        (int)strcspn(a, "\n"), a, (int)strcspn(b, "\n"), b);
}

struct pair_result {
	bool ok;
	char what[2048];
};

static void check_pair(struct sk_db *a, struct sk_db *b, const char *from_sql, const char *to_sql,
                       const struct hints *h, struct pair_result *res, bool verbose)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf dfrom = SK_BUF_INIT, dto = SK_BUF_INIT, dnow = SK_BUF_INIT, up = SK_BUF_INIT,
	              down = SK_BUF_INIT, mig = SK_BUF_INIT;
	struct sk_model *mfrom = NULL, *mto = NULL, *mnow = NULL;
	struct sk_diff d = SK_DIFF_INIT, again = SK_DIFF_INIT;
	struct sk_rename renames[16];
	char *storage[16];
	struct sk_diff_opts opts = {renames, 0};
	bool notx = false;

	res->ok = false;
	res->what[0] = '\0';
	for (int i = 0; i < h->n; i++) {
		if (sk_rename_parse(&renames[opts.nrenames], &storage[opts.nrenames], h->v[i], &err))
			fail_msg("hint '%s': %s", h->v[i], err.message);
		opts.nrenames++;
	}
	pg_fixture_exec_ok(a, reset_sql);
	pg_fixture_exec_ok(b, reset_sql);
	if (sk_db_exec(a, from_sql, &err) || sk_db_exec(b, to_sql, &err)) {
		snprintf(res->what, sizeof(res->what), "the generated schema does not load: %s", err.message);
		goto done;
	}
	if (dump(&dfrom, &mfrom, a, &err) || dump(&dto, &mto, b, &err)) {
		snprintf(res->what, sizeof(res->what), "introspection: %s", err.message);
		goto done;
	}
	if (sk_diff_models(&d, mfrom, mto, &opts, &err)) {
		snprintf(res->what, sizeof(res->what), "diff: %s", err.message);
		goto done;
	}
	for (size_t i = 0; i < d.nr; i++) {
		sk_buf_adds(&up, d.ops[i].up);
		notx = notx || d.ops[i].no_transaction;
	}
	for (size_t i = d.nr; i > 0; i--)
		sk_buf_adds(&down, d.ops[i - 1].down ? d.ops[i - 1].down : "");
	sk_diff_render_migration(&mig, &d, "property");
	if (verbose)
		fprintf(stderr, "%s\n", mig.buf);
	if (run_script(a, up.buf, notx, &err)) {
		snprintf(res->what, sizeof(res->what), "up fails: %s", err.message);
		goto done;
	}
	if (dump(&dnow, &mnow, a, &err)) {
		snprintf(res->what, sizeof(res->what), "introspection after up: %s", err.message);
		goto done;
	}
	if (strcmp(dnow.buf, dto.buf)) {
		snprintf(res->what, sizeof(res->what), "after up, the dump is not to's");
		first_difference(dto.buf, dnow.buf);
		goto done;
	}
	if (sk_diff_models(&again, mnow, mto, NULL, &err) || again.nr) {
		snprintf(res->what, sizeof(res->what), "diffing again finds %zu operation%s (first: %s)",
		         again.nr, again.nr == 1 ? "" : "s", again.nr ? again.ops[0].object : err.message);
		goto done;
	}
	if (run_script(a, down.buf, notx, &err)) {
		snprintf(res->what, sizeof(res->what), "down fails: %s", err.message);
		goto done;
	}
	if (dump(&dnow, NULL, a, &err)) {
		snprintf(res->what, sizeof(res->what), "introspection after down: %s", err.message);
		goto done;
	}
	if (strcmp(dnow.buf, dfrom.buf)) {
		snprintf(res->what, sizeof(res->what), "after down, the dump is not from's");
		first_difference(dfrom.buf, dnow.buf);
		goto done;
	}
	res->ok = true;
done:
	if (!res->ok)
		fprintf(stderr, "---- from:\n%s---- to:\n%s---- migration:\n%s", from_sql, to_sql, mig.buf);
	for (size_t i = 0; i < opts.nrenames; i++)
		free(storage[i]);
	sk_model_free(mfrom);
	sk_model_free(mto);
	sk_model_free(mnow);
	sk_diff_release(&d);
	sk_diff_release(&again);
	sk_buf_release(&dfrom);
	sk_buf_release(&dto);
	sk_buf_release(&dnow);
	sk_buf_release(&up);
	sk_buf_release(&down);
	sk_buf_release(&mig);
}

static void drop_db(struct sk_db *admin, const char *name)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	pg_fixture_exec_ok(admin, sql);
}

static void test_diff_pg__random_pairs(void **state)
{
	const char *env_seed = getenv("SK_PROPERTY_SEED"), *env_pairs = getenv("SK_PROPERTY_PAIRS");
	bool verbose = getenv("SK_PROPERTY_VERBOSE") && !strcmp(getenv("SK_PROPERTY_VERBOSE"), "1");
	unsigned long long seed = env_seed ? strtoull(env_seed, NULL, 10) : (unsigned long long)time(NULL);
	long pairs = env_pairs ? strtol(env_pairs, NULL, 10) : 200;
	struct sk_db *admin, *a, *b;
	char name_a[64], name_b[64], sql[256];
	int failures = 0;

	(void)state;
	if (!pg_fixture_read())
		skip();
	fprintf(stderr, "property test: seed %llu, %ld pairs (SK_PROPERTY_SEED=%llu replays it)\n", seed,
	        pairs, seed);
	/* named after the process: runs may overlap */
	snprintf(name_a, sizeof(name_a), "sk_prop_pg_%ld_a", (long)getpid());
	snprintf(name_b, sizeof(name_b), "sk_prop_pg_%ld_b", (long)getpid());
	admin = pg_fixture_connect(NULL);
	drop_db(admin, name_a);
	drop_db(admin, name_b);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name_a);
	pg_fixture_exec_ok(admin, sql);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name_b);
	pg_fixture_exec_ok(admin, sql);
	a = pg_fixture_connect(name_a);
	b = pg_fixture_connect(name_b);
	/* JIT compiling the catalog queries costs more than it saves */
	pg_fixture_exec_ok(a, "SET client_min_messages = warning; SET jit = off");
	pg_fixture_exec_ok(b, "SET client_min_messages = warning; SET jit = off");
	for (long p = 0; p < pairs; p++) {
		struct gsch *from = calloc(1, sizeof(*from)), *to = calloc(1, sizeof(*to));
		struct sk_buf fs = SK_BUF_INIT, ts = SK_BUF_INIT;
		struct hints h;
		struct pair_result res;
		int n;

		assert_non_null(from);
		assert_non_null(to);
		memset(&h, 0, sizeof(h));
		rng_state = seed * 1000003ULL + (uint64_t)p;
		name_counter = 0;
		random_schema(from);
		*to = *from;
		n = 1 + pick(6);
		for (int i = 0; i < n; i++)
			mutate(to, from, &h);
		settle(to, from, &h);
		render(&fs, from);
		render(&ts, to);
		if (verbose)
			fprintf(stderr, "==== pair %ld\n", p);
		check_pair(a, b, fs.buf, ts.buf, &h, &res, verbose);
		if (!res.ok) {
			failures++;
			fprintf(stderr, "FAIL: seed %llu pair %ld: %s\n", seed, p, res.what);
			for (int i = 0; i < h.n; i++)
				fprintf(stderr, "  hint %s\n", h.v[i]);
		}
		sk_buf_release(&fs);
		sk_buf_release(&ts);
		free(from);
		free(to);
	}
	sk_db_free(a);
	sk_db_free(b);
	drop_db(admin, name_a);
	drop_db(admin, name_b);
	sk_db_free(admin);
	fprintf(stderr, "property test: %ld pairs, %d failed (seed %llu)\n", pairs, failures, seed);
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_diff_pg__random_pairs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
