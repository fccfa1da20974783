/*
 * sqlite.c: reads a SQLite database's schema into the model, from
 * sqlite_schema and the table-valued PRAGMA functions (table_xinfo,
 * foreign_key_list, index_list, index_xinfo), one query per kind whatever
 * the number of tables. What the PRAGMAs do not say (constraint names,
 * CHECK bodies, generated expressions, collations, DEFERRABLE, WITHOUT
 * ROWID, STRICT, AUTOINCREMENT, expression index keys, partial index
 * predicates, view dependencies) is read from the stored CREATE statements
 * with the SQL lexer.
 *
 * Not its job: writing SQL (emit/sql_sqlite.c), choosing the reader
 * (introspect.c), PostgreSQL (pg.c).
 */
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "introspect/introspect.h"
#include "sql/lexer.h"

#include "common/banned.h"

#define HISTORY_TABLE "schemake_migrations"

/* ---- small helpers ----------------------------------------------------- */

/* SQLite folds only ASCII letters when it compares names. */
static int ascii_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static bool name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
			return false;
	return *a == *b;
}

/* Grows an array living in an arena (the old copy stays there until the
 * arena is released). */
static void *arena_grow(struct sk_arena *a, void *p, size_t n, size_t *alloc, size_t size)
{
	size_t na;
	void *q;

	if (n < *alloc)
		return p;
	na = *alloc ? *alloc * 2 : 4;
	q = sk_arena_calloc(a, na, size);
	if (n)
		memcpy(q, p, n * size);
	*alloc = na;
	return q;
}
#define PUSH(a, arr, n, alloc) ((arr) = arena_grow((a), (arr), (n), &(alloc), sizeof(*(arr))), &(arr)[(n)++])

/* Copies n elements into the model's arena (exact size). */
static void *settle(struct sk_arena *a, const void *p, size_t n, size_t size)
{
	void *q;

	if (!n)
		return NULL;
	q = sk_arena_alloc(a, n * size);
	memcpy(q, p, n * size);
	return q;
}

