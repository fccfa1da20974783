/*
 * Property test of the SQLite differ (diff/diff_sqlite.c). Pairs of schemas
 * are made at random from a seed (printed; SK_PROPERTY_SEED=N replays one
 * run, SK_PROPERTY_PAIRS=N sets how many pairs): a random base schema,
 * `from` a few mutations of it, `to` more mutations of `from` (tables,
 * columns, types, NOT NULL, defaults, keys, UNIQUE, CHECK, foreign keys,
 * WITHOUT ROWID, STRICT, AUTOINCREMENT, formatting, indexes, views,
 * triggers, and table and column renames with their hints), both written
 * as SQL text. For each pair, through the library (in-memory databases,
 * sk_introspect, sk_diff_models, sk_emit_sql, sk_db_exec):
 *   - up, run in a transaction on `from`, gives `to`'s dump and catalog
 *     (tables' texts up to white space and comments: ALTER TABLE ADD
 *     COLUMN keeps SQLite's layout);
 *   - diffing again finds nothing;
 *   - down gives back `from`'s dump and catalog the same way;
 *   - with rows in `from`: a migration without destructive operations
 *     succeeds, keeps every row of the tables that stay, and so does its
 *     down.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/buf.h"
#include "common/error.h"
#include "config/url.h"
#include "db/db.h"
#include "diff/diff.h"
#include "emit/sql.h"
#include "introspect/introspect.h"
#include "model/model.h"

#include "common/banned.h"

/* ---- a reproducible generator ------------------------------------------- */

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

static int chance(int percent)
{
	return pick(100) < percent;
}

/* ---- the schema --------------------------------------------------------- */

#define MAXT 6
#define MAXC 7
#define MAXI 8
#define MAXV 5
#define MAXG 5
#define NAMELEN 40

struct gcol {
	int id;
	char name[NAMELEN];
	char type[16];
	int notnull;
	int dflt; /* index into defaults[], 0: none */
	int unique;
	int check;
	int fk;      /* referenced table id, or 0 */
	char action; /* ON DELETE: a (none), c, n, r */
	int gen;     /* GENERATED ALWAYS AS (...) VIRTUAL */
	int nocase;  /* COLLATE NOCASE */
};

struct gtab {
	int id;
	char name[NAMELEN];
	struct gcol c[MAXC];
	int nc;
	int pk;   /* column id of the primary key (its first column), or 0 */
	int pk_b; /* column id of a composite key's second column, or 0 */
	int autoinc, worowid, strict, multiline;
	int uniq2; /* table-level UNIQUE over the first two columns */
};

struct gidx {
	int id;
	char name[NAMELEN];
	int tab, col, col2; /* col2: 0 or a second column */
	int unique, partial, expr;
};

struct gview {
	int id;
	char name[NAMELEN];
	int tab;  /* table id, or 0 when on a view */
	int view; /* view id, or 0 */
	int col;  /* column id, or 0 for * */
	int where;
};

struct gtrg {
	int id;
	char name[NAMELEN];
	int tab, col;
	int view;  /* an INSTEAD OF INSERT trigger on this view (then tab and col are 0) */
	int event; /* 0 insert, 1 update of col, 2 delete */
};

struct gschema {
	struct gtab t[MAXT];
	int nt;
	struct gidx i[MAXI];
	int ni;
	struct gview v[MAXV];
	int nv;
	struct gtrg g[MAXG];
	int ng;
	int next_id;
};

static const char *const defaults[] = {NULL, "0", "'x'", "NULL", "-1", "CURRENT_TIMESTAMP", "(1 + 1)", "1.5"};
static const char *const loose_types[] = {"INTEGER", "TEXT",        "REAL", "BLOB",
                                          "NUMERIC", "VARCHAR(10)", "",     "INT"};
static const char *const strict_types[] = {"INTEGER", "TEXT", "REAL", "BLOB", "ANY", "INT"};
static const char *const table_names[] = {"users", "order", "my table", "Items", "t", "a\"b"};
static const char *const column_names[] = {"name", "select", "Value", "a b", "x", "note", "group"};

static void make_name(char *out, const char *base, int id)
{
	snprintf(out, NAMELEN, "%s_%d", base, id);
}

static struct gtab *tab_by_id(struct gschema *s, int id)
{
	for (int i = 0; i < s->nt; i++)
		if (s->t[i].id == id)
			return &s->t[i];
	return NULL;
}

static struct gcol *col_by_id(struct gtab *t, int id)
{
	for (int i = 0; t && i < t->nc; i++)
		if (t->c[i].id == id)
			return &t->c[i];
	return NULL;
}

static struct gview *view_by_id(struct gschema *s, int id)
{
	for (int i = 0; i < s->nv; i++)
		if (s->v[i].id == id)
			return &s->v[i];
	return NULL;
}

static void set_type(struct gtab *t, struct gcol *c)
{
	if (t->strict)
		snprintf(c->type, sizeof(c->type), "%s", strict_types[pick(6)]);
	else
		snprintf(c->type, sizeof(c->type), "%s", loose_types[pick(8)]);
}