static const char **strs_dup(struct sk_arena *a, const char *const *v, size_t n)
{
	const char **out;

	if (!n)
		return NULL;
	out = sk_arena_calloc(a, n, sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[i] = sk_arena_strdup(a, v[i]);
	return out;
}

/* ---- tokens of one stored statement ------------------------------------ */

struct tok {
	enum sk_sql_token_kind kind;
	const char *s;
	size_t len;
	int depth; /* parentheses around the token; a '(' and its ')' have the outer depth */
};

struct toks {
	struct tok *v;
	size_t n;
};

static int tokenize(struct toks *out, struct sk_arena *a, const char *sql, struct sk_error *err)
{
	struct sk_sql_lexer lx;
	struct sk_sql_token t;
	size_t alloc = 0;
	int depth = 0, rc;

	out->v = NULL;
	out->n = 0;
	sk_sql_lexer_init(&lx, sql, strlen(sql), SK_SQL_SQLITE);
	while ((rc = sk_sql_lexer_token(&lx, &t, err)) > 0) {
		struct tok *k;

		if (t.kind == SK_TOK_SPACE || t.kind == SK_TOK_LINE_COMMENT || t.kind == SK_TOK_BLOCK_COMMENT)
			continue;
		if (t.kind == SK_TOK_PUNCT && t.len == 1 && *t.start == ')' && depth > 0)
			depth--;
		k = PUSH(a, out->v, out->n, alloc);
		k->kind = t.kind;
		k->s = t.start;
		k->len = t.len;
		k->depth = depth;
		if (t.kind == SK_TOK_PUNCT && t.len == 1 && *t.start == '(')
			depth++;
	}
	return rc;
}

static bool is_kw(const struct toks *ts, size_t i, size_t end, const char *kw)
{
	const struct tok *t;
	size_t n = strlen(kw);

	if (i >= end || i >= ts->n)
		return false;
	t = &ts->v[i];
	if (t->kind != SK_TOK_WORD || t->len != n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (ascii_lower((unsigned char)t->s[k]) != ascii_lower((unsigned char)kw[k]))
			return false;
	return true;
}

static bool is_punct(const struct toks *ts, size_t i, size_t end, char c)
{
	return i < end && i < ts->n && ts->v[i].kind == SK_TOK_PUNCT && ts->v[i].len == 1 &&
	       ts->v[i].s[0] == c;
}

/* The ')' closing the '(' at i, or end when unbalanced. */
static size_t match_paren(const struct toks *ts, size_t i, size_t end)
{
	int d = ts->v[i].depth;

	for (size_t j = i + 1; j < end; j++)
		if (ts->v[j].depth == d && is_punct(ts, j, end, ')'))
			return j;
	return end;
}

/* The first '(' at depth 0 at or after i, or end. */
static size_t first_paren(const struct toks *ts, size_t i, size_t end)
{
	for (; i < end; i++)
		if (ts->v[i].depth == 0 && is_punct(ts, i, end, '('))
			return i;
	return end;
}

/* A name as the parser reads it: "x", [x], `x` and 'x' unquoted. */
static char *tok_ident(struct sk_arena *a, const struct tok *t)
{
	struct sk_buf b = SK_BUF_INIT;
	char q, *s;

	if (t->kind != SK_TOK_QUOTED_IDENT && t->kind != SK_TOK_STRING)
		return sk_arena_strndup(a, t->s, t->len);
	if (t->len < 2)
		return sk_arena_strdup(a, "");
	q = t->s[0] == '[' ? ']' : t->s[0];
	for (size_t i = 1; i + 1 < t->len; i++) {
		sk_buf_addch(&b, t->s[i]);
		if (t->s[i] == q && q != ']' && i + 2 < t->len && t->s[i + 1] == q)
			i++;
	}
	s = sk_arena_strdup(a, b.buf);
	sk_buf_release(&b);
	return s;
}

static bool tok_is_name(const struct tok *t)
{
	return t->kind == SK_TOK_WORD || t->kind == SK_TOK_QUOTED_IDENT || t->kind == SK_TOK_STRING;
}

/* The source text from token i to token j, both included. */
static char *tok_text(struct sk_arena *a, const struct toks *ts, size_t i, size_t j)
{
	if (i > j || j >= ts->n)
		return sk_arena_strdup(a, "");
	return sk_arena_strndup(a, ts->v[i].s, (size_t)(ts->v[j].s + ts->v[j].len - ts->v[i].s));
}

/* The first name of each comma-separated element inside the parentheses
 * open..close: "(a COLLATE nocase, b DESC)" gives a, b. */
static const char **col_list(struct sk_arena *a, const struct toks *ts, size_t open, size_t close,
                             size_t *n_out)
{
	const char **v = NULL;
	size_t n = 0, alloc = 0;
	int d = ts->v[open].depth + 1;
	bool want = true;

	for (size_t i = open + 1; i < close; i++) {
		if (ts->v[i].depth != d)
			continue;
		if (is_punct(ts, i, close, ',')) {
			want = true;
		} else if (want) {
			*PUSH(a, v, n, alloc) = tok_ident(a, &ts->v[i]);
			want = false;
		}
	}
	*n_out = n;
	return v;
}

/* ---- CREATE TABLE ------------------------------------------------------ */

struct pcol {
	const char *name;
	const char *gen_expr;  /* or NULL */
	const char *collation; /* or NULL */
};

struct punique {
	const char *name; /* "" when unnamed */
	const char **cols;
	size_t ncols;
	bool used;
};

struct pcheck {
	const char *name;
	const char *expr;
};

struct pfk {
	const char *name;
	const char **from;
	size_t nfrom;
	const char *table;
	char match; /* f, p, s: PRAGMA foreign_key_list always says NONE */
	bool deferrable, deferred, used;
};

struct ptable {
	bool is_virtual, without_rowid, strict, autoincrement;
	const char *pk_name;
	struct pcol *cols;
	size_t ncols, acols;
	struct punique *uniques;
	size_t nuniques, auniques;
	struct pcheck *checks;
	size_t nchecks, achecks;
	struct pfk *fks;
	size_t nfks, afks;
};

/* REFERENCES table [(cols)] [ON ... | MATCH x | [NOT] DEFERRABLE [INITIALLY ...]]...
 * starting at the REFERENCES token; returns the index after the clause. */
static size_t parse_references(struct pfk *fk, struct sk_arena *a, const struct toks *ts, size_t i,
                               size_t end)
{
	int d = ts->v[i].depth;

	i++;
	if (i < end && tok_is_name(&ts->v[i]))
		fk->table = tok_ident(a, &ts->v[i++]);
	if (is_punct(ts, i, end, '('))
		i = match_paren(ts, i, end) + 1;
	while (i < end && ts->v[i].depth == d) {
		if (is_kw(ts, i, end, "ON")) {
			i += 2; /* ON DELETE|UPDATE */
			i += (is_kw(ts, i, end, "SET") || is_kw(ts, i, end, "NO")) ? 2 : 1;
		} else if (is_kw(ts, i, end, "MATCH")) {
			fk->match = is_kw(ts, i + 1, end, "FULL")      ? 'f'
			            : is_kw(ts, i + 1, end, "PARTIAL") ? 'p'
			                                               : 's';
			i += 2;
		} else if (is_kw(ts, i, end, "NOT") && is_kw(ts, i + 1, end, "DEFERRABLE")) {
			/* SQLite: NOT DEFERRABLE is never deferred, whatever INITIALLY says */
			fk->deferrable = false;
			fk->deferred = false;
			i += 2;
			if (is_kw(ts, i, end, "INITIALLY"))
				i += 2;
		} else if (is_kw(ts, i, end, "DEFERRABLE")) {
			fk->deferrable = true;
			fk->deferred = false;
			i++;
			if (is_kw(ts, i, end, "INITIALLY")) {
				fk->deferred = is_kw(ts, i + 1, end, "DEFERRED");
				i += 2;
			}
		} else {
			break;
		}
	}
	return i;
}

static void add_unique(struct ptable *pt, struct sk_arena *a, const char *name, const char **cols,
                       size_t ncols)
{
	struct punique *u = PUSH(a, pt->uniques, pt->nuniques, pt->auniques);

	u->name = name ? name : "";
	u->cols = cols;
	u->ncols = ncols;
}

static void add_check(struct ptable *pt, struct sk_arena *a, const char *name, const struct toks *ts,
                      size_t open, size_t close)
{
	struct pcheck *c = PUSH(a, pt->checks, pt->nchecks, pt->achecks);

	c->name = name ? name : "";
	c->expr = close > open + 1 ? tok_text(a, ts, open + 1, close - 1) : "";
}

/* One column definition: tokens [b, e) at depth d. */
static void parse_column(struct ptable *pt, struct sk_arena *a, const struct toks *ts, size_t b, size_t e,
                         int d)
{
	struct pcol *c = PUSH(a, pt->cols, pt->ncols, pt->acols);
	const char *pending = NULL; /* CONSTRAINT name, for the next constraint */

	c->name = tok_ident(a, &ts->v[b]);
	for (size_t i = b + 1; i < e; i++) {
		if (ts->v[i].depth != d)
			continue;
		if (is_kw(ts, i, e, "CONSTRAINT") && i + 1 < e) {
			pending = tok_ident(a, &ts->v[++i]);
		} else if (is_kw(ts, i, e, "PRIMARY")) {
			if (pending)
				pt->pk_name = pending;
			pending = NULL;
		} else if (is_kw(ts, i, e, "AUTOINCREMENT")) {
			pt->autoincrement = true;
		} else if (is_kw(ts, i, e, "UNIQUE")) {
			const char **cols = sk_arena_calloc(a, 1, sizeof(*cols));

			cols[0] = c->name;
			add_unique(pt, a, pending, cols, 1);
			pending = NULL;
		} else if (is_kw(ts, i, e, "CHECK") && is_punct(ts, i + 1, e, '(')) {
			size_t close = match_paren(ts, i + 1, e);

			add_check(pt, a, pending, ts, i + 1, close);
			pending = NULL;
			i = close;
		} else if (is_kw(ts, i, e, "REFERENCES")) {
			struct pfk *fk = PUSH(a, pt->fks, pt->nfks, pt->afks);

			fk->name = pending ? pending : "";
			fk->from = sk_arena_calloc(a, 1, sizeof(*fk->from));
			fk->from[0] = c->name;
			fk->nfrom = 1;
			i = parse_references(fk, a, ts, i, e) - 1;
			pending = NULL;
		} else if (is_kw(ts, i, e, "AS") && is_punct(ts, i + 1, e, '(')) {
			size_t close = match_paren(ts, i + 1, e);

			c->gen_expr = close > i + 2 ? tok_text(a, ts, i + 2, close - 1) : "";
			pending = NULL;
			i = close;
		} else if (is_kw(ts, i, e, "COLLATE") && i + 1 < e) {
			c->collation = tok_ident(a, &ts->v[++i]);
			pending = NULL;
		} else if (is_kw(ts, i, e, "NOT") || is_kw(ts, i, e, "NULL") || is_kw(ts, i, e, "DEFAULT") ||
		           is_kw(ts, i, e, "GENERATED")) {
			pending = NULL;
		}
	}
}

/* Table constraints: tokens [b, e) at depth d (SQLite accepts several
 * without commas between them). */
static void parse_table_constraints(struct ptable *pt, struct sk_arena *a, const struct toks *ts, size_t b,
                                    size_t e, int d)
{
	const char *pending = NULL;

	for (size_t i = b; i < e; i++) {
		if (ts->v[i].depth != d)
			continue;
		if (is_kw(ts, i, e, "CONSTRAINT") && i + 1 < e) {
			pending = tok_ident(a, &ts->v[++i]);
		} else if (is_kw(ts, i, e, "PRIMARY")) {
			if (pending)
				pt->pk_name = pending;
			pending = NULL;
			/* PRIMARY KEY (id AUTOINCREMENT) */
			if (is_kw(ts, i + 1, e, "KEY") && is_punct(ts, i + 2, e, '(')) {
				size_t close = match_paren(ts, i + 2, e);

				for (size_t j = i + 3; j < close; j++)
					if (is_kw(ts, j, close, "AUTOINCREMENT"))
						pt->autoincrement = true;
				i = close;
			}
		} else if (is_kw(ts, i, e, "UNIQUE") && is_punct(ts, i + 1, e, '(')) {
			size_t close = match_paren(ts, i + 1, e), n;
			const char **cols = col_list(a, ts, i + 1, close, &n);

			add_unique(pt, a, pending, cols, n);
			pending = NULL;
			i = close;
		} else if (is_kw(ts, i, e, "CHECK") && is_punct(ts, i + 1, e, '(')) {
			size_t close = match_paren(ts, i + 1, e);

			add_check(pt, a, pending, ts, i + 1, close);
			pending = NULL;
			i = close;
		} else if (is_kw(ts, i, e, "FOREIGN") && is_kw(ts, i + 1, e, "KEY") &&
		           is_punct(ts, i + 2, e, '(')) {
			size_t close = match_paren(ts, i + 2, e);
			struct pfk *fk = PUSH(a, pt->fks, pt->nfks, pt->afks);

			fk->name = pending ? pending : "";
			fk->from = col_list(a, ts, i + 2, close, &fk->nfrom);
			i = close + 1;
			if (is_kw(ts, i, e, "REFERENCES"))
				i = parse_references(fk, a, ts, i, e) - 1;
			pending = NULL;
		}
	}
}

static bool starts_table_constraint(const struct toks *ts, size_t i, size_t e)
{
	return is_kw(ts, i, e, "CONSTRAINT") || is_kw(ts, i, e, "PRIMARY") || is_kw(ts, i, e, "UNIQUE") ||
	       is_kw(ts, i, e, "CHECK") || is_kw(ts, i, e, "FOREIGN");
}

static int parse_table(struct ptable *pt, struct sk_arena *a, const char *sql, struct sk_error *err)
{
	struct toks ts;
	size_t open, close, item;
	int rc;

	memset(pt, 0, sizeof(*pt));
	rc = tokenize(&ts, a, sql, err);
	if (rc < 0)
		return rc;
	if (is_kw(&ts, 1, ts.n, "VIRTUAL")) {
		pt->is_virtual = true;
		return 0;
	}
	open = first_paren(&ts, 0, ts.n);
	if (open == ts.n)
		return 0;
	close = match_paren(&ts, open, ts.n);
	item = open + 1;
	for (size_t i = open + 1; i <= close && i < ts.n; i++) {
		if (i < close && !(ts.v[i].depth == 1 && is_punct(&ts, i, close, ',')))
			continue;
		if (item < i) {
			if (starts_table_constraint(&ts, item, i))
				parse_table_constraints(pt, a, &ts, item, i, 1);
			else
				parse_column(pt, a, &ts, item, i, 1);
		}
		item = i + 1;
	}
	for (size_t i = close + 1; i < ts.n; i++) {
		if (is_kw(&ts, i, ts.n, "WITHOUT") && is_kw(&ts, i + 1, ts.n, "ROWID"))
			pt->without_rowid = true;
		else if (is_kw(&ts, i, ts.n, "STRICT"))
			pt->strict = true;
	}
	return 0;
}

/* ---- CREATE INDEX ------------------------------------------------------ */

struct pindex {
	const char **exprs; /* the text of each indexed term, ASC/DESC and COLLATE removed */
	size_t nexprs;
	const char *predicate; /* or NULL */
};

static int parse_index(struct pindex *pi, struct sk_arena *a, const char *sql, struct sk_error *err)
{
	struct toks ts;
	size_t open, close, item, alloc = 0;
	int rc;

	memset(pi, 0, sizeof(*pi));
	rc = tokenize(&ts, a, sql, err);
	if (rc < 0)
		return rc;
	open = first_paren(&ts, 0, ts.n);
	if (open == ts.n)
		return 0;
	close = match_paren(&ts, open, ts.n);
	item = open + 1;
	for (size_t i = open + 1; i <= close && i < ts.n; i++) {
		size_t last;

		if (i < close && !(ts.v[i].depth == 1 && is_punct(&ts, i, close, ',')))
			continue;
		last = i;
		if (item < last && (is_kw(&ts, last - 1, i, "ASC") || is_kw(&ts, last - 1, i, "DESC")))
			last--;
		if (item + 1 < last && is_kw(&ts, last - 2, i, "COLLATE"))
			last -= 2;
		*PUSH(a, pi->exprs, pi->nexprs, alloc) = item < last ? tok_text(a, &ts, item, last - 1) : "";
		item = i + 1;
	}
	for (size_t i = close + 1; i < ts.n; i++) {
		if (ts.v[i].depth == 0 && is_kw(&ts, i, ts.n, "WHERE") && i + 1 < ts.n) {
			pi->predicate = tok_text(a, &ts, i + 1, ts.n - 1);
			break;
		}
	}
	return 0;
}

/* ---- reading ----------------------------------------------------------- */

/* A table under construction: the model's struct plus what was parsed and
 * the growing lists. */
struct tbuild {
	struct ptable p;
	struct sk_column *cols;
	size_t ncols, acols;
	int *pk; /* per column: its place in the primary key (1-based), or 0 */
	size_t npk, apk;
	struct sk_constraint *cons;
	size_t ncons, acons;
	struct sk_index *idx;
	size_t nidx, aidx;
	struct sk_trigger *trg;
	size_t ntrg, atrg;
};

struct vbuild {
	struct sk_column *cols;
	size_t ncols, acols;
	struct sk_trigger *trg;
	size_t ntrg, atrg;
	struct sk_ref *deps;
	size_t ndeps, adeps;
};

struct reader {
	struct sk_model *m;
	struct sk_db *db;
	struct sk_arena tmp;
	struct sk_table *tables; /* in strcmp order of name (sqlite_schema ORDER BY name) */
	struct tbuild *tb;
	size_t ntables;
	struct sk_view *views;
	struct vbuild *vb;
	size_t nviews;
};

static int cmp_table_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct sk_table *)elem)->name);
}

static int cmp_view_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct sk_view *)elem)->name);
}

/* By exact name (the names PRAGMA joins return). */
static long table_at(const struct reader *r, const char *name)
{
	const struct sk_table *t;

	if (!name || !r->ntables)
		return -1;
	t = bsearch(name, r->tables, r->ntables, sizeof(*r->tables), cmp_table_name);
	return t ? (long)(t - r->tables) : -1;
}

static long view_at(const struct reader *r, const char *name)
{
	const struct sk_view *v;

	if (!name || !r->nviews)
		return -1;
	v = bsearch(name, r->views, r->nviews, sizeof(*r->views), cmp_view_name);
	return v ? (long)(v - r->views) : -1;
}

/* By name as a statement spells it (case-insensitive, as SQLite resolves it). */
static long table_named(const struct reader *r, const char *name)
{
	long i = table_at(r, name);

	for (size_t k = 0; i < 0 && name && k < r->ntables; k++)
		if (name_eq(r->tables[k].name, name))
			i = (long)k;
	return i;
}

static long view_named(const struct reader *r, const char *name)
{
	long i = view_at(r, name);

	for (size_t k = 0; i < 0 && name && k < r->nviews; k++)
		if (name_eq(r->views[k].name, name))
			i = (long)k;
	return i;
}