static int is_strict_type(const char *ty)
{
	for (int i = 0; i < 6; i++)
		if (!strcmp(ty, strict_types[i]))
			return 1;
	return 0;
}

static void new_column(struct gschema *s, struct gtab *t, struct gcol *c)
{
	memset(c, 0, sizeof(*c));
	c->id = ++s->next_id;
	make_name(c->name, column_names[pick(7)], c->id);
	set_type(t, c);
	c->notnull = chance(20);
	c->dflt = chance(40) ? 1 + pick(7) : 0;
	if (c->notnull && (c->dflt == 0 || c->dflt == 3))
		c->dflt = 2;
	c->unique = chance(10);
	c->check = chance(15);
	c->nocase = chance(10);
	c->action = 'a';
}

/* The columns a reference to table t can point at: its single primary key. */
static struct gcol *pk_col(struct gtab *t)
{
	return t && t->pk && !t->pk_b ? col_by_id(t, t->pk) : NULL;
}

static void add_table(struct gschema *s)
{
	struct gtab *t;
	int n;

	if (s->nt >= MAXT)
		return;
	t = &s->t[s->nt++];
	memset(t, 0, sizeof(*t));
	t->id = ++s->next_id;
	make_name(t->name, table_names[pick(6)], t->id);
	t->strict = chance(15);
	t->multiline = chance(50);
	n = 2 + pick(4);
	for (int i = 0; i < n; i++)
		new_column(s, t, &t->c[t->nc++]);
	if (chance(80)) {
		struct gcol *c = &t->c[0];

		t->pk = c->id;
		c->unique = 0;
		c->gen = 0;
		if (chance(60)) {
			snprintf(c->type, sizeof(c->type), "INTEGER");
			t->autoinc = chance(25);
		}
		if (!t->autoinc && chance(15)) {
			t->pk_b = t->c[1].id;
			t->c[1].unique = 0;
		}
		t->worowid = !t->autoinc && chance(15);
		if (t->worowid)
			c->notnull = 0;
	}
	if (t->nc >= 3 && chance(15))
		t->uniq2 = 1;
	if (t->nc >= 3 && chance(15)) {
		struct gcol *g = &t->c[t->nc - 1];

		if (g->id != t->pk) {
			g->gen = 1;
			g->dflt = 0;
			g->unique = 0;
			g->notnull = 0;
		}
	}
	/* a foreign key to a table with a primary key (perhaps itself) */
	if (chance(40)) {
		struct gtab *p = &s->t[pick(s->nt)];
		struct gcol *c = &t->c[t->nc - 1];

		if (pk_col(p) && c->id != t->pk && !c->gen) {
			c->fk = p->id;
			c->action = "acnr"[pick(4)];
			if (c->dflt != 3)
				c->dflt = 0;
			c->notnull = 0;
			c->unique = 0;
		}
	}
}

/* Removes element k of an array of n by moving the last one there. */
static void remove_at(void *arr, int *n, int k, size_t size)
{
	char *a = arr;

	(*n)--;
	if (k != *n)
		memcpy(a + (size_t)k * size, a + (size_t)*n * size, size);
}

/* Drops everything that mentions a column or table that is gone. */
static void cleanup(struct gschema *s)
{
	for (int k = 0; k < s->nt; k++) {
		struct gtab *t = &s->t[k];

		for (int j = 0; j < t->nc; j++) {
			struct gcol *c = &t->c[j];
			struct gtab *p = c->fk ? tab_by_id(s, c->fk) : NULL;

			if (c->fk && !pk_col(p)) {
				c->fk = 0;
				c->action = 'a';
			}
		}
		if (t->uniq2 && t->nc < 3)
			t->uniq2 = 0;
		if (t->pk_b && !col_by_id(t, t->pk_b))
			t->pk_b = 0;
		if (t->pk && !col_by_id(t, t->pk)) {
			t->pk = 0;
			t->pk_b = 0;
			t->worowid = 0;
			t->autoinc = 0;
		}
	}
	for (int k = 0; k < s->ni;) {
		struct gidx *x = &s->i[k];
		struct gtab *t = tab_by_id(s, x->tab);

		if (!t || !col_by_id(t, x->col) || (x->col2 && !col_by_id(t, x->col2)))
			remove_at(s->i, &s->ni, k, sizeof(s->i[0]));
		else
			k++;
	}
	for (int pass = 0; pass < MAXV; pass++)
		for (int k = 0; k < s->nv;) {
			struct gview *v = &s->v[k];
			struct gtab *t = v->tab ? tab_by_id(s, v->tab) : NULL;
			int ok = v->tab ? (t && (!v->col || col_by_id(t, v->col)))
			                : view_by_id(s, v->view) != NULL;

			if (!ok)
				remove_at(s->v, &s->nv, k, sizeof(s->v[0]));
			else
				k++;
		}
	for (int k = 0; k < s->ng;) {
		struct gtrg *g = &s->g[k];
		struct gtab *t = tab_by_id(s, g->tab);

		if (g->view ? !view_by_id(s, g->view) : !t || !col_by_id(t, g->col))
			remove_at(s->g, &s->ng, k, sizeof(s->g[0]));
		else
			k++;
	}
}

static void add_index(struct gschema *s)
{
	struct gtab *t;
	struct gidx *x;

	if (!s->nt || s->ni >= MAXI)
		return;
	t = &s->t[pick(s->nt)];
	x = &s->i[s->ni++];
	memset(x, 0, sizeof(*x));
	x->id = ++s->next_id;
	make_name(x->name, "idx", x->id);
	x->tab = t->id;
	x->col = t->c[pick(t->nc)].id;
	if (t->nc > 1 && chance(30))
		x->col2 = t->c[pick(t->nc)].id;
	if (x->col2 == x->col)
		x->col2 = 0;
	x->unique = chance(20);
	x->partial = chance(20);
	x->expr = !x->col2 && chance(15);
}

static void add_view(struct gschema *s)
{
	struct gview *v;

	if (!s->nt || s->nv >= MAXV)
		return;
	v = &s->v[s->nv];
	memset(v, 0, sizeof(*v));
	v->id = ++s->next_id;
	make_name(v->name, chance(50) ? "v" : "my view", v->id);
	if (s->nv && chance(30)) {
		v->view = s->v[pick(s->nv)].id;
	} else {
		struct gtab *t = &s->t[pick(s->nt)];

		v->tab = t->id;
		v->col = chance(50) ? t->c[pick(t->nc)].id : 0;
		v->where = chance(30);
	}
	s->nv++;
}

static void add_trigger(struct gschema *s)
{
	struct gtab *t;
	struct gtrg *g;

	if (!s->nt || s->ng >= MAXG)
		return;
	t = &s->t[pick(s->nt)];
	g = &s->g[s->ng++];
	memset(g, 0, sizeof(*g));
	g->id = ++s->next_id;
	make_name(g->name, "trg", g->id);
	if (s->nv && chance(25)) {
		g->view = s->v[pick(s->nv)].id;
		return;
	}
	g->tab = t->id;
	g->col = t->c[pick(t->nc)].id;
	g->event = pick(3);
}

struct renames {
	char v[16][3 * NAMELEN + 4];
	int n;
};

/* One random change; renames (with their hints) only when r is given. */
static void mutate(struct gschema *s, struct renames *r)
{
	struct gtab *t = s->nt ? &s->t[pick(s->nt)] : NULL;
	struct gcol *c = t ? &t->c[pick(t->nc)] : NULL;
	int what = pick(26);

	if (!t) {
		add_table(s);
		return;
	}
	switch (what) {
	case 0:
		add_table(s);
		break;
	case 1:
		if (s->nt > 1) {
			remove_at(s->t, &s->nt, (int)(t - s->t), sizeof(s->t[0]));
			cleanup(s);
		}
		break;
	case 2:
	case 3:
		if (t->nc < MAXC) {
			int at = what == 2 ? t->nc : pick(t->nc + 1);

			memmove(&t->c[at + 1], &t->c[at], (size_t)(t->nc - at) * sizeof(t->c[0]));
			t->nc++;
			new_column(s, t, &t->c[at]);
		}
		break;
	case 4:
		if (t->nc > 2 && c->id != t->pk && c->id != t->pk_b) {
			int at = (int)(c - t->c);

			memmove(&t->c[at], &t->c[at + 1], (size_t)(t->nc - at - 1) * sizeof(t->c[0]));
			t->nc--;
			cleanup(s);
		}
		break;
	case 5:
		if (c->id != t->pk)
			set_type(t, c);
		break;
	case 6:
		if (!c->gen && c->id != t->pk) {
			c->notnull = !c->notnull;
			if (c->notnull && (c->dflt == 0 || c->dflt == 3))
				c->dflt = 2;
		}
		break;
	case 7:
		if (!c->gen && !c->fk) {
			c->dflt = 1 + pick(7);
			if (c->notnull && c->dflt == 3)
				c->dflt = 2;
		}
		break;
	case 8:
		if (c->id != t->pk && !c->gen && !c->fk)
			c->unique = !c->unique;
		break;
	case 9:
		if (chance(50))
			c->check = !c->check;
		else if (!c->gen)
			c->nocase = !c->nocase;
		break;
	case 10:
		if (c->fk) {
			c->fk = 0;
			c->action = 'a';
		} else if (c->id != t->pk && !c->gen && !c->unique) {
			struct gtab *p = &s->t[pick(s->nt)];

			if (pk_col(p)) {
				c->fk = p->id;
				c->action = "acnr"[pick(4)];
				c->dflt = 0;
				c->notnull = 0;
			}
		}
		break;
	case 11:
		if (c->fk)
			c->action = "acnr"[pick(4)];
		break;
	case 12:
		if (t->pk && !t->autoinc && chance(30)) {
			struct gcol *b = &t->c[pick(t->nc)];

			/* a composite key, or back to one column */
			if (t->pk_b)
				t->pk_b = 0;
			else if (b->id != t->pk && !b->gen && !b->fk) {
				t->pk_b = b->id;
				b->unique = 0;
			}
			cleanup(s);
		} else if (t->pk && !t->autoinc) {
			t->worowid = !t->worowid;
			if (t->worowid)
				col_by_id(t, t->pk)->notnull = 0;
		}
		break;
	case 13:
		t->strict = !t->strict;
		for (int j = 0; t->strict && j < t->nc; j++)
			if (!is_strict_type(t->c[j].type))
				snprintf(t->c[j].type, sizeof(t->c[j].type), "%s", strict_types[pick(6)]);
		break;
	case 14:
		if (t->pk && !t->pk_b && !t->worowid && !strcmp(col_by_id(t, t->pk)->type, "INTEGER"))
			t->autoinc = !t->autoinc;
		break;
	case 15:
		t->multiline = !t->multiline;
		break;
	case 16:
		add_index(s);
		break;
	case 17:
		if (s->ni)
			remove_at(s->i, &s->ni, pick(s->ni), sizeof(s->i[0]));
		break;
	case 18:
		if (s->ni) {
			struct gidx *x = &s->i[pick(s->ni)];

			x->partial = !x->partial;
		}
		break;
	case 19:
		add_view(s);
		break;
	case 20:
		if (s->nv) {
			remove_at(s->v, &s->nv, pick(s->nv), sizeof(s->v[0]));
			cleanup(s);
		}
		break;
	case 21:
		if (s->nv) {
			struct gview *v = &s->v[pick(s->nv)];

			v->where = !v->where;
		}
		break;
	case 22:
		add_trigger(s);
		break;
	case 23:
		if (s->ng && chance(50)) {
			remove_at(s->g, &s->ng, pick(s->ng), sizeof(s->g[0]));
		} else if (s->ng) {
			struct gtrg *g = &s->g[pick(s->ng)];

			g->event = (g->event + 1) % 3;
		}
		break;
	case 24:
		if (r && r->n < 16) {
			char old[NAMELEN];

			snprintf(old, sizeof(old), "%s", t->name);
			make_name(t->name, "renamed", ++s->next_id);
			snprintf(r->v[r->n++], sizeof(r->v[0]), "%s=%s", old, t->name);
		}
		break;
	case 25:
		if (r && r->n < 16) {
			char old[NAMELEN];

			snprintf(old, sizeof(old), "%s", c->name);
			make_name(c->name, "col", ++s->next_id);
			snprintf(r->v[r->n++], sizeof(r->v[0]), "%s.%s=%s", t->name, old, c->name);
		}
		break;
	}
}