static int query(struct reader *r, struct sk_rows *out, const char *sql, struct sk_error *err)
{
	int rc = sk_db_query(r->db, out, sql, 0, NULL, err);

	if (rc)
		sk_error_prefix(err, "reading the schema of \"%s\"", sk_db_name(r->db));
	return rc;
}

/* Names of user objects: not SQLite's own (sqlite_sequence, sqlite_stat1,
 * sqlite_autoindex_*), which it forbids users to create. */
#define USER_NAME(col) col " NOT LIKE 'sqlite\\_%' ESCAPE '\\'"

static int read_objects(struct reader *r, struct sk_rows *objs, const struct sk_introspect_opts *opts,
                        struct sk_error *err)
{
	/* pragma_table_list (3.37) tells the shadow tables of virtual tables
	 * apart: the virtual table creates them, so they are not ours. */
	const char *sql =
	        sk_db_server_version(r->db) >= 3037000
	                /* pragma_table_list(name) scans every table to find
	                 * one, so it is read once, not once per row. */
	                ? "WITH tl AS MATERIALIZED (SELECT name, type FROM pragma_table_list WHERE schema = 'main')"
	                  " SELECT m.type, m.name, m.tbl_name, m.sql, tl.type FROM sqlite_schema m"
	                  " LEFT JOIN tl ON m.type = 'table' AND tl.name = m.name"
	                  " WHERE " USER_NAME("m.name") " ORDER BY m.name"
	                : "SELECT m.type, m.name, m.tbl_name, m.sql, NULL FROM sqlite_schema m"
	                  " WHERE " USER_NAME("m.name") " ORDER BY m.name";
	size_t nt = 0, nv = 0;
	int rc = query(r, objs, sql, err);