/* ---- writing it as SQL ---------------------------------------------------- */

static void qi(struct sk_buf *b, const char *name)
{
	sk_db_quote_ident(b, SK_DIALECT_SQLITE, name);
}

static void write_table(struct sk_buf *b, struct gschema *s, struct gtab *t)
{
	const char *sep = t->multiline ? ",\n  " : ", ";

	sk_buf_adds(b, "CREATE TABLE ");
	qi(b, t->name);
	sk_buf_adds(b, t->multiline ? " (\n  " : " (");
	for (int j = 0; j < t->nc; j++) {
		struct gcol *c = &t->c[j];

		if (j)
			sk_buf_adds(b, sep);
		qi(b, c->name);
		if (*c->type)
			sk_buf_addf(b, " %s", c->type);
		if (c->id == t->pk && !t->pk_b)
			sk_buf_adds(b, t->autoinc ? " PRIMARY KEY AUTOINCREMENT" : " PRIMARY KEY");
		if (c->gen) {
			sk_buf_adds(b, " GENERATED ALWAYS AS (");
			qi(b, t->c[0].name);
			sk_buf_adds(b, " IS NULL) VIRTUAL");
			continue;
		}
		if (c->notnull)
			sk_buf_adds(b, " NOT NULL");
		if (c->nocase)
			sk_buf_adds(b, " COLLATE NOCASE");
		if (c->dflt)
			sk_buf_addf(b, " DEFAULT %s", defaults[c->dflt]);
		if (c->unique)
			sk_buf_adds(b, " UNIQUE");
		if (c->check) {
			sk_buf_adds(b, " CHECK (");
			qi(b, c->name);
			sk_buf_adds(b, " IS NULL OR length(");
			qi(b, c->name);
			sk_buf_adds(b, ") < 100)");
		}
		if (c->fk) {
			struct gtab *p = tab_by_id(s, c->fk);

			sk_buf_adds(b, " REFERENCES ");
			qi(b, p->name);
			sk_buf_adds(b, "(");
			qi(b, pk_col(p)->name);
			sk_buf_adds(b, ")");
			if (c->action != 'a')
				sk_buf_addf(b, " ON DELETE %s",
				            c->action == 'c'   ? "CASCADE"
				            : c->action == 'n' ? "SET NULL"
				                               : "RESTRICT");
		}
	}
	if (t->pk_b) {
		sk_buf_adds(b, sep);
		sk_buf_adds(b, "PRIMARY KEY (");
		qi(b, col_by_id(t, t->pk)->name);
		sk_buf_adds(b, ", ");
		qi(b, col_by_id(t, t->pk_b)->name);
		sk_buf_adds(b, ")");
	}
	if (t->uniq2) {
		sk_buf_adds(b, sep);
		sk_buf_adds(b, "UNIQUE (");
		qi(b, t->c[1].name);
		sk_buf_adds(b, ", ");
		qi(b, t->c[2].name);
		sk_buf_adds(b, ")");
	}
	sk_buf_adds(b, t->multiline ? "\n)" : ")");
	if (t->worowid)
		sk_buf_adds(b, " WITHOUT ROWID");
	if (t->strict)
		sk_buf_adds(b, t->worowid ? ", STRICT" : " STRICT");
	sk_buf_adds(b, ";\n");
}