	if (rc)
		return rc;
	for (size_t i = 0; i < objs->nrows; i++) {
		const char *type = sk_rows_get(objs, i, 0), *name = sk_rows_get(objs, i, 1);
		const char *tl = sk_rows_get(objs, i, 4);

		if (!strcmp(type, "table") && !(tl && !strcmp(tl, "shadow")) &&
		    (opts->include_history || strcmp(name, HISTORY_TABLE)))
			nt++;
		else if (!strcmp(type, "view"))
			nv++;
	}
	r->tables = sk_arena_calloc(&r->m->arena, nt ? nt : 1, sizeof(*r->tables));
	r->tb = sk_arena_calloc(&r->tmp, nt ? nt : 1, sizeof(*r->tb));
	r->views = sk_arena_calloc(&r->m->arena, nv ? nv : 1, sizeof(*r->views));
	r->vb = sk_arena_calloc(&r->tmp, nv ? nv : 1, sizeof(*r->vb));
	for (size_t i = 0; i < objs->nrows; i++) {
		const char *type = sk_rows_get(objs, i, 0), *name = sk_rows_get(objs, i, 1);
		const char *sqltext = sk_rows_get(objs, i, 3), *tl = sk_rows_get(objs, i, 4);

		if (!strcmp(type, "table") && !(tl && !strcmp(tl, "shadow")) &&
		    (opts->include_history || strcmp(name, HISTORY_TABLE))) {
			struct sk_table *t = &r->tables[r->ntables];
			struct tbuild *b = &r->tb[r->ntables++];

			t->schema = "main";
			t->name = sk_arena_strdup(&r->m->arena, name);
			t->sql = sk_arena_strdup(&r->m->arena, sqltext ? sqltext : "");
			rc = parse_table(&b->p, &r->tmp, t->sql, err);
			if (rc) {
				sk_error_prefix(err, "table \"%s\"", name);
				return rc;
			}
			t->without_rowid = b->p.without_rowid;
			t->strict = b->p.strict;
			t->autoincrement = b->p.autoincrement;
		} else if (!strcmp(type, "view")) {
			struct sk_view *v = &r->views[r->nviews++];

			v->schema = "main";
			v->name = sk_arena_strdup(&r->m->arena, name);
			v->definition = sk_arena_strdup(&r->m->arena, sqltext ? sqltext : "");
		}
	}
	return 0;
}

static const struct pcol *parsed_column(const struct ptable *p, const char *name)
{
	for (size_t i = 0; i < p->ncols; i++)
		if (name_eq(p->cols[i].name, name))
			return &p->cols[i];
	return NULL;
}

/* Rows: owner name, cid, name, type, notnull, dflt_value, pk, hidden. */
static void add_columns(struct reader *r, const struct sk_rows *rows, bool views)
{
	for (size_t i = 0; i < rows->nrows; i++) {
		const char *owner = sk_rows_get(rows, i, 0);
		const char *name = sk_rows_get(rows, i, 2), *type = sk_rows_get(rows, i, 3);
		const char *dflt = sk_rows_get(rows, i, 5), *hidden = sk_rows_get(rows, i, 7);
		int hid = hidden ? atoi(hidden) : 0;
		long k = views ? view_at(r, owner) : table_at(r, owner);
		struct sk_column *c;

		if (k < 0 || hid == 1) /* hidden columns of virtual tables are not data */
			continue;
		if (views) {
			struct vbuild *b = &r->vb[k];
			c = PUSH(&r->tmp, b->cols, b->ncols, b->acols);
			c->position = (int)b->ncols;
		} else {
			struct tbuild *b = &r->tb[k];
			const struct pcol *pc;

			c = PUSH(&r->tmp, b->cols, b->ncols, b->acols);
			c->position = (int)b->ncols;
			*PUSH(&r->tmp, b->pk, b->npk, b->apk) =
			        sk_rows_get(rows, i, 6) ? atoi(sk_rows_get(rows, i, 6)) : 0;
			pc = parsed_column(&b->p, name ? name : "");
			if (pc && pc->collation)
				c->collation = sk_arena_strdup(&r->m->arena, pc->collation);
			if (hid == 2 || hid == 3) {
				c->generated_expr =
				        sk_arena_strdup(&r->m->arena, pc && pc->gen_expr ? pc->gen_expr : "");
				c->generated_stored = hid == 3;
			}
		}
		c->name = sk_arena_strdup(&r->m->arena, name ? name : "");
		c->type = sk_arena_strdup(&r->m->arena, type ? type : "");
		c->not_null = sk_rows_get(rows, i, 4) && atoi(sk_rows_get(rows, i, 4)) != 0;
		c->default_expr = sk_arena_strdup(&r->m->arena, dflt);
		c->identity = SK_IDENTITY_NONE;
	}
}

static void add_ident_list(struct sk_buf *b, const char *const *v, size_t n)
{
	sk_buf_addch(b, '(');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sk_buf_adds(b, ", ");
		sk_db_quote_ident(b, SK_DIALECT_SQLITE, v[i]);
	}
	sk_buf_addch(b, ')');
}

/* The primary key's columns of table k, in key order, in the tmp arena. */
static const char **pk_columns(struct reader *r, size_t k, size_t *n_out)
{
	const struct tbuild *b = &r->tb[k];
	const char **v;
	size_t n = 0;

	for (size_t i = 0; i < b->npk; i++)
		if (b->pk[i] > 0)
			n++;
	v = sk_arena_calloc(&r->tmp, n ? n : 1, sizeof(*v));
	for (size_t i = 0; i < b->npk; i++)
		if (b->pk[i] > 0 && (size_t)b->pk[i] <= n)
			v[b->pk[i] - 1] = b->cols[i].name;
	for (size_t i = 0; i < n; i++)
		if (!v[i])
			v[i] = "";
	*n_out = n;
	return v;
}

static void add_primary_and_checks(struct reader *r, size_t k)
{
	struct tbuild *b = &r->tb[k];
	struct sk_buf def = SK_BUF_INIT;
	size_t n;
	const char **cols = pk_columns(r, k, &n);

	if (n) {
		struct sk_constraint *c = PUSH(&r->tmp, b->cons, b->ncons, b->acons);

		c->name = sk_arena_strdup(&r->m->arena, b->p.pk_name ? b->p.pk_name : "");
		c->kind = SK_CON_PRIMARY;
		c->columns = strs_dup(&r->m->arena, cols, n);
		c->ncolumns = n;
		sk_buf_adds(&def, "PRIMARY KEY ");
		add_ident_list(&def, cols, n);
		c->definition = sk_arena_strdup(&r->m->arena, def.buf);
	}
	for (size_t i = 0; i < b->p.nchecks; i++) {
		struct sk_constraint *c = PUSH(&r->tmp, b->cons, b->ncons, b->acons);

		sk_buf_reset(&def);
		sk_buf_addf(&def, "CHECK (%s)", b->p.checks[i].expr);
		c->name = sk_arena_strdup(&r->m->arena, b->p.checks[i].name);
		c->kind = SK_CON_CHECK;
		c->definition = sk_arena_strdup(&r->m->arena, def.buf);
	}
	sk_buf_release(&def);
}