static void write_view(struct sk_buf *b, struct gschema *s, struct gview *v, int *done)
{
	if (done[v - s->v])
		return;
	if (v->view)
		write_view(b, s, view_by_id(s, v->view), done);
	done[v - s->v] = 1;
	sk_buf_adds(b, "CREATE VIEW ");
	qi(b, v->name);
	sk_buf_adds(b, " AS SELECT ");
	if (v->view) {
		sk_buf_adds(b, "* FROM ");
		qi(b, view_by_id(s, v->view)->name);
	} else {
		struct gtab *t = tab_by_id(s, v->tab);

		if (v->col)
			qi(b, col_by_id(t, v->col)->name);
		else
			sk_buf_adds(b, "*");
		sk_buf_adds(b, " FROM ");
		qi(b, t->name);
		if (v->where) {
			sk_buf_adds(b, " WHERE ");
			qi(b, t->c[0].name);
			sk_buf_adds(b, " IS NOT NULL");
		}
	}
	sk_buf_adds(b, ";\n");
}

static void write_schema(struct sk_buf *b, struct gschema *s)
{
	int done[MAXV] = {0};

	for (int k = 0; k < s->nt; k++)
		write_table(b, s, &s->t[k]);
	for (int k = 0; k < s->ni; k++) {
		struct gidx *x = &s->i[k];
		struct gtab *t = tab_by_id(s, x->tab);

		sk_buf_adds(b, x->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
		qi(b, x->name);
		sk_buf_adds(b, " ON ");
		qi(b, t->name);
		sk_buf_adds(b, x->expr ? " (lower(" : " (");
		qi(b, col_by_id(t, x->col)->name);
		if (x->expr)
			sk_buf_adds(b, ")");
		if (x->col2) {
			sk_buf_adds(b, ", ");
			qi(b, col_by_id(t, x->col2)->name);
		}
		sk_buf_adds(b, ")");
		if (x->partial) {
			sk_buf_adds(b, " WHERE ");
			qi(b, col_by_id(t, x->col)->name);
			sk_buf_adds(b, " IS NOT NULL");
		}
		sk_buf_adds(b, ";\n");
	}
	for (int k = 0; k < s->nv; k++)
		write_view(b, s, &s->v[k], done);
	for (int k = 0; k < s->ng; k++) {
		struct gtrg *g = &s->g[k];
		struct gtab *t = tab_by_id(s, g->tab);
		const char *row = g->event == 2 ? "old" : "new";

		sk_buf_adds(b, "CREATE TRIGGER ");
		qi(b, g->name);
		if (g->view) {
			sk_buf_adds(b, " INSTEAD OF INSERT ON ");
			qi(b, view_by_id(s, g->view)->name);
			sk_buf_adds(b, " BEGIN\n  SELECT 1;\nEND;\n");
			continue;
		}
		if (g->event == 0)
			sk_buf_adds(b, " AFTER INSERT ON ");
		else if (g->event == 1) {
			sk_buf_adds(b, " AFTER UPDATE OF ");
			qi(b, col_by_id(t, g->col)->name);
			sk_buf_adds(b, " ON ");
		} else
			sk_buf_adds(b, " AFTER DELETE ON ");
		qi(b, t->name);
		sk_buf_addf(b, " BEGIN\n  SELECT %s.", row);
		qi(b, col_by_id(t, g->col)->name);
		sk_buf_adds(b, ";\nEND;\n");
	}
}

/* Rows that the schema accepts (3 a table; a row that still fails is left out). */
static void write_rows(struct sk_buf *b, struct gschema *s)
{
	for (int k = 0; k < s->nt; k++) {
		struct gtab *t = &s->t[k];

		for (int r = 1; r <= 3; r++) {
			int first = 1;

			sk_buf_adds(b, "INSERT OR IGNORE INTO ");
			qi(b, t->name);
			sk_buf_adds(b, " (");
			for (int j = 0; j < t->nc; j++) {
				if (t->c[j].gen)
					continue;
				sk_buf_adds(b, first ? "" : ", ");
				qi(b, t->c[j].name);
				first = 0;
			}
			sk_buf_adds(b, ") VALUES (");
			first = 1;
			for (int j = 0; j < t->nc; j++) {
				struct gcol *c = &t->c[j];

				if (c->gen)
					continue;
				sk_buf_adds(b, first ? "" : ", ");
				first = 0;
				if (c->fk)
					sk_buf_adds(b, "NULL");
				else if (!strncmp(c->type, "INT", 3) || c->id == t->pk || c->id == t->pk_b)
					sk_buf_addf(b, "%d", r);
				else if (!strcmp(c->type, "REAL"))
					sk_buf_addf(b, "%d.5", r);
				else if (!strcmp(c->type, "BLOB"))
					sk_buf_addf(b, "x'0%d'", r);
				else
					sk_buf_addf(b, "'v%d'", r);
			}
			sk_buf_adds(b, ");\n");
		}
	}
}

/* ---- the properties ------------------------------------------------------- */

/* A database in memory with sql loaded, and rows: one INSERT a line, each
 * left out when it breaks a constraint. */
static struct sk_db *open_db(const char *sql, const char *rows)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_db *db = NULL;

	if (sk_conninfo_parse(&ci, "sqlite::memory:", &err) || sk_db_connect(&db, &ci, &err))
		fail_msg("connect: %s", err.message);
	sk_conninfo_release(&ci);
	if (sk_db_exec(db, sql, &err))
		fail_msg("loading:\n%s\nfails: %s", sql, err.message);
	for (const char *p = rows; p && *p;) {
		const char *e = strchr(p, '\n');
		char *line = e ? sk_xstrndup(p, (size_t)(e - p)) : sk_xstrdup(p);

		sk_db_exec(db, line, &err);
		free(line);
		p = e ? e + 1 : p + strlen(p);
	}
	return db;
}

static struct sk_model *model_of(struct sk_db *db)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_model *m = NULL;

	if (sk_introspect(&m, db, NULL, &err))
		fail_msg("introspect: %s", err.message);
	return m;
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '$' || (unsigned char)c >= 0x80;
}

/*
 * SQL text with its white space and comments dropped (one space kept
 * between two words they separated), strings and quoted names whole: equal
 * for two texts SQLite parses the same way however they are laid out. The
 * differ may leave SQLite's layout of a table (ALTER TABLE ADD COLUMN
 * splices the stored text), so tables are compared this way. Written here,
 * not taken from the lexer the differ uses, so that it can judge it.
 */
static void add_normalised(struct sk_buf *out, const char *s)
{
	bool gap = false;

	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			s++;
			gap = true;
		} else if (s[0] == '-' && s[1] == '-') {
			while (*s && *s != '\n')
				s++;
			gap = true;
		} else if (s[0] == '/' && s[1] == '*') {
			const char *end = strstr(s + 2, "*/");

			s = end ? end + 2 : s + strlen(s);
			gap = true;
		} else if (*s == '\'' || *s == '"' || *s == '`' || *s == '[') {
			char q = *s == '[' ? ']' : *s;
			const char *p = s + 1;

			while (*p && !(*p == q && !(q != ']' && p[1] == q)))
				p += (*p == q) ? 2 : 1;
			p += *p ? 1 : 0;
			sk_buf_add(out, s, (size_t)(p - s));
			s = p;
			gap = false;
		} else {
			if (gap && out->len && word_char(out->buf[out->len - 1]) && word_char(*s))
				sk_buf_addch(out, ' ');
			sk_buf_addch(out, *s++);
			gap = false;
		}
	}
}

static char *dump_of(struct sk_db *db)
{
	struct sk_model *m = model_of(db);
	struct sk_buf b = SK_BUF_INIT, n = SK_BUF_INIT;

	sk_emit_sql(&b, m);
	sk_model_free(m);
	add_normalised(&n, b.buf);
	sk_buf_release(&b);
	return sk_buf_detach(&n, NULL);
}

static char *catalog_of(struct sk_db *db)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_rows r = SK_ROWS_INIT;
	struct sk_buf b = SK_BUF_INIT;

	if (sk_db_query(
	            db, &r,
	            "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' "
	            "ESCAPE '\\' UNION ALL SELECT 'temp', name, '', '' FROM temp.sqlite_schema ORDER BY 1, 2",
	            0, NULL, &err))
		fail_msg("catalog: %s", err.message);
	for (size_t i = 0; i < r.nrows; i++)
		for (size_t j = 0; j < r.ncols; j++) {
			const char *v = sk_rows_get(&r, i, j) ? sk_rows_get(&r, i, j) : "(null)";

			if (j == 3 && !strcmp(sk_rows_get(&r, i, 0), "table"))
				add_normalised(&b, v);
			else
				sk_buf_adds(&b, v);
			sk_buf_addch(&b, j + 1 < r.ncols ? '|' : '\n');
		}
	sk_rows_release(&r);
	return sk_buf_detach(&b, NULL);
}

/* Runs the up (or down) steps in one transaction, as the migration does. */
static int apply(struct sk_db *db, const struct sk_diff *d, bool up, struct sk_error *err)
{
	int rc = sk_db_begin(db, err);

	for (size_t k = 0; rc == 0 && k < d->nr; k++) {
		const struct sk_diff_op *op = &d->ops[up ? k : d->nr - 1 - k];

		rc = sk_db_exec(db, up ? op->up : op->down, err);
	}
	if (rc == 0)
		rc = sk_db_commit(db, err);
	if (rc)
		sk_db_rollback(db);
	return rc;
}