static char fk_action(const char *s)
{
	if (!s)
		return 'a';
	if (name_eq(s, "RESTRICT"))
		return 'r';
	if (name_eq(s, "CASCADE"))
		return 'c';
	if (name_eq(s, "SET NULL"))
		return 'n';
	if (name_eq(s, "SET DEFAULT"))
		return 'd';
	return 'a';
}

static const char *fk_action_sql(char a)
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

static bool same_names(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!name_eq(a[i], b[i]))
			return false;
	return true;
}

/* The parsed REFERENCES clause a PRAGMA foreign key came from: same columns
 * and target; the PRAGMA lists them last declared first, so the last unused
 * one wins. */
static struct pfk *parsed_fk(struct ptable *p, const char *const *from, size_t nfrom, const char *table)
{
	for (size_t i = p->nfks; i-- > 0;) {
		struct pfk *f = &p->fks[i];

		if (!f->used && f->table && name_eq(f->table, table) &&
		    same_names(f->from, f->nfrom, from, nfrom)) {
			f->used = true;
			return f;
		}
	}
	return NULL;
}

/* One foreign key: rows [b, e) of the PRAGMA query (same table and id). */
static void add_foreign_key(struct reader *r, size_t k, const struct sk_rows *rows, size_t b, size_t e)
{
	struct tbuild *tb = &r->tb[k];
	struct sk_arena *ma = &r->m->arena;
	struct sk_constraint *c = PUSH(&r->tmp, tb->cons, tb->ncons, tb->acons);
	const char *target = sk_rows_get(rows, b, 3);
	long parent = table_named(r, target);
	const char **from = sk_arena_calloc(&r->tmp, e - b, sizeof(*from));
	const char **to = sk_arena_calloc(&r->tmp, e - b, sizeof(*to));
	size_t nto = 0;
	const char *upd, *del;
	struct pfk *pf;
	struct sk_buf def = SK_BUF_INIT;

	for (size_t i = b; i < e; i++) {
		const char *f = sk_rows_get(rows, i, 4), *t = sk_rows_get(rows, i, 5);

		from[i - b] = f ? f : "";
		if (t) {
			const struct sk_column *pc = NULL;

			for (size_t j = 0; parent >= 0 && j < r->tb[parent].ncols && !pc; j++)
				if (name_eq(r->tb[parent].cols[j].name, t))
					pc = &r->tb[parent].cols[j];
			to[nto++] = pc ? pc->name : t;
		}
	}
	/* REFERENCES parent without columns means the parent's primary key */
	if (nto == 0 && parent >= 0)
		to = pk_columns(r, (size_t)parent, &nto);
	pf = parsed_fk(&tb->p, from, e - b, target ? target : "");

	c->kind = SK_CON_FOREIGN;
	c->name = sk_arena_strdup(ma, pf ? pf->name : "");
	c->columns = strs_dup(ma, from, e - b);
	c->ncolumns = e - b;
	c->ref_schema = "main";
	c->ref_table = sk_arena_strdup(ma, parent >= 0 ? r->tables[parent].name : (target ? target : ""));
	c->ref_columns = strs_dup(ma, to, nto);
	c->nref_columns = nto;
	c->on_update = fk_action(sk_rows_get(rows, b, 6));
	c->on_delete = fk_action(sk_rows_get(rows, b, 7));
	c->match = pf && pf->match ? pf->match : 's';
	c->deferrable = pf && pf->deferrable;
	c->deferred = pf && pf->deferred;

	sk_buf_adds(&def, "FOREIGN KEY ");
	add_ident_list(&def, c->columns, c->ncolumns);
	sk_buf_adds(&def, " REFERENCES ");
	sk_db_quote_ident(&def, SK_DIALECT_SQLITE, c->ref_table);
	if (nto)
		add_ident_list(&def, c->ref_columns, nto);
	if (c->match == 'f')
		sk_buf_adds(&def, " MATCH FULL");
	else if (c->match == 'p')
		sk_buf_adds(&def, " MATCH PARTIAL");
	upd = fk_action_sql(c->on_update);
	del = fk_action_sql(c->on_delete);
	if (upd)
		sk_buf_addf(&def, " ON UPDATE %s", upd);
	if (del)
		sk_buf_addf(&def, " ON DELETE %s", del);
	if (c->deferrable)
		sk_buf_adds(&def, c->deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE");
	c->definition = sk_arena_strdup(ma, def.buf);
	sk_buf_release(&def);
}

/* Rows: table, id, seq, table, from, to, on_update, on_delete, match;
 * ordered by table, id, seq. */
static void add_foreign_keys(struct reader *r, const struct sk_rows *rows)
{
	for (size_t b = 0, e; b < rows->nrows; b = e) {
		const char *owner = sk_rows_get(rows, b, 0), *id = sk_rows_get(rows, b, 1);
		long k = table_at(r, owner);

		for (e = b + 1; e < rows->nrows && !strcmp(sk_rows_get(rows, e, 0), owner) &&
		                !strcmp(sk_rows_get(rows, e, 1), id);
		     e++)
			;
		if (k >= 0)
			add_foreign_key(r, (size_t)k, rows, b, e);
	}
}

/* The sqlite_schema row of an object by exact name (objs is ordered by name). */
static const char *object_sql(const struct sk_rows *objs, const char *name)
{
	size_t lo = 0, hi = objs->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(sk_rows_get(objs, mid, 1), name);

		if (!c)
			return sk_rows_get(objs, mid, 3);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A unique constraint: rows [b, e) of one index with origin 'u'. */
static void add_unique_constraint(struct reader *r, size_t k, const struct sk_rows *rows, size_t b, size_t e)
{
	struct tbuild *tb = &r->tb[k];
	struct sk_constraint *c = PUSH(&r->tmp, tb->cons, tb->ncons, tb->acons);
	const char **cols = sk_arena_calloc(&r->tmp, e - b, sizeof(*cols));
	size_t n = 0;
	struct punique *pu = NULL;
	struct sk_buf def = SK_BUF_INIT;

	for (size_t i = b; i < e; i++) {
		const char *key = sk_rows_get(rows, i, 10), *name = sk_rows_get(rows, i, 7);
		if (key && atoi(key) == 1)
			cols[n++] = name ? name : "";
	}
	for (size_t i = 0; i < tb->p.nuniques && !pu; i++)
		if (!tb->p.uniques[i].used &&
		    same_names(tb->p.uniques[i].cols, tb->p.uniques[i].ncols, cols, n))
			pu = &tb->p.uniques[i];
	if (pu)
		pu->used = true;
	c->kind = SK_CON_UNIQUE;
	c->name = sk_arena_strdup(&r->m->arena, pu ? pu->name : "");
	c->columns = strs_dup(&r->m->arena, cols, n);
	c->ncolumns = n;
	sk_buf_adds(&def, "UNIQUE ");
	add_ident_list(&def, cols, n);
	c->definition = sk_arena_strdup(&r->m->arena, def.buf);
	sk_buf_release(&def);
}

/* An explicit index: rows [b, e) of one index with origin 'c'. */
static int add_index(struct reader *r, size_t k, const struct sk_rows *objs, const struct sk_rows *rows,
                     size_t b, size_t e, struct sk_error *err)
{
	struct tbuild *tb = &r->tb[k];
	struct sk_arena *ma = &r->m->arena;
	const char *name = sk_rows_get(rows, b, 1);
	const char *sql = object_sql(objs, name);
	struct sk_index *ix;
	struct pindex pi;
	size_t n = 0;
	int rc;

	if (!sql)
		return 0; /* not in sqlite_schema: nothing we could write */
	rc = parse_index(&pi, &r->tmp, sql, err);
	if (rc) {
		sk_error_prefix(err, "index \"%s\"", name);
		return rc;
	}
	ix = PUSH(&r->tmp, tb->idx, tb->nidx, tb->aidx);
	ix->name = sk_arena_strdup(ma, name);
	ix->definition = sk_arena_strdup(ma, sql);
	ix->unique = sk_rows_get(rows, b, 2) && atoi(sk_rows_get(rows, b, 2)) != 0;
	ix->method = "";
	ix->predicate = sk_arena_strdup(ma, pi.predicate);
	ix->keys = sk_arena_calloc(ma, e - b, sizeof(*ix->keys));
	for (size_t i = b; i < e; i++) {
		const char *seqno = sk_rows_get(rows, i, 5), *cid = sk_rows_get(rows, i, 6);
		const char *col = sk_rows_get(rows, i, 7), *key = sk_rows_get(rows, i, 10);
		size_t s = seqno ? (size_t)atol(seqno) : 0;

		if (!key || atoi(key) != 1)
			continue;
		if (col && cid && atoi(cid) >= 0)
			ix->keys[n++] = sk_arena_strdup(ma, col);
		else /* an expression: its text as written */
			ix->keys[n++] = sk_arena_strdup(ma, s < pi.nexprs ? pi.exprs[s] : "");
	}
	ix->nkeys = n;
	return 0;
}

/* Rows: table, index, unique, origin, partial, seqno, cid, name, desc, coll,
 * key; ordered by table, index, seqno. */
static int add_indexes(struct reader *r, const struct sk_rows *objs, const struct sk_rows *rows,
                       struct sk_error *err)
{
	for (size_t b = 0, e; b < rows->nrows; b = e) {
		const char *owner = sk_rows_get(rows, b, 0), *name = sk_rows_get(rows, b, 1);
		const char *origin = sk_rows_get(rows, b, 3);
		long k = table_at(r, owner);
		int rc = 0;

		for (e = b + 1; e < rows->nrows && !strcmp(sk_rows_get(rows, e, 0), owner) &&
		                !strcmp(sk_rows_get(rows, e, 1), name);
		     e++)
			;
		if (k < 0 || !origin)
			continue;
		/* 'pk' indexes back the primary key, read from table_xinfo */
		if (!strcmp(origin, "u"))
			add_unique_constraint(r, (size_t)k, rows, b, e);
		else if (!strcmp(origin, "c"))
			rc = add_index(r, (size_t)k, objs, rows, b, e, err);
		if (rc)
			return rc;
	}
	return 0;
}

static void add_triggers(struct reader *r, const struct sk_rows *objs)
{
	for (size_t i = 0; i < objs->nrows; i++) {
		const char *type = sk_rows_get(objs, i, 0), *name = sk_rows_get(objs, i, 1);
		const char *on = sk_rows_get(objs, i, 2), *sql = sk_rows_get(objs, i, 3);
		struct sk_trigger *t;
		long k;

		if (strcmp(type, "trigger") || !sql)
			continue;
		if ((k = table_named(r, on)) >= 0) {
			struct tbuild *b = &r->tb[k];
			t = PUSH(&r->tmp, b->trg, b->ntrg, b->atrg);
		} else if ((k = view_named(r, on)) >= 0) {
			struct vbuild *b = &r->vb[k];
			t = PUSH(&r->tmp, b->trg, b->ntrg, b->atrg);
		} else {
			continue; /* on a table we leave out (the history table) */
		}
		t->name = sk_arena_strdup(&r->m->arena, name);
		t->definition = sk_arena_strdup(&r->m->arena, sql);
	}
}

static void add_dep(struct reader *r, struct vbuild *b, enum sk_obj_kind kind, const char *name)
{
	struct sk_ref *d;

	for (size_t i = 0; i < b->ndeps; i++)
		if (b->deps[i].kind == kind && !strcmp(b->deps[i].name, name))
			return;
	d = PUSH(&r->tmp, b->deps, b->ndeps, b->adeps);
	d->kind = kind;
	d->schema = "main";
	d->name = name;
}

/* What a view reads: every name in its query that is a table or another
 * view of the model. A name that is only a column or an alias may add a
 * dependency that is not needed, never miss one that is. */
static int view_deps(struct reader *r, size_t k, struct sk_error *err)
{
	struct sk_view *v = &r->views[k];
	struct toks ts;
	size_t i = 0;
	int rc = tokenize(&ts, &r->tmp, v->definition, err);

	if (rc < 0) {
		sk_error_prefix(err, "view \"%s\"", v->name);
		return rc;
	}
	/* skip CREATE VIEW name [(columns)] AS */
	while (i < ts.n && !(ts.v[i].depth == 0 && is_kw(&ts, i, ts.n, "AS")))
		i++;
	for (; i < ts.n; i++) {
		const char *name;
		long t;

		if (ts.v[i].kind != SK_TOK_WORD && ts.v[i].kind != SK_TOK_QUOTED_IDENT)
			continue;
		name = tok_ident(&r->tmp, &ts.v[i]);
		if ((t = table_named(r, name)) >= 0)
			add_dep(r, &r->vb[k], SK_OBJ_TABLE, r->tables[t].name);
		else if ((t = view_named(r, name)) >= 0 && (size_t)t != k)
			add_dep(r, &r->vb[k], SK_OBJ_VIEW, r->views[t].name);
	}
	return 0;
}

#define COLUMNS_QUERY(type)                                                                                  \
	"SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden"                  \
	" FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p WHERE m.type = '" type                      \
	"' AND " USER_NAME("m.name") " ORDER BY m.name, p.cid"

/* View columns in one query; a view whose query no longer compiles (it
 * reads a dropped table) makes that fail, and then each view is asked
 * alone and the broken ones keep no columns. */
static void read_view_columns(struct reader *r)
{
	struct sk_rows rows = SK_ROWS_INIT;
	struct sk_error ignored = SK_ERROR_INIT;
	int rc = sk_db_query(r->db, &rows, COLUMNS_QUERY("view"), 0, NULL, &ignored);

	if (rc == 0) {
		add_columns(r, &rows, true);
		sk_rows_release(&rows);
		return;
	}
	for (size_t k = 0; k < r->nviews; k++) {
		const char *param[1] = {r->views[k].name};

		if (sk_db_query(r->db, &rows,
		                "SELECT $1, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk,"
		                " p.hidden FROM pragma_table_xinfo($1) p ORDER BY p.cid",
		                1, param, &ignored) == 0)
			add_columns(r, &rows, true);
		sk_rows_release(&rows);
	}
}

static void settle_model(struct reader *r)
{
	struct sk_arena *ma = &r->m->arena;

	for (size_t k = 0; k < r->ntables; k++) {
		struct sk_table *t = &r->tables[k];
		struct tbuild *b = &r->tb[k];

		t->columns = settle(ma, b->cols, b->ncols, sizeof(*b->cols));
		t->ncolumns = b->ncols;
		t->constraints = settle(ma, b->cons, b->ncons, sizeof(*b->cons));
		t->nconstraints = b->ncons;
		t->indexes = settle(ma, b->idx, b->nidx, sizeof(*b->idx));
		t->nindexes = b->nidx;
		t->triggers = settle(ma, b->trg, b->ntrg, sizeof(*b->trg));
		t->ntriggers = b->ntrg;
	}
	for (size_t k = 0; k < r->nviews; k++) {
		struct sk_view *v = &r->views[k];
		struct vbuild *b = &r->vb[k];

		v->columns = settle(ma, b->cols, b->ncols, sizeof(*b->cols));
		v->ncolumns = b->ncols;
		v->triggers = settle(ma, b->trg, b->ntrg, sizeof(*b->trg));
		v->ntriggers = b->ntrg;
		v->deps = settle(ma, b->deps, b->ndeps, sizeof(*b->deps));
		v->ndeps = b->ndeps;
	}
	r->m->tables = r->ntables ? r->tables : NULL;
	r->m->ntables = r->ntables;
	r->m->views = r->nviews ? r->views : NULL;
	r->m->nviews = r->nviews;
}

int sk_introspect_sqlite(struct sk_model *m, struct sk_db *db, const struct sk_introspect_opts *opts,
                         struct sk_error *err)
{
	static const struct sk_introspect_opts defaults = {false};
	struct reader r;
	struct sk_rows objs = SK_ROWS_INIT, cols = SK_ROWS_INIT, fks = SK_ROWS_INIT, idx = SK_ROWS_INIT;
	int rc;

	memset(&r, 0, sizeof(r));
	r.m = m;
	r.db = db;
	if (!opts)
		opts = &defaults;

	rc = read_objects(&r, &objs, opts, err);
	if (rc)
		goto done;
	rc = query(&r, &cols, COLUMNS_QUERY("table"), err);
	if (rc)
		goto done;
	add_columns(&r, &cols, false);
	read_view_columns(&r);
	rc = query(&r, &fks,
	           "SELECT m.name, p.id, p.seq, p.\"table\", p.\"from\", p.\"to\", p.on_update, p.on_delete,"
	           " p.\"match\" FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) p"
	           " WHERE m.type = 'table' AND " USER_NAME("m.name") " ORDER BY m.name, p.id, p.seq",
	           err);
	if (rc)
		goto done;
	rc = query(&r, &idx,
	           "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ii.seqno, ii.cid, ii.name,"
	           " ii.\"desc\", ii.coll, ii.key FROM sqlite_schema m JOIN pragma_index_list(m.name) il"
	           " JOIN pragma_index_xinfo(il.name) ii WHERE m.type = 'table' AND " USER_NAME(
	                   "m.name") " ORDER BY m.name, il.name, ii.seqno",
	           err);
	if (rc)
		goto done;

	for (size_t k = 0; k < r.ntables; k++)
		add_primary_and_checks(&r, k);
	add_foreign_keys(&r, &fks);
	rc = add_indexes(&r, &objs, &idx, err);
	if (rc)
		goto done;
	add_triggers(&r, &objs);
	for (size_t k = 0; k < r.nviews; k++)
		if ((rc = view_deps(&r, k, err)) != 0)
			goto done;
	settle_model(&r);
	sk_model_sort(m);

done:
	sk_rows_release(&objs);
	sk_rows_release(&cols);
	sk_rows_release(&fks);
	sk_rows_release(&idx);
	sk_arena_release(&r.tmp);
	return rc;
}