static long long table_rows(struct sk_db *db, const char *table)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_rows r = SK_ROWS_INIT;
	struct sk_buf q = SK_BUF_INIT;
	long long n = -1;

	sk_buf_adds(&q, "SELECT count(*) FROM ");
	qi(&q, table);
	if (sk_db_query(db, &r, q.buf, 0, NULL, &err) == 0 && r.nrows == 1)
		n = atoll(sk_rows_get(&r, 0, 0));
	sk_rows_release(&r);
	sk_buf_release(&q);
	return n;
}

struct pair_ctx {
	unsigned long long seed;
	int index;
	char *from_sql, *to_sql, *rows_sql;
	struct renames ren;
};

/* SK_PROPERTY_KEEP=DIR: a failing pair's from.sql, to.sql and renames are
 * written there, to replay with diff_driver. */
static void keep_pair(const struct pair_ctx *pc)
{
	const char *dir = getenv("SK_PROPERTY_KEEP");
	char path[1024];
	FILE *f;

	if (!dir || !*dir)
		return;
	snprintf(path, sizeof(path), "%s/from.sql", dir);
	if ((f = fopen(path, "w")) != NULL) {
		fputs(pc->from_sql, f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/to.sql", dir);
	if ((f = fopen(path, "w")) != NULL) {
		fputs(pc->to_sql, f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/renames", dir);
	if ((f = fopen(path, "w")) != NULL) {
		for (int r = 0; r < pc->ren.n; r++)
			fprintf(f, "%s\n", pc->ren.v[r]);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/rows.sql", dir);
	if ((f = fopen(path, "w")) != NULL) {
		fputs(pc->rows_sql, f);
		fclose(f);
	}
}

#define CHECK(cond, ...)                                                                                     \
	do {                                                                                                 \
		if (!(cond)) {                                                                               \
			keep_pair(pc);                                                                       \
			print_message("pair %d (seed %llu): ", pc->index, pc->seed);                         \
			print_message(__VA_ARGS__);                                                          \
			print_message("\n-- from:\n%s-- to:\n%s", pc->from_sql, pc->to_sql);                 \
			for (int r_ = 0; r_ < pc->ren.n; r_++)                                               \
				print_message("-- rename %s\n", pc->ren.v[r_]);                              \
			fail();                                                                              \
		}                                                                                            \
	} while (0)

static void render(struct sk_buf *b, const struct sk_diff *d)
{
	sk_diff_render_migration(b, d, "property");
}

/* The name table `name` of `from` has in `to`. */
static const char *renamed_table(const struct pair_ctx *pc, const char *name, char *buf)
{
	size_t n = strlen(name);

	for (int r = 0; r < pc->ren.n; r++)
		if (!strncmp(pc->ren.v[r], name, n) && pc->ren.v[r][n] == '=') {
			snprintf(buf, NAMELEN, "%s", pc->ren.v[r] + n + 1);
			return buf;
		}
	return name;
}

static void check_pair(struct pair_ctx *pc, int *nops, int *ndata)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_db *a = open_db(pc->from_sql, NULL), *b = open_db(pc->to_sql, NULL), *db;
	struct sk_model *ma = model_of(a), *mb = model_of(b), *m;
	struct sk_diff d = SK_DIFF_INIT, again = SK_DIFF_INIT;
	struct sk_rename hints[16];
	char *storage[16];
	struct sk_diff_opts opts = {hints, (size_t)pc->ren.n};
	char *from_dump = dump_of(a), *to_dump = dump_of(b), *from_cat = catalog_of(a),
	     *to_cat = catalog_of(b);
	char *got;
	bool destructive = false;
	struct sk_buf mig = SK_BUF_INIT;

	for (int r = 0; r < pc->ren.n; r++)
		if (sk_rename_parse(&hints[r], &storage[r], pc->ren.v[r], &err))
			fail_msg("rename %s: %s", pc->ren.v[r], err.message);
	CHECK(sk_diff_models(&d, ma, mb, &opts, &err) == 0, "diff fails: %s", err.message);
	render(&mig, &d);
	*nops += (int)d.nr;
	for (size_t k = 0; k < d.nr; k++)
		destructive = destructive || d.ops[k].destructive;

	/* up */
	db = open_db(pc->from_sql, NULL);
	CHECK(apply(db, &d, true, &err) == 0, "up fails: %s\n%s", err.message, mig.buf);
	got = dump_of(db);
	CHECK(!strcmp(got, to_dump), "up does not give the dump of to:\n%s\n-- instead of:\n%s\n%s", got,
	      to_dump, mig.buf);
	free(got);
	got = catalog_of(db);
	CHECK(!strcmp(got, to_cat), "up does not give the catalog of to:\n%s\n-- instead of:\n%s\n%s", got,
	      to_cat, mig.buf);
	free(got);
	/* diffing again finds nothing */
	m = model_of(db);
	CHECK(sk_diff_models(&again, m, mb, NULL, &err) == 0, "diff after up fails: %s", err.message);
	CHECK(again.nr == 0, "diff after up finds %zu operations, the first: %s\n%s", again.nr,
	      again.nr ? again.ops[0].up : "", mig.buf);
	sk_model_free(m);
	sk_diff_release(&again);
	/* down */
	CHECK(apply(db, &d, false, &err) == 0, "down fails: %s\n%s", err.message, mig.buf);
	got = dump_of(db);
	CHECK(!strcmp(got, from_dump), "down does not give the dump of from:\n%s\n-- instead of:\n%s\n%s",
	      got, from_dump, mig.buf);
	free(got);
	got = catalog_of(db);
	CHECK(!strcmp(got, from_cat), "down does not give the catalog of from:\n%s\n%s", got, mig.buf);
	free(got);
	sk_db_free(db);

	/* with rows: a migration without destructive operations keeps them */
	if (!destructive && d.nr) {
		long long before[MAXT];
		char nb[NAMELEN];

		db = open_db(pc->from_sql, pc->rows_sql);
		for (size_t k = 0; k < ma->ntables && k < MAXT; k++)
			before[k] = table_rows(db, ma->tables[k].name);
		CHECK(apply(db, &d, true, &err) == 0, "up with rows fails: %s\n%s", err.message, mig.buf);
		for (size_t k = 0; k < ma->ntables && k < MAXT; k++) {
			const char *n = renamed_table(pc, ma->tables[k].name, nb);
			long long now = table_rows(db, n);

			if (now >= 0)
				CHECK(now == before[k], "up loses rows of %s: %lld, not %lld\n%s", n, now,
				      before[k], mig.buf);
		}
		CHECK(apply(db, &d, false, &err) == 0, "down with rows fails: %s\n%s", err.message, mig.buf);
		for (size_t k = 0; k < ma->ntables && k < MAXT; k++)
			CHECK(table_rows(db, ma->tables[k].name) == before[k], "down loses rows of %s\n%s",
			      ma->tables[k].name, mig.buf);
		sk_db_free(db);
		(*ndata)++;
	}

	for (int r = 0; r < pc->ren.n; r++)
		free(storage[r]);
	sk_buf_release(&mig);
	sk_diff_release(&d);
	sk_model_free(ma);
	sk_model_free(mb);
	sk_db_free(a);
	sk_db_free(b);
	free(from_dump);
	free(to_dump);
	free(from_cat);
	free(to_cat);
}

static void test_diff_property_sqlite__random_pairs(void **state)
{
	const char *env_seed = getenv("SK_PROPERTY_SEED"), *env_pairs = getenv("SK_PROPERTY_PAIRS");
	unsigned long long seed = env_seed && *env_seed ? strtoull(env_seed, NULL, 10) : 20240601ULL;
	int pairs = env_pairs && *env_pairs ? atoi(env_pairs) : 300, nops = 0, ndata = 0, nempty = 0;

	(void)state;
	print_message("seed %llu, %d pairs (SK_PROPERTY_SEED, SK_PROPERTY_PAIRS)\n", seed, pairs);
	for (int p = 0; p < pairs; p++) {
		struct gschema base, from, to;
		struct pair_ctx pc;
		struct sk_buf fb = SK_BUF_INIT, tb = SK_BUF_INIT, rb = SK_BUF_INIT;
		int before = nops;

		memset(&pc, 0, sizeof(pc));
		pc.seed = seed;
		pc.index = p;
		rng_state = seed * 1000003ULL + (unsigned long long)p;
		memset(&base, 0, sizeof(base));
		for (int k = 1 + pick(4); k > 0; k--)
			add_table(&base);
		for (int k = pick(4); k > 0; k--)
			add_index(&base);
		for (int k = pick(3); k > 0; k--)
			add_view(&base);
		for (int k = pick(3); k > 0; k--)
			add_trigger(&base);
		cleanup(&base);
		from = base;
		for (int k = pick(3); k > 0; k--)
			mutate(&from, NULL);
		cleanup(&from);
		to = from;
		for (int k = 1 + pick(5); k > 0; k--)
			mutate(&to, &pc.ren);
		cleanup(&to);
		write_schema(&fb, &from);
		write_schema(&tb, &to);
		write_rows(&rb, &from);
		pc.from_sql = fb.buf;
		pc.to_sql = tb.buf;
		pc.rows_sql = rb.buf;
		check_pair(&pc, &nops, &ndata);
		nempty += nops == before;
		sk_buf_release(&fb);
		sk_buf_release(&tb);
		sk_buf_release(&rb);
	}
	print_message("%d operations; %d pairs without difference; %d non-destructive pairs run with rows\n",
	              nops, nempty, ndata);
	/* the generator must really produce differences */
	assert_true(nempty < pairs / 4);
	assert_true(ndata > pairs / 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_diff_property_sqlite__random_pairs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
