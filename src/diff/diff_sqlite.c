/*
 * diff_sqlite.c: the SQLite differ. Two SQLite models in, the operations
 * that take a database from the first to the second out, exactly: after
 * `up` every index, view and trigger has the stored CREATE text of the
 * desired model byte for byte (SQLite keeps that text verbatim and the
 * dump is that text), and every table the same definition
 * (same_definition: the same tokens; ALTER TABLE ADD COLUMN and DROP
 * COLUMN splice SQLite's stored text, so a table they changed keeps its
 * old layout, and a table that differs in layout only is left alone);
 * `down` gives back the first one the same way.
 *
 * How: a replica of the current schema (the `from` dump loaded into an
 * in-memory SQLite database) is carried through the migration while it is
 * planned. Every operation runs on it, and its inverse runs there too,
 * inside a savepoint, and must give back the schema it started from. SQLite
 * itself says what ALTER TABLE stores: an in-place change (RENAME TABLE,
 * RENAME COLUMN, DROP COLUMN, and ADD COLUMN where SQLite's documented
 * restrictions allow it on a table with rows: addable) is kept when the
 * replica ends with the desired definition, and every table whose
 * definition still differs is rebuilt (gen_rebuild). At the end the
 * replica must equal the `to` dump loaded the same way (tables by
 * same_definition); an object that SQLite rewrote behind our back (a
 * view or trigger mentioning a renamed column, say) is then dropped
 * beforehand and recreated afterwards, and the plan starts over.
 *
 * Order of the operations (up):
 *  a. drop triggers that change or go, that belong to or mention a table
 *     that is renamed, loses a column or goes, or belong to a dropped view
 *  b. drop views that change or go, or read such a table or view
 *  c. drop indexes that change or go, those of a renamed table, those that
 *     mention a renamed or dropped column (an index of a table that goes
 *     goes with it, unless a new table needs its name first)
 *  d. in place: RENAME TABLE, RENAME COLUMN, DROP COLUMN, ADD COLUMN
 *  e. create the new tables (with their indexes and triggers), rebuild
 *     every table whose stored text still differs, drop the tables that
 *     go: in the order foreign keys need (phase_tables)
 *  f. create indexes, g. views (dependencies first), h. triggers
 * The down section runs the inverses in reverse order.
 *
 * Data-dependent failures (a NOT NULL column added without a default, a
 * new UNIQUE, CHECK or foreign key, a narrowing type change) cannot show
 * on an empty replica; those operations are marked destructive with the
 * reason, and ADD COLUMN is only used where SQLite cannot refuse it for
 * existing rows.
 *
 * Not its job: PostgreSQL (diff_pg.c), rendering the migration (diff.c),
 * reading the models (introspect/).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/buf.h"
#include "config/url.h"
#include "db/db.h"
#include "diff/diff.h"
#include "emit/sql.h"
#include "introspect/introspect.h"
#include "sql/lexer.h"

#include "common/banned.h"

/* A phase returns RESTART when the plan must start over with more objects
 * dropped beforehand. */
#define RESTART 1
#define MAX_ROUNDS 32

/* ---- names ------------------------------------------------------------- */

/* SQLite folds only ASCII letters when it compares names. */
static int ascii_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static bool name_eq(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	for (; *a && *b; a++, b++)
		if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
			return false;
	return *a == *b;
}

static bool prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (ascii_lower((unsigned char)*s) != ascii_lower((unsigned char)*prefix))
			return false;
	return true;
}

static bool contains_ci(const char *s, const char *needle)
{
	for (; *s; s++)
		if (prefix_ci(s, needle))
			return true;
	return false;
}

/* A rename hint names "t" or "main.t". */
static const char *unqualified(const char *s)
{
	return prefix_ci(s, "main.") ? s + 5 : s;
}

/* A set of names, compared as SQLite does; the strings live in an arena. */
struct names {
	const char **v;
	size_t n, alloc;
};

static bool names_has(const struct names *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (name_eq(s->v[i], name))
			return true;
	return false;
}

static bool names_add(struct names *s, struct sk_arena *a, const char *name)
{
	if (names_has(s, name))
		return false;
	SK_ALLOC_GROW(s->v, s->n + 1, s->alloc);
	s->v[s->n++] = sk_arena_strdup(a, name);
	return true;
}

static void names_release(struct names *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* ---- SQL text ---------------------------------------------------------- */

static void q_ident(struct sk_buf *b, const char *name)
{
	sk_db_quote_ident(b, SK_DIALECT_SQLITE, name);
}

static void q_main(struct sk_buf *b, const char *name)
{
	sk_buf_adds(b, "main.");
	q_ident(b, name);
}

static void q_temp(struct sk_buf *b, const char *name)
{
	sk_buf_adds(b, "temp.");
	q_ident(b, name);
}

static void q_lit(struct sk_buf *b, const char *s)
{
	sk_db_quote_literal(b, SK_DIALECT_SQLITE, s);
}

static void add_stmt(struct sk_buf *b, const char *sql)
{
	sk_buf_adds(b, sql);
	sk_buf_adds(b, ";\n");
}

/* ---- tokens ------------------------------------------------------------ */

struct tk {
	enum sk_sql_token_kind kind;
	const char *s;
	size_t len;
	int depth; /* parentheses around it; a '(' and its ')' have the outer depth */
};

struct tks {
	struct tk *v;
	size_t n, alloc;
};

static void tks_release(struct tks *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* The significant tokens of sql (no white space, no comments). */
static int lex(struct tks *out, const char *sql)
{
	struct sk_sql_lexer lx;
	struct sk_sql_token t;
	struct sk_error ignored = SK_ERROR_INIT;
	int depth = 0, rc;

	memset(out, 0, sizeof(*out));
	sk_sql_lexer_init(&lx, sql, strlen(sql), SK_SQL_SQLITE);
	while ((rc = sk_sql_lexer_token(&lx, &t, &ignored)) > 0 && t.kind != SK_TOK_EOF) {
		bool punct1 = t.kind == SK_TOK_PUNCT && t.len == 1;

		if (t.kind == SK_TOK_SPACE || t.kind == SK_TOK_LINE_COMMENT || t.kind == SK_TOK_BLOCK_COMMENT)
			continue;
		if (punct1 && *t.start == ')' && depth > 0)
			depth--;
		SK_ALLOC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n++] = (struct tk){t.kind, t.start, t.len, depth};
		if (punct1 && *t.start == '(')
			depth++;
	}
	return rc < 0 ? -1 : 0;
}

static bool tk_kw(const struct tk *t, const char *kw)
{
	size_t n = strlen(kw);

	if (t->kind != SK_TOK_WORD || t->len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ascii_lower((unsigned char)t->s[i]) != ascii_lower((unsigned char)kw[i]))
			return false;
	return true;
}

static bool tk_punct(const struct tk *t, char c)
{
	return t->kind == SK_TOK_PUNCT && t->len == 1 && t->s[0] == c;
}

/* A name as SQLite reads it: "x", [x], `x` and 'x' unquoted. */
static void tk_ident(struct sk_buf *out, const struct tk *t)
{
	char q;

	sk_buf_reset(out);
	if (t->kind != SK_TOK_QUOTED_IDENT && t->kind != SK_TOK_STRING) {
		sk_buf_add(out, t->s, t->len);
		return;
	}
	if (t->len < 2)
		return;
	q = t->s[0] == '[' ? ']' : t->s[0];
	for (size_t i = 1; i + 1 < t->len; i++) {
		sk_buf_addch(out, t->s[i]);
		if (t->s[i] == q && q != ']' && i + 2 < t->len && t->s[i + 1] == q)
			i++;
	}
}

/* One column definition of a CREATE TABLE: its raw text, from its name to
 * its last token, and its tokens [b, e). */
struct coldef {
	const char *s;
	size_t len;
	size_t b, e;
};

static bool starts_table_constraint(const struct tk *t)
{
	return tk_kw(t, "CONSTRAINT") || tk_kw(t, "PRIMARY") || tk_kw(t, "UNIQUE") || tk_kw(t, "CHECK") ||
	       tk_kw(t, "FOREIGN");
}

/* The column definitions of a CREATE TABLE, in order (a malloc'd array). */
static size_t column_defs(struct coldef **out, const struct tks *ts)
{
	size_t open = 0, item, n = 0, alloc = 0;

	*out = NULL;
	while (open < ts->n && !(ts->v[open].depth == 0 && tk_punct(&ts->v[open], '(')))
		open++;
	if (open == ts->n)
		return 0;
	item = open + 1;
	for (size_t i = open + 1; i < ts->n; i++) {
		bool end = ts->v[i].depth == 0 && tk_punct(&ts->v[i], ')');

		if (!end && !(ts->v[i].depth == 1 && tk_punct(&ts->v[i], ',')))
			continue;
		if (item < i && !starts_table_constraint(&ts->v[item])) {
			const struct tk *first = &ts->v[item], *last = &ts->v[i - 1];

			SK_ALLOC_GROW(*out, n + 1, alloc);
			(*out)[n++] =
			        (struct coldef){first->s, (size_t)(last->s + last->len - first->s), item, i};
		}
		item = i + 1;
		if (end)
			break;
	}
	return n;
}

/* True when sql mentions one of the names (as an identifier or string). */
static bool mentions(const char *sql, const struct names *a, const struct names *b)
{
	struct tks ts;
	struct sk_buf id = SK_BUF_INIT;
	bool found = false;

	if (lex(&ts, sql) < 0)
		found = true; /* cannot tell: assume it does */
	for (size_t i = 0; i < ts.n && !found; i++) {
		const struct tk *t = &ts.v[i];

		if (t->kind != SK_TOK_WORD && t->kind != SK_TOK_QUOTED_IDENT && t->kind != SK_TOK_STRING)
			continue;
		tk_ident(&id, t);
		found = names_has(a, id.buf) || (b && names_has(b, id.buf));
	}
	sk_buf_release(&id);
	tks_release(&ts);
	return found;
}

/*
 * Whether two CREATE statements are the same definition: the same tokens,
 * white space and comments aside, which SQLite parses the same way. ALTER
 * TABLE ADD COLUMN and DROP COLUMN splice the stored text (", b INT" goes
 * in before the closing parenthesis, after whatever white space was there),
 * so a table they changed matches its desired text only in this sense
 * unless it is written on one line.
 */
static bool same_definition(const char *a, const char *b)
{
	struct tks ta = {NULL, 0, 0}, tb = {NULL, 0, 0};
	bool same;

	if (!a || !b)
		return !a == !b;
	if (!strcmp(a, b))
		return true;
	same = lex(&ta, a) == 0 && lex(&tb, b) == 0 && ta.n == tb.n;
	for (size_t i = 0; same && i < ta.n; i++)
		same = ta.v[i].kind == tb.v[i].kind && ta.v[i].len == tb.v[i].len &&
		       !memcmp(ta.v[i].s, tb.v[i].s, ta.v[i].len);
	tks_release(&ta);
	tks_release(&tb);
	return same;
}

/* ---- the models -------------------------------------------------------- */

static const struct sk_table *table_ci(const struct sk_model *m, const char *name)
{
	for (size_t i = 0; name && i < m->ntables; i++)
		if (name_eq(m->tables[i].name, name))
			return &m->tables[i];
	return NULL;
}

static const struct sk_view *view_ci(const struct sk_model *m, const char *name)
{
	for (size_t i = 0; i < m->nviews; i++)
		if (name_eq(m->views[i].name, name))
			return &m->views[i];
	return NULL;
}

static const struct sk_column *column_ci(const struct sk_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncolumns; i++)
		if (name_eq(t->columns[i].name, name))
			return &t->columns[i];
	return NULL;
}

static const struct sk_index *index_ci(const struct sk_model *m, const char *name)
{
	for (size_t i = 0; i < m->ntables; i++)
		for (size_t j = 0; j < m->tables[i].nindexes; j++)
			if (name_eq(m->tables[i].indexes[j].name, name))
				return &m->tables[i].indexes[j];
	return NULL;
}

static const struct sk_trigger *trigger_ci(const struct sk_model *m, const char *name)
{
	for (size_t i = 0; i < m->ntables; i++)
		for (size_t j = 0; j < m->tables[i].ntriggers; j++)
			if (name_eq(m->tables[i].triggers[j].name, name))
				return &m->tables[i].triggers[j];
	for (size_t i = 0; i < m->nviews; i++)
		for (size_t j = 0; j < m->views[i].ntriggers; j++)
			if (name_eq(m->views[i].triggers[j].name, name))
				return &m->views[i].triggers[j];
	return NULL;
}

static bool str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool is_virtual(const struct sk_table *t)
{
	return t->sql && prefix_ci(t->sql, "CREATE VIRTUAL");
}

/* A name for the rowid that no column hides, or NULL. */
static const char *rowid_name(const struct sk_table *t)
{
	static const char *const names[] = {"rowid", "_rowid_", "oid"};

	if (t->without_rowid || is_virtual(t))
		return NULL;
	for (size_t i = 0; i < 3; i++)
		if (!column_ci(t, names[i]))
			return names[i];
	return NULL;
}

/* INTEGER PRIMARY KEY: the column is the rowid. */
static bool has_rowid_alias(const struct sk_table *t)
{
	const struct sk_constraint *pk = sk_table_primary_key(t);
	const struct sk_column *c;

	if (t->without_rowid || !pk || pk->ncolumns != 1)
		return false;
	c = column_ci(t, pk->columns[0]);
	return c && name_eq(c->type, "INTEGER");
}

static bool has_action_fk(const struct sk_table *t, const char *parent)
{
	for (size_t i = 0; i < t->nconstraints; i++) {
		const struct sk_constraint *c = &t->constraints[i];

		if (c->kind == SK_CON_FOREIGN && name_eq(c->ref_table, parent) &&
		    strchr("cnrd", c->on_delete) && c->on_delete)
			return true;
	}
	return false;
}

static bool has_fk_to(const struct sk_table *t, const char *parent)
{
	for (size_t i = 0; i < t->nconstraints; i++)
		if (t->constraints[i].kind == SK_CON_FOREIGN && name_eq(t->constraints[i].ref_table, parent))
			return true;
	return false;
}

static bool has_fks(const struct sk_table *t)
{
	for (size_t i = 0; i < t->nconstraints; i++)
		if (t->constraints[i].kind == SK_CON_FOREIGN)
			return true;
	return false;
}

enum affinity { AFF_BLOB, AFF_TEXT, AFF_NUMERIC, AFF_INTEGER, AFF_REAL };

/* SQLite's rules for the affinity of a declared type (datatype3 3.1). */
static enum affinity affinity(const char *type)
{
	if (contains_ci(type, "INT"))
		return AFF_INTEGER;
	if (contains_ci(type, "CHAR") || contains_ci(type, "CLOB") || contains_ci(type, "TEXT"))
		return AFF_TEXT;
	if (!*type || contains_ci(type, "BLOB"))
		return AFF_BLOB;
	if (contains_ci(type, "REAL") || contains_ci(type, "FLOA") || contains_ci(type, "DOUB"))
		return AFF_REAL;
	return AFF_NUMERIC;
}

/* Whether every stored value survives the change of affinity. */
static bool affinity_widens(enum affinity from, enum affinity to)
{
	return from == to || to == AFF_BLOB || (from == AFF_INTEGER && to == AFF_NUMERIC) ||
	       (from == AFF_REAL && to == AFF_NUMERIC);
}

/* A default ALTER TABLE ADD COLUMN accepts on a table with rows: a literal. */
static bool default_is_literal(const char *expr)
{
	struct tks ts;
	bool ok = false;

	if (lex(&ts, expr) == 0) {
		size_t i = 0;

		if (ts.n == 2 && (tk_punct(&ts.v[0], '-') || tk_punct(&ts.v[0], '+')))
			i = 1;
		if (ts.n == i + 1)
			ok = ts.v[i].kind == SK_TOK_NUMBER || (i == 0 && ts.v[i].kind == SK_TOK_STRING) ||
			     (i == 0 && (tk_kw(&ts.v[i], "NULL") || tk_kw(&ts.v[i], "TRUE") ||
			                 tk_kw(&ts.v[i], "FALSE")));
	}
	tks_release(&ts);
	return ok;
}

static bool is_null_literal(const char *expr)
{
	return !expr || name_eq(expr, "NULL");
}

/*
 * Whether a STRICT column of this type surely takes the default: a
 * literal of a storage class the type accepts (INT/INTEGER: an integer,
 * REAL: a number, TEXT: a string or a number, BLOB: a blob, ANY: anything).
 * Existing rows get the default when such a column is added, and a value
 * that does not fit fails the statement.
 */
static bool default_fits_strict(const char *type, const char *expr)
{
	struct tks ts;
	bool fits = false;
	size_t i = 0;

	if (is_null_literal(expr) || name_eq(type, "ANY"))
		return true;
	if (lex(&ts, expr) < 0)
		return false;
	if (ts.n == 2 && (tk_punct(&ts.v[0], '-') || tk_punct(&ts.v[0], '+')))
		i = 1;
	if (ts.n == i + 1) {
		const struct tk *t = &ts.v[i];
		bool blob = t->kind == SK_TOK_STRING && (t->s[0] == 'x' || t->s[0] == 'X');
		bool integer = t->kind == SK_TOK_NUMBER && !memchr(t->s, '.', t->len) &&
		               !memchr(t->s, 'e', t->len) && !memchr(t->s, 'E', t->len);

		if (name_eq(type, "INT") || name_eq(type, "INTEGER"))
			fits = integer;
		else if (name_eq(type, "REAL"))
			fits = t->kind == SK_TOK_NUMBER;
		else if (name_eq(type, "TEXT"))
			fits = (t->kind == SK_TOK_STRING && !blob && i == 0) || t->kind == SK_TOK_NUMBER;
		else if (name_eq(type, "BLOB"))
			fits = blob && i == 0;
	}
	tks_release(&ts);
	return fits;
}

/* ---- the planner ------------------------------------------------------- */

struct colren {
	const char *from, *to; /* the column's name before and after */
};

/* A table of `to` and the table of `from` it comes from (NULL: new). */
struct pair {
	const struct sk_table *f, *t;
	struct colren *ren;
	size_t nren;
	bool inplace_failed; /* the renames could not run in place: the rebuild maps the names */
};

struct planner {
	const struct sk_model *from, *to;
	const struct sk_diff_opts *opts;
	struct sk_error *err;
	struct sk_arena a;
	struct pair *pairs; /* one per table of `to`, in its order */
	size_t npairs;
	const struct sk_table **removed;
	size_t nremoved;
	/* objects SQLite rewrote when they were left in place: dropped first from now on */
	struct names forced;
	struct sk_db *rep;   /* the replica */
	struct sk_rows want; /* the catalog of `to`, loaded */
	struct sk_diff ops;
};

static int rep_error(struct planner *p, const char *what, const char *object)
{
	char msg[SK_ERROR_MSG_MAX];

	int rc;

	snprintf(msg, sizeof(msg), "%s", p->err ? p->err->message : "");
	rc = sk_error_set(p->err, SK_ERR_INTERNAL, "cannot plan the SQLite migration: %s %s fails: %s", what,
	                  object, msg);
	return rc;
}

static int rep_exec(struct planner *p, const char *sql)
{
	return sk_db_exec(p->rep, sql, p->err);
}

/* Runs sql, ignoring (and forgetting) a failure: returns whether it worked. */
static bool rep_try(struct planner *p, const char *sql)
{
	struct sk_error ignored = SK_ERROR_INIT;

	return sk_db_exec(p->rep, sql, &ignored) == 0;
}

#define SNAPSHOT_SQL                                                                                         \
	"SELECT 'main', type, name, tbl_name, sql FROM main.sqlite_schema"                                   \
	" WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"                                                      \
	" UNION ALL SELECT 'temp', type, name, tbl_name, sql FROM temp.sqlite_schema ORDER BY 1, 2, 3"

/* The catalog of db: (schema, type, name, tbl_name, sql), ordered. */
static int snapshot(struct sk_rows *out, struct sk_db *db, struct sk_error *err)
{
	return sk_db_query(db, out, SNAPSHOT_SQL, 0, NULL, err);
}

/* Whether catalog row i of x and row j of y hold the same stored text: a
 * table's the same definition, anything else byte for byte (SQLite's
 * rewrites of an index, view or trigger are how the planner notices them). */
static bool row_sql_same(const struct sk_rows *x, size_t i, const struct sk_rows *y, size_t j)
{
	const char *a = sk_rows_get(x, i, 4), *b = sk_rows_get(y, j, 4);

	if (!strcmp(sk_rows_get(x, i, 1), "table"))
		return same_definition(a, b);
	return str_eq(a, b) && !a == !b;
}

/* Two catalogs (snapshot()) hold the same objects with the same texts. */
static bool rows_same(const struct sk_rows *x, const struct sk_rows *y)
{
	if (x->nrows != y->nrows || x->ncols != y->ncols)
		return false;
	for (size_t i = 0; i < x->nrows; i++) {
		for (size_t c = 0; c < 4; c++)
			if (!str_eq(sk_rows_get(x, i, c), sk_rows_get(y, i, c)))
				return false;
		if (!row_sql_same(x, i, y, i))
			return false;
	}
	return true;
}

/* The row of a main object by its exact name, or (size_t)-1. */
static size_t row_of(const struct sk_rows *r, const char *type, const char *name)
{
	for (size_t i = 0; i < r->nrows; i++)
		if (!strcmp(sk_rows_get(r, i, 0), "main") && !strcmp(sk_rows_get(r, i, 1), type) &&
		    !strcmp(sk_rows_get(r, i, 2), name))
			return i;
	return (size_t)-1;
}

static int introspect(struct planner *p, struct sk_model **out)
{
	int rc = sk_introspect(out, p->rep, NULL, p->err);

	if (rc)
		sk_error_prefix(p->err, "cannot plan the SQLite migration");
	return rc;
}

/* Runs an op's up on the replica, keeping the catalog from before in before. */
static int run_up(struct planner *p, struct sk_rows *before, const char *up, const char *object)
{
	int rc = snapshot(before, p->rep, p->err);

	if (rc == 0 && (rc = rep_exec(p, up)) != 0)
		rc = rep_error(p, "the up step of", object);
	return rc;
}

/* Runs down in a savepoint: it must give back the catalog `before`; then
 * rolls it back, leaving the replica as up left it. */
static int check_down(struct planner *p, const struct sk_rows *before, const char *down, const char *object)
{
	struct sk_rows back = SK_ROWS_INIT;
	int rc = rep_exec(p, "SAVEPOINT sk_verify");

	if (rc == 0 && (rc = rep_exec(p, down)) != 0)
		rc = rep_error(p, "the down step of", object);
	if (rc == 0)
		rc = snapshot(&back, p->rep, p->err);
	if (rc == 0 && !rows_same(before, &back)) {
		rc = sk_error_set(
		        p->err, SK_ERR_INTERNAL,
		        "cannot plan the SQLite migration: the down step of %s does not give back the schema",
		        object);
	}
	rep_try(p, "ROLLBACK TO sk_verify");
	rep_try(p, "RELEASE sk_verify");
	sk_rows_release(&back);
	return rc;
}

/* Verifies an operation on the replica (up, then its inverse) and adds it. */
static int commit_op(struct planner *p, const char *object, const char *up, const char *down,
                     bool destructive, const char *why)
{
	struct sk_rows before = SK_ROWS_INIT;
	int rc = run_up(p, &before, up, object);

	if (rc == 0)
		rc = check_down(p, &before, down, object);
	if (rc == 0)
		sk_diff_add(&p->ops, object, up, down, destructive, why);
	sk_rows_release(&before);
	return rc;
}

/* ---- rebuilding tables ------------------------------------------------- */

struct member {
	const struct sk_table *src; /* the table as it is, or NULL: it is created */
	const struct sk_table *dst; /* as it must be (with its indexes and triggers), or NULL: dropped */
	const struct colren *ren;   /* column renames from src to dst */
	size_t nren;
	bool identity; /* rebuilt as it is, for its ON DELETE foreign key */
	/* filled by gen_rebuild */
	const char **map; /* per dst column: the src column it is copied from, or NULL */
	bool copy, src_rowid, keep_rowid, seq;
	const char *hold, *rowid_col;
};

struct group {
	struct member *v;
	size_t n, alloc;
};

static struct member *group_add(struct group *g)
{
	SK_ALLOC_GROW(g->v, g->n + 1, g->alloc);
	memset(&g->v[g->n], 0, sizeof(g->v[0]));
	return &g->v[g->n++];
}

static bool group_has(const struct group *g, const char *name)
{
	for (size_t i = 0; i < g->n; i++)
		if ((g->v[i].src && name_eq(g->v[i].src->name, name)) ||
		    (g->v[i].dst && name_eq(g->v[i].dst->name, name)))
			return true;
	return false;
}

/*
 * Dropping a table deletes its rows first, and that fires the ON DELETE
 * actions of its children even with foreign keys deferred (RESTRICT
 * fails at once): such children join the group, rebuilt unchanged, and
 * so on down (dropping a child deletes its rows in turn). SQLite's
 * procedure avoids this with PRAGMA foreign_keys=OFF, but that is a no-op
 * inside a transaction, and every migration runs in one on a connection
 * with foreign keys on. Children with NO ACTION keys stay out.
 */
static void close_group(struct group *g, const struct sk_model *cur)
{
	bool more = true;

	while (more) {
		more = false;
		for (size_t i = 0; i < cur->ntables; i++) {
			const struct sk_table *y = &cur->tables[i];

			if (group_has(g, y->name))
				continue;
			for (size_t k = 0; k < g->n; k++) {
				if (!g->v[k].src || !g->v[k].dst || !has_action_fk(y, g->v[k].src->name))
					continue;
				struct member *m = group_add(g);
				m->src = m->dst = y;
				m->identity = true;
				more = true;
				break;
			}
		}
	}
}

static const char *member_name(const struct member *m)
{
	return m->dst ? m->dst->name : m->src->name;
}

static int cmp_member(const void *a, const void *b)
{
	return strcmp(member_name(a), member_name(b));
}

/* The source column each dst column is copied from. */
static void make_map(struct member *m, struct sk_arena *a)
{
	m->map = sk_arena_calloc(a, m->dst->ncolumns ? m->dst->ncolumns : 1, sizeof(*m->map));
	for (size_t j = 0; j < m->dst->ncolumns; j++) {
		const struct sk_column *d = &m->dst->columns[j], *s;
		const char *from = d->name;

		if (d->generated_expr)
			continue;
		for (size_t r = 0; r < m->nren; r++)
			if (name_eq(m->ren[r].to, d->name))
				from = m->ren[r].from;
		s = column_ci(m->src, from);
		m->map[j] = s ? s->name : NULL;
	}
}

static bool mapped(const struct member *m, const char *src_col)
{
	for (size_t j = 0; j < m->dst->ncolumns; j++)
		if (m->map[j] && name_eq(m->map[j], src_col))
			return true;
	return false;
}

/* Order for the drops (children first: src keys) or for the creates and
 * copies (parents first: dst keys), ties in member order, cycles broken
 * there. */
static size_t *member_order(const struct group *g, bool drops)
{
	size_t *order = sk_xcalloc(g->n ? g->n : 1, sizeof(*order)), n = 0;
	bool *done = sk_xcalloc(g->n ? g->n : 1, sizeof(*done));

	while (n < g->n) {
		size_t pick = g->n, first = g->n;
		int best = -1;

		for (size_t i = 0; i < g->n && pick == g->n; i++) {
			const struct sk_table *t = drops ? g->v[i].src : g->v[i].dst;
			bool ready = true;

			if (done[i])
				continue;
			if (drops && t) {
				/* a cycle is broken at the table most referenced with
				 * ON DELETE actions (itself included): dropping it
				 * runs their action programs while every table they
				 * touch still exists; the tables left then have keys
				 * to a missing table, which a plain drop ignores */
				int score = 0;

				for (size_t k = 0; k < g->n; k++)
					if (!done[k] && g->v[k].src && has_action_fk(g->v[k].src, t->name))
						score++;
				if (score > best) {
					best = score;
					first = i;
				}
			} else if (first == g->n) {
				first = i;
			}
			for (size_t k = 0; k < g->n && ready && t; k++) {
				const struct sk_table *o = drops ? g->v[k].src : g->v[k].dst;

				if (k == i || done[k] || !o)
					continue;
				/* drops: nothing left may reference t; creates: t references nothing left */
				ready = drops ? !has_fk_to(o, t->name) : !has_fk_to(t, o->name);
			}
			if (ready)
				pick = i;
		}
		if (pick == g->n)
			pick = first;
		done[pick] = true;
		order[n++] = pick;
	}
	free(done);
	return order;
}

/* The src column dst column name d is copied from. */
static const char *source_name(const struct member *m, const char *d)
{
	for (size_t r = 0; r < m->nren; r++)
		if (name_eq(m->ren[r].to, d))
			return m->ren[r].from;
	return d;
}

/* Foreign keys over the same columns to the same parent key: a change of
 * actions or deferral adds no violation. */
static bool same_key(const struct member *m, const struct sk_constraint *s, const struct sk_constraint *d)
{
	if (s->ncolumns != d->ncolumns || s->nref_columns != d->nref_columns ||
	    !name_eq(s->ref_table, d->ref_table))
		return false;
	for (size_t i = 0; i < d->ncolumns; i++)
		if (!name_eq(s->columns[i], source_name(m, d->columns[i])))
			return false;
	for (size_t i = 0; i < d->nref_columns; i++)
		if (!name_eq(s->ref_columns[i], d->ref_columns[i]))
			return false;
	return true;
}

static bool in_pk(const struct sk_table *t, const struct sk_column *c)
{
	const struct sk_constraint *pk = sk_table_primary_key(t);

	for (size_t i = 0; pk && i < pk->ncolumns; i++)
		if (name_eq(pk->columns[i], c->name))
			return true;
	return false;
}

/* Text for a "--" comment: a name with a line break must not end it. */
static void one_line(struct sk_buf *b, size_t from)
{
	for (size_t i = from; i < b->len; i++)
		if (b->buf[i] == '\n' || b->buf[i] == '\r')
			b->buf[i] = ' ';
}

/* Whether the rows copied into dst can have a value in a column of key c
 * (a key over new columns without defaults is all NULL). */
static bool key_has_values(const struct member *m, const struct sk_constraint *c)
{
	for (size_t i = 0; i < c->ncolumns; i++) {
		const struct sk_column *dc = column_ci(m->dst, c->columns[i]);

		if (!dc || column_ci(m->src, source_name(m, dc->name)) || dc->generated_expr ||
		    !is_null_literal(dc->default_expr))
			return true;
	}
	return false;
}

/* Why rebuilding m may lose data or fail on existing rows ("" if not). */
static void member_why(struct sk_buf *why, const struct member *m)
{
	const struct sk_table *s = m->src, *d = m->dst;
	const struct sk_constraint *spk, *dpk;

#define WHY(...)                                                                                             \
	do {                                                                                                 \
		if (why->len)                                                                                \
			sk_buf_adds(why, "; ");                                                              \
		sk_buf_addf(why, __VA_ARGS__);                                                               \
	} while (0)

	if (m->identity || !s)
		return;
	if (!d) {
		WHY("drops table main.%s with its rows (down recreates it empty; the data is not restored)",
		    s->name);
		return;
	}
	if (!m->copy && s->ncolumns) {
		WHY("keeps no column of main.%s: its rows are lost", s->name);
		return;
	}
	for (size_t i = 0; i < s->ncolumns; i++)
		if (!s->columns[i].generated_expr && !mapped(m, s->columns[i].name))
			WHY("drops column main.%s.%s", s->name, s->columns[i].name);
	for (size_t j = 0; j < d->ncolumns; j++) {
		const struct sk_column *dc = &d->columns[j], *sc = m->map[j] ? column_ci(s, m->map[j]) : NULL;

		if (dc->generated_expr)
			continue;
		if (!sc && d->strict && !default_fits_strict(dc->type, dc->default_expr))
			WHY("the default of new column main.%s.%s may not fit its STRICT type: fails if the "
			    "table "
			    "has rows",
			    d->name, dc->name);
		if (dc->not_null && !(sc && sc->not_null) &&
		    !(d->without_rowid && !s->without_rowid && in_pk(d, dc))) {
			if (!sc && dc->default_expr && !is_null_literal(dc->default_expr))
				;
			else if (!sc)
				WHY("adds NOT NULL column main.%s.%s without a default: fails if the table "
				    "has rows",
				    d->name, dc->name);
			else
				WHY("NOT NULL on main.%s.%s fails on existing NULLs", d->name, dc->name);
		}
		if (sc && !str_eq(sc->type, dc->type)) {
			if (d->strict)
				WHY("main.%s.%s becomes %s in a STRICT table: fails on values of another "
				    "type",
				    d->name, dc->name, dc->type);
			else if (!affinity_widens(affinity(sc->type), affinity(dc->type)))
				WHY("main.%s.%s changes from '%s' to '%s': values may be converted", d->name,
				    dc->name, sc->type, dc->type);
		}
	}
	if (d->strict && !s->strict)
		WHY("main.%s becomes STRICT: fails on values that do not match the column types", d->name);
	if (d->without_rowid && !s->without_rowid)
		WHY("main.%s becomes WITHOUT ROWID: rowids are not kept, NULL primary key values fail",
		    d->name);
	spk = sk_table_primary_key(s);
	dpk = sk_table_primary_key(d);
	if (dpk) {
		bool same = spk && spk->ncolumns == dpk->ncolumns;

		for (size_t i = 0; same && i < dpk->ncolumns; i++) {
			same = name_eq(source_name(m, dpk->columns[i]), spk->columns[i]);
		}
		if (!same)
			WHY("new primary key on main.%s fails on duplicate or NULL keys", d->name);
	}
	for (size_t i = 0; i < d->nconstraints; i++) {
		const struct sk_constraint *c = &d->constraints[i];
		bool known = false;

		if (c->kind == SK_CON_PRIMARY)
			continue;
		for (size_t k = 0; k < s->nconstraints && !known; k++)
			known = s->constraints[k].kind == c->kind &&
			        (c->kind == SK_CON_FOREIGN
			                 ? same_key(m, &s->constraints[k], c)
			                 : str_eq(s->constraints[k].definition, c->definition));
		if (known)
			continue;
		if (c->kind == SK_CON_UNIQUE)
			WHY("new %s on main.%s fails on duplicates", c->definition, d->name);
		else if (c->kind == SK_CON_CHECK)
			WHY("new %s on main.%s fails on rows that do not pass it", c->definition, d->name);
		else if (c->kind == SK_CON_FOREIGN && key_has_values(m, c))
			WHY("new %s on main.%s fails on rows without a parent", c->definition, d->name);
	}
	for (size_t i = 0; i < d->nindexes; i++) {
		bool known = false;

		if (!d->indexes[i].unique)
			continue;
		for (size_t k = 0; k < s->nindexes && !known; k++)
			known = str_eq(s->indexes[k].definition, d->indexes[i].definition);
		if (!known)
			WHY("new unique index main.%s fails on duplicates", d->indexes[i].name);
	}
	one_line(why, 0);
#undef WHY
}

/* A name not among t's columns: base, base_, base__, ... */
static const char *free_column_name(struct sk_arena *a, const struct sk_table *t, const char *base)
{
	struct sk_buf b = SK_BUF_INIT;
	const char *s;

	sk_buf_adds(&b, base);
	while (column_ci(t, b.buf))
		sk_buf_addch(&b, '_');
	s = sk_arena_strdup(a, b.buf);
	sk_buf_release(&b);
	return s;
}

static void add_member_list(struct sk_buf *b, const struct group *g, bool identity)
{
	bool first = true;

	for (size_t i = 0; i < g->n; i++) {
		if (g->v[i].identity != identity)
			continue;
		sk_buf_adds(b, first ? "" : ", ");
		sk_buf_addf(b, "main.%s", member_name(&g->v[i]));
		first = false;
	}
}

/* Tables per foreign key check statement: SQLite allows 500 terms in a
 * compound SELECT (SQLITE_MAX_COMPOUND_SELECT), a build may allow fewer. */
#define FK_CHECK_CHUNK 100

/* The tables whose foreign keys are checked after copying rows back: the
 * copied tables that have foreign keys, and the tables whose keys point at
 * a copied table. */
static void fk_check_tables(struct names *out, struct sk_arena *a, const struct group *g,
                            const struct sk_model *cur)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].copy && has_fks(g->v[i].dst))
			names_add(out, a, g->v[i].dst->name);
	for (size_t i = 0; i < cur->ntables; i++) {
		const struct sk_table *y = &cur->tables[i];
		bool child = false;

		if (group_has(g, y->name))
			continue;
		for (size_t k = 0; k < g->n && !child; k++)
			child = g->v[k].copy &&
			        (has_fk_to(y, g->v[k].src->name) || has_fk_to(y, g->v[k].dst->name));
		if (child)
			names_add(out, a, y->name);
	}
}

/* The foreign key check after copying rows back, FK_CHECK_CHUNK tables a
 * statement. */
static void gen_fk_check(struct sk_buf *up, struct sk_arena *a, const struct group *g,
                         const struct sk_model *cur)
{
	struct names tables = {NULL, 0, 0};
	struct sk_buf msg = SK_BUF_INIT;

	fk_check_tables(&tables, a, g, cur);
	if (tables.n) {
		/* PRAGMA foreign_key_check only lists violations; a CHECK on a
		 * TEMP table turns the first one into an error whose message
		 * is the constraint's name. */
		sk_buf_adds(&msg, "foreign key violations after rebuilding ");
		add_member_list(&msg, g, false);
		for (size_t i = 0; i < g->n; i++)
			if (g->v[i].identity)
				sk_buf_addf(&msg, ", main.%s", member_name(&g->v[i]));
		sk_buf_adds(&msg, " (see PRAGMA foreign_key_check)");
		sk_buf_adds(up, "CREATE TEMP TABLE _sk_fk_check (ok CONSTRAINT ");
		q_ident(up, msg.buf);
		sk_buf_adds(up, " CHECK (ok));\n");
	}
	for (size_t i = 0; i < tables.n; i++) {
		if (i % FK_CHECK_CHUNK == 0)
			sk_buf_adds(up, "INSERT INTO temp._sk_fk_check SELECT 0 FROM (");
		else
			sk_buf_adds(up, " UNION ALL ");
		sk_buf_adds(up, "SELECT 1 FROM pragma_foreign_key_check(");
		q_lit(up, tables.v[i]);
		sk_buf_adds(up, ", 'main')");
		if (i + 1 == tables.n || (i + 1) % FK_CHECK_CHUNK == 0)
			sk_buf_adds(up, ") LIMIT 1;\n");
	}
	if (tables.n)
		sk_buf_adds(up, "DROP TABLE temp._sk_fk_check;\n");
	names_release(&tables);
	sk_buf_release(&msg);
}

/*
 * The SQL that turns the members' src tables into their dst tables, with
 * SQLite's procedure for "other kinds of table schema changes" adapted to
 * run inside the migration's transaction, where PRAGMA foreign_keys cannot
 * be switched off:
 *   PRAGMA defer_foreign_keys = ON (violations are counted, checked at COMMIT);
 *   copy each table's rows into an untyped TEMP table (values unchanged);
 *   DROP the tables, children first;
 *   CREATE them from the desired stored text under their final names (the
 *     stored text stays byte-identical: ALTER TABLE new_X RENAME TO X would
 *     store the name as "X");
 *   copy the rows back, parents first, with their rowids where the table
 *     keeps them; restore AUTOINCREMENT counters (sqlite_sequence);
 *   create the indexes and triggers;
 *   fail on a foreign key violation of a rebuilt table or of its children.
 * Children with NO ACTION keys stay out of the group: the drop counts their
 * rows as violations and the parent's rows coming back under the same name
 * count them off again. Views need nothing: SQLite reads a view's text
 * when it is used, and the names do not change.
 * why gets the reasons the change may lose data or fail.
 */
static void gen_rebuild(struct sk_buf *up, struct sk_buf *why, struct sk_arena *a, struct group *g,
                        const struct sk_model *cur, const char *comment)
{
	bool defer = false, seq = false, ident = false;
	size_t *drops, *creates;

	if (g->n > 1)
		qsort(g->v, g->n, sizeof(*g->v), cmp_member);
	for (size_t i = 0; i < g->n; i++) {
		struct member *m = &g->v[i];

		ident = ident || m->identity;
		if (m->src && m->dst) {
			size_t nmapped = 0;

			make_map(m, a);
			for (size_t j = 0; j < m->dst->ncolumns; j++)
				nmapped += m->map[j] != NULL;
			m->src_rowid = rowid_name(m->src) != NULL;
			m->keep_rowid = m->src_rowid && rowid_name(m->dst) && !has_rowid_alias(m->dst);
			m->copy = nmapped > 0 || m->keep_rowid;
			m->seq = m->copy && m->src->autoincrement && m->dst->autoincrement;
			m->hold = sk_arena_strfmt(a, "_sk_old_%s", m->src->name);
			m->rowid_col = free_column_name(a, m->src, "_sk_rowid");
			seq = seq || m->seq;
		}
		/* rows copied back into a table with keys (its own parent among
		 * them, perhaps), or the children of a dropped table seeing its
		 * rows go: violations wait for the check at the end */
		defer = defer || (m->copy && has_fks(m->dst));
		for (size_t k = 0; m->src && !defer && k < cur->ntables; k++)
			defer = has_fk_to(&cur->tables[k], m->src->name);
		if (why)
			member_why(why, m);
	}
	drops = member_order(g, true);
	creates = member_order(g, false);

	if (comment) {
		size_t from = up->len;

		sk_buf_addf(up, "-- %s ", comment);
		add_member_list(up, g, false);
		one_line(up, from);
		sk_buf_adds(up, "\n");
		if (ident) {
			from = up->len;
			sk_buf_adds(up, "-- rebuilt as they are, for their ON DELETE foreign keys: ");
			add_member_list(up, g, true);
			one_line(up, from);
			sk_buf_adds(up, "\n");
		}
	}
	if (defer)
		sk_buf_adds(up, "PRAGMA defer_foreign_keys = ON;\n");
	if (seq) {
		bool first = true;

		sk_buf_adds(up, "CREATE TEMP TABLE _sk_seq AS SELECT name, seq FROM main.sqlite_sequence "
		                "WHERE name IN (");
		for (size_t i = 0; i < g->n; i++) {
			if (!g->v[i].seq)
				continue;
			sk_buf_adds(up, first ? "" : ", ");
			q_lit(up, g->v[i].src->name);
			first = false;
		}
		sk_buf_adds(up, ");\n");
	}
	for (size_t i = 0; i < g->n; i++) {
		const struct member *m = &g->v[i];
		bool first = true;

		if (!m->copy)
			continue;
		/* no declared types: the values are kept exactly as stored */
		sk_buf_adds(up, "CREATE TEMP TABLE ");
		q_ident(up, m->hold);
		sk_buf_adds(up, " (");
		if (m->src_rowid) {
			q_ident(up, m->rowid_col);
			first = false;
		}
		for (size_t c = 0; c < m->src->ncolumns; c++) {
			if (!mapped(m, m->src->columns[c].name))
				continue;
			sk_buf_adds(up, first ? "" : ", ");
			q_ident(up, m->src->columns[c].name);
			first = false;
		}
		sk_buf_adds(up, ");\nINSERT INTO ");
		q_temp(up, m->hold);
		sk_buf_adds(up, " SELECT ");
		first = true;
		if (m->src_rowid) {
			sk_buf_adds(up, rowid_name(m->src));
			first = false;
		}
		for (size_t c = 0; c < m->src->ncolumns; c++) {
			if (!mapped(m, m->src->columns[c].name))
				continue;
			sk_buf_adds(up, first ? "" : ", ");
			q_ident(up, m->src->columns[c].name);
			first = false;
		}
		sk_buf_adds(up, " FROM ");
		q_main(up, m->src->name);
		sk_buf_adds(up, ";\n");
	}
	for (size_t i = 0; i < g->n; i++) {
		const struct member *m = &g->v[drops[i]];

		if (!m->src)
			continue;
		sk_buf_adds(up, "DROP TABLE ");
		q_main(up, m->src->name);
		sk_buf_adds(up, ";\n");
	}
	for (size_t i = 0; i < g->n; i++)
		if (g->v[creates[i]].dst)
			add_stmt(up, g->v[creates[i]].dst->sql);
	for (size_t i = 0; i < g->n; i++) {
		const struct member *m = &g->v[creates[i]];
		bool first = true;

		if (!m->copy)
			continue;
		sk_buf_adds(up, "INSERT INTO ");
		q_main(up, m->dst->name);
		sk_buf_adds(up, " (");
		if (m->keep_rowid) {
			sk_buf_adds(up, rowid_name(m->dst));
			first = false;
		}
		for (size_t j = 0; j < m->dst->ncolumns; j++) {
			if (!m->map[j])
				continue;
			sk_buf_adds(up, first ? "" : ", ");
			q_ident(up, m->dst->columns[j].name);
			first = false;
		}
		sk_buf_adds(up, ") SELECT ");
		first = true;
		if (m->keep_rowid) {
			q_ident(up, m->rowid_col);
			first = false;
		}
		for (size_t j = 0; j < m->dst->ncolumns; j++) {
			if (!m->map[j])
				continue;
			sk_buf_adds(up, first ? "" : ", ");
			q_ident(up, m->map[j]);
			first = false;
		}
		sk_buf_adds(up, " FROM ");
		q_temp(up, m->hold);
		if (m->src_rowid) {
			sk_buf_adds(up, " ORDER BY ");
			q_ident(up, m->rowid_col);
		}
		sk_buf_adds(up, ";\n");
	}
	for (size_t i = 0; i < g->n; i++) {
		const struct member *m = &g->v[i];

		if (!m->seq)
			continue;
		sk_buf_adds(up, "DELETE FROM main.sqlite_sequence WHERE name = ");
		q_lit(up, m->dst->name);
		sk_buf_adds(up, ";\nINSERT INTO main.sqlite_sequence (name, seq) SELECT ");
		q_lit(up, m->dst->name);
		sk_buf_adds(up, ", seq FROM temp._sk_seq WHERE name = ");
		q_lit(up, m->src->name);
		sk_buf_adds(up, ";\n");
	}
	for (size_t i = 0; i < g->n; i++) {
		const struct sk_table *d = g->v[creates[i]].dst;

		for (size_t k = 0; d && k < d->nindexes; k++)
			add_stmt(up, d->indexes[k].definition);
	}
	for (size_t i = 0; i < g->n; i++) {
		const struct sk_table *d = g->v[creates[i]].dst;

		for (size_t k = 0; d && k < d->ntriggers; k++)
			add_stmt(up, d->triggers[k].definition);
	}
	gen_fk_check(up, a, g, cur);
	for (size_t i = 0; i < g->n; i++) {
		if (!g->v[i].copy)
			continue;
		sk_buf_adds(up, "DROP TABLE ");
		q_temp(up, g->v[i].hold);
		sk_buf_adds(up, ";\n");
	}
	if (seq)
		sk_buf_adds(up, "DROP TABLE temp._sk_seq;\n");
	free(drops);
	free(creates);
}

/* What a member list is called in messages. */
static void group_object(struct sk_buf *out, const struct group *g)
{
	size_t n = 0;

	for (size_t i = 0; i < g->n; i++)
		n += !g->v[i].identity;
	sk_buf_adds(out, n > 1 ? "tables " : "table ");
	add_member_list(out, g, false);
}

/* A member of a group op: names to resolve against the replica as it is
 * when the op runs. */
struct spec {
	const char *src;            /* the current name, or NULL (created) */
	const struct sk_table *dst; /* or NULL (dropped) */
	const struct colren *ren;
	size_t nren;
};

/*
 * A group op (create, rebuild or drop tables): resolves the members on the
 * replica as it is now, closes the group, writes up and runs it, writes
 * down from the state up left (closing the group there again) and checks
 * that it gives back the schema.
 */
static int group_op(struct planner *p, const struct spec *specs, size_t n, const char *comment)
{
	struct sk_model *cur = NULL, *post = NULL;
	struct group g = {NULL, 0, 0}, back = {NULL, 0, 0};
	struct sk_buf up = SK_BUF_INIT, down = SK_BUF_INIT, why = SK_BUF_INIT, object = SK_BUF_INIT;
	struct sk_rows before = SK_ROWS_INIT;
	int rc = introspect(p, &cur);

	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct member *m = group_add(&g);

		m->src = specs[i].src ? table_ci(cur, specs[i].src) : NULL;
		m->dst = specs[i].dst;
		m->ren = specs[i].ren;
		m->nren = specs[i].nren;
		if (specs[i].src && !m->src)
			rc = sk_error_set(p->err, SK_ERR_INTERNAL,
			                  "cannot plan the SQLite migration: table \"%s\" is missing",
			                  specs[i].src);
	}
	if (rc)
		goto done;
	close_group(&g, cur);
	gen_rebuild(&up, &why, &p->a, &g, cur, comment);
	group_object(&object, &g);
	if ((rc = run_up(p, &before, up.buf, object.buf)) != 0 || (rc = introspect(p, &post)) != 0)
		goto done;
	for (size_t i = 0; i < g.n; i++) {
		const struct member *m = &g.v[i];
		struct member *b = group_add(&back);

		b->src = m->dst ? table_ci(post, m->dst->name) : NULL;
		b->dst = m->src;
		b->identity = m->identity;
		if (m->nren) {
			struct colren *inverse = sk_arena_calloc(&p->a, m->nren, sizeof(*inverse));

			for (size_t r = 0; r < m->nren; r++)
				inverse[r] = (struct colren){m->ren[r].to, m->ren[r].from};
			b->ren = inverse;
			b->nren = m->nren;
		}
		if (m->dst && !b->src) {
			rc = sk_error_set(p->err, SK_ERR_INTERNAL,
			                  "cannot plan the SQLite migration: table \"%s\" was not created",
			                  m->dst->name);
			goto done;
		}
	}
	close_group(&back, post);
	gen_rebuild(&down, NULL, &p->a, &back, post, comment);
	if ((rc = check_down(p, &before, down.buf, object.buf)) != 0)
		goto done;
	sk_diff_add(&p->ops, object.buf, up.buf, down.buf, why.len > 0, why.len ? why.buf : NULL);
done:
	sk_model_free(cur);
	sk_model_free(post);
	sk_rows_release(&before);
	free(g.v);
	free(back.v);
	sk_buf_release(&up);
	sk_buf_release(&down);
	sk_buf_release(&why);
	sk_buf_release(&object);
	return rc;
}

/* ---- pairing ----------------------------------------------------------- */

/* Pairs each table of `to` with the table of `from` it comes from: the
 * one a rename hint names, else the one of the same name. A hint that
 * does not apply (its old table is gone, its new name already taken) is
 * ignored: hints stay in schema/ after their migration is applied. */
static void pair_tables(struct planner *p)
{
	const struct sk_model *F = p->from, *T = p->to;
	bool *used = sk_xcalloc(F->ntables + 1, sizeof(*used));

	p->npairs = T->ntables;
	p->pairs = sk_arena_calloc(&p->a, T->ntables + 1, sizeof(*p->pairs));
	for (size_t i = 0; i < T->ntables; i++) {
		const struct sk_table *t = &T->tables[i], *f = NULL;
		struct pair *pr = &p->pairs[i];

		for (size_t r = 0; r < p->opts->nrenames; r++) {
			const struct sk_rename *h = &p->opts->renames[r];
			const char *old = unqualified(h->table);

			if (!h->column && name_eq(h->to, t->name) && table_ci(F, old) && !table_ci(T, old) &&
			    !table_ci(F, t->name))
				f = table_ci(F, old);
		}
		if (!f)
			f = table_ci(F, t->name);
		if (f && used[f - F->tables])
			f = NULL;
		if (f)
			used[f - F->tables] = true;
		pr->f = f;
		pr->t = t;
		for (size_t r = 0; f && r < p->opts->nrenames; r++) {
			const struct sk_rename *h = &p->opts->renames[r];
			const char *tn = unqualified(h->table);
			const struct sk_column *fc, *tc;

			if (!h->column || !(name_eq(tn, f->name) || name_eq(tn, t->name)))
				continue;
			fc = column_ci(f, h->column);
			tc = column_ci(t, h->to);
			if (!fc || !tc || column_ci(f, h->to) || column_ci(t, h->column))
				continue;
			if (!pr->ren)
				pr->ren = sk_arena_calloc(&p->a, p->opts->nrenames, sizeof(*pr->ren));
			pr->ren[pr->nren++] = (struct colren){fc->name, tc->name};
		}
	}
	p->removed = sk_arena_calloc(&p->a, F->ntables + 1, sizeof(*p->removed));
	for (size_t i = 0; i < F->ntables; i++)
		if (!used[i])
			p->removed[p->nremoved++] = &F->tables[i];
	free(used);
}

/* The name column c of f has in `to`. */
static const char *renamed_column(const struct pair *pr, const char *c)
{
	for (size_t r = 0; r < pr->nren; r++)
		if (name_eq(pr->ren[r].from, c))
			return pr->ren[r].to;
	return c;
}

static bool drops_columns(const struct pair *pr)
{
	for (size_t i = 0; i < pr->f->ncolumns; i++)
		if (!column_ci(pr->t, renamed_column(pr, pr->f->columns[i].name)))
			return true;
	return false;
}

/* ---- a, b, c: what goes before the tables change ------------------------- */

/* The views of m, dependencies first (ties by name; a cycle is broken by
 * name), as indexes. */
static size_t *view_order(const struct sk_model *m)
{
	size_t n = m->nviews, *order = sk_xcalloc(n + 1, sizeof(*order));
	bool *done = sk_xcalloc(n + 1, sizeof(*done));

	for (size_t k = 0; k < n; k++) {
		size_t best = n, fallback = n;

		for (size_t i = 0; i < n; i++) {
			bool ready = true;

			if (done[i])
				continue;
			if (fallback == n || strcmp(m->views[i].name, m->views[fallback].name) < 0)
				fallback = i;
			for (size_t d = 0; d < m->views[i].ndeps && ready; d++) {
				const struct sk_ref *r = &m->views[i].deps[d];

				for (size_t j = 0; j < n && ready && r->kind == SK_OBJ_VIEW; j++)
					if (j != i && !done[j] && name_eq(m->views[j].name, r->name))
						ready = false;
			}
			if (ready && (best == n || strcmp(m->views[i].name, m->views[best].name) < 0))
				best = i;
		}
		if (best == n)
			best = fallback;
		done[best] = true;
		order[k] = best;
	}
	free(done);
	return order;
}

struct trg_ref {
	const struct sk_trigger *t;
	const char *owner;
};

static int cmp_trg_ref(const void *a, const void *b)
{
	return strcmp(((const struct trg_ref *)a)->t->name, ((const struct trg_ref *)b)->t->name);
}

/* Every trigger of m (on tables and on views), by name. */
static size_t all_triggers(struct trg_ref **out, const struct sk_model *m)
{
	size_t n = 0, k = 0;

	for (size_t i = 0; i < m->ntables; i++)
		n += m->tables[i].ntriggers;
	for (size_t i = 0; i < m->nviews; i++)
		n += m->views[i].ntriggers;
	*out = sk_xcalloc(n + 1, sizeof(**out));
	for (size_t i = 0; i < m->ntables; i++)
		for (size_t j = 0; j < m->tables[i].ntriggers; j++)
			(*out)[k++] = (struct trg_ref){&m->tables[i].triggers[j], m->tables[i].name};
	for (size_t i = 0; i < m->nviews; i++)
		for (size_t j = 0; j < m->views[i].ntriggers; j++)
			(*out)[k++] = (struct trg_ref){&m->views[i].triggers[j], m->views[i].name};
	qsort(*out, n, sizeof(**out), cmp_trg_ref);
	return n;
}

struct idx_ref {
	const struct sk_index *ix;
	const struct sk_table *owner;
};

static int cmp_idx_ref(const void *a, const void *b)
{
	return strcmp(((const struct idx_ref *)a)->ix->name, ((const struct idx_ref *)b)->ix->name);
}

/* kind as SQL spells it ("INDEX"), what as messages do ("index") */
static int drop_op(struct planner *p, const char *kind, const char *what, const char *name,
                   const char *definition)
{
	struct sk_buf up = SK_BUF_INIT, down = SK_BUF_INIT, object = SK_BUF_INIT;
	int rc;

	sk_buf_addf(&up, "DROP %s ", kind);
	q_main(&up, name);
	sk_buf_adds(&up, ";\n");
	add_stmt(&down, definition);
	sk_buf_addf(&object, "%s main.%s", what, name);
	rc = commit_op(p, object.buf, up.buf, down.buf, false, NULL);
	sk_buf_release(&up);
	sk_buf_release(&down);
	sk_buf_release(&object);
	return rc;
}

static int create_op(struct planner *p, const char *kind, const char *what, const char *name,
                     const char *definition, const char *why)
{
	struct sk_buf up = SK_BUF_INIT, down = SK_BUF_INIT, object = SK_BUF_INIT;
	int rc;

	add_stmt(&up, definition);
	sk_buf_addf(&down, "DROP %s ", kind);
	q_main(&down, name);
	sk_buf_adds(&down, ";\n");
	sk_buf_addf(&object, "%s main.%s", what, name);
	rc = commit_op(p, object.buf, up.buf, down.buf, why != NULL, why);
	sk_buf_release(&up);
	sk_buf_release(&down);
	sk_buf_release(&object);
	return rc;
}

/* Whether ALTER TABLE would rewrite or refuse index ix of f: the table is
 * renamed, or the index mentions a column that is renamed or dropped. */
static bool index_affected(struct planner *p, const struct sk_table *f, const struct sk_index *ix)
{
	struct names cols = {NULL, 0, 0};
	const struct pair *pr = NULL;
	bool affected;

	for (size_t i = 0; i < p->npairs && !pr; i++)
		if (p->pairs[i].f == f)
			pr = &p->pairs[i];
	if (!pr || strcmp(f->name, pr->t->name))
		return true;
	for (size_t i = 0; i < f->ncolumns; i++) {
		const char *n = renamed_column(pr, f->columns[i].name);

		if (n != f->columns[i].name || !column_ci(pr->t, n))
			names_add(&cols, &p->a, f->columns[i].name);
	}
	affected = cols.n && mentions(ix->definition, &cols, NULL);
	names_release(&cols);
	return affected;
}

static int phase_teardown(struct planner *p)
{
	const struct sk_model *F = p->from, *T = p->to;
	struct names A = {NULL, 0, 0}, VD = {NULL, 0, 0};
	struct trg_ref *trg = NULL;
	struct idx_ref *idx = NULL;
	size_t ntrg, nidx = 0, *order = NULL;
	bool more = true;
	int rc = 0;

	/* tables whose name or columns' names go: SQLite rewrites or checks
	 * what mentions them */
	for (size_t i = 0; i < p->nremoved; i++)
		names_add(&A, &p->a, p->removed[i]->name);
	for (size_t i = 0; i < p->npairs; i++) {
		const struct pair *pr = &p->pairs[i];

		if (pr->f && (strcmp(pr->f->name, pr->t->name) || pr->nren || drops_columns(pr)))
			names_add(&A, &p->a, pr->f->name);
	}
	while (more) {
		more = false;
		for (size_t i = 0; i < F->nviews; i++) {
			const struct sk_view *v = &F->views[i], *tv = view_ci(T, v->name);
			bool drop;

			if (names_has(&VD, v->name))
				continue;
			drop = !tv || !str_eq(tv->definition, v->definition) ||
			       names_has(&p->forced, v->name);
			for (size_t d = 0; d < v->ndeps && !drop; d++)
				drop = names_has(v->deps[d].kind == SK_OBJ_VIEW ? &VD : &A, v->deps[d].name);
			if (drop)
				more = names_add(&VD, &p->a, v->name);
		}
	}

	/* a. triggers */
	ntrg = all_triggers(&trg, F);
	for (size_t i = 0; rc == 0 && i < ntrg; i++) {
		const struct sk_trigger *t = trg[i].t, *tt = trigger_ci(T, t->name);

		if (tt && str_eq(tt->definition, t->definition) && !names_has(&p->forced, t->name) &&
		    !names_has(&A, trg[i].owner) && !names_has(&VD, trg[i].owner) &&
		    !mentions(t->definition, &A, &VD))
			continue;
		rc = drop_op(p, "TRIGGER", "trigger", t->name, t->definition);
	}

	/* b. views, dependants first */
	order = view_order(F);
	for (size_t k = F->nviews; rc == 0 && k > 0; k--) {
		const struct sk_view *v = &F->views[order[k - 1]];

		if (names_has(&VD, v->name))
			rc = drop_op(p, "VIEW", "view", v->name, v->definition);
	}

	/* c. indexes of the tables that stay; those of the tables that go
	 * go with them, unless a new table needs the name first */
	for (size_t i = 0; i < F->ntables; i++)
		nidx += F->tables[i].nindexes;
	idx = sk_xcalloc(nidx + 1, sizeof(*idx));
	nidx = 0;
	for (size_t i = 0; i < F->ntables; i++)
		for (size_t j = 0; j < F->tables[i].nindexes; j++)
			idx[nidx++] = (struct idx_ref){&F->tables[i].indexes[j], &F->tables[i]};
	qsort(idx, nidx, sizeof(*idx), cmp_idx_ref);
	for (size_t i = 0; rc == 0 && i < nidx; i++) {
		const struct sk_index *ix = idx[i].ix, *tix = index_ci(T, ix->name);
		bool removed = false;

		for (size_t k = 0; k < p->nremoved; k++)
			removed = removed || p->removed[k] == idx[i].owner;
		if (removed ? !tix
		            : tix && str_eq(tix->definition, ix->definition) &&
		                      !names_has(&p->forced, ix->name) &&
		                      !index_affected(p, idx[i].owner, ix))
			continue;
		rc = drop_op(p, "INDEX", "index", ix->name, ix->definition);
	}
	free(order);
	free(trg);
	free(idx);
	names_release(&A);
	names_release(&VD);
	return rc;
}

/* ---- d: ALTER TABLE in place ------------------------------------------- */

/* The stored text of table `name` on the replica (exact name), or false. */
static bool rep_table_sql(struct planner *p, const char *name, struct sk_buf *out)
{
	struct sk_rows r = SK_ROWS_INIT;
	struct sk_error ignored = SK_ERROR_INIT;
	const char *param[1] = {name};
	bool found = false;

	sk_buf_reset(out);
	if (sk_db_query(p->rep, &r, "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = $1",
	                1, param, &ignored) == 0 &&
	    r.nrows == 1 && sk_rows_get(&r, 0, 0)) {
		sk_buf_adds(out, sk_rows_get(&r, 0, 0));
		found = true;
	}
	sk_rows_release(&r);
	return found;
}

/*
 * Whether ALTER TABLE ADD COLUMN takes column c (definition d of t) on a
 * table that has rows. SQLite refuses a PRIMARY KEY, UNIQUE or STORED
 * column always (the replica shows that), but checks these only against
 * existing rows: NOT NULL without a non-NULL default, a default that is
 * not constant, REFERENCES with a non-NULL default; they are left to a
 * rebuild. *check is set when the column has a CHECK constraint (SQLite
 * tests it on the existing rows).
 */
static bool addable(const struct sk_table *t, const struct sk_column *c, const struct tks *ts,
                    const struct coldef *d, bool *check)
{
	const struct sk_constraint *pk = sk_table_primary_key(t);
	bool fk = false;
	int depth = ts->v[d->b].depth;

	for (size_t i = 0; pk && i < pk->ncolumns; i++)
		if (name_eq(pk->columns[i], c->name))
			return false;
	for (size_t i = d->b; i < d->e; i++) {
		if (ts->v[i].depth != depth)
			continue;
		if (tk_kw(&ts->v[i], "PRIMARY") || tk_kw(&ts->v[i], "UNIQUE"))
			return false;
		if (tk_kw(&ts->v[i], "CHECK"))
			*check = true;
		if (tk_kw(&ts->v[i], "REFERENCES"))
			fk = true;
	}
	if (c->generated_expr)
		return !c->generated_stored && !c->not_null;
	if (c->default_expr && !default_is_literal(c->default_expr))
		return false;
	if (t->strict && !default_fits_strict(c->type, c->default_expr))
		return false;
	if (c->not_null && is_null_literal(c->default_expr))
		return false;
	return !(fk && !is_null_literal(c->default_expr));
}

/* How a rename's new name is spelled: as the desired text spells it, so
 * that SQLite writes it the same way (it quotes a name in the rewritten
 * text exactly when the ALTER TABLE statement quoted it). */
static void add_spelling(struct sk_buf *b, const struct tks *ts, const struct coldef *d, const char *name)
{
	struct sk_buf id = SK_BUF_INIT;

	if (d) {
		tk_ident(&id, &ts->v[d->b]);
		if (!strcmp(id.buf, name) && ts->v[d->b].kind != SK_TOK_STRING) {
			sk_buf_add(b, ts->v[d->b].s, ts->v[d->b].len);
			sk_buf_release(&id);
			return;
		}
	}
	sk_buf_release(&id);
	q_ident(b, name);
}

static const struct coldef *coldef_of(const struct sk_table *t, const struct coldef *defs, size_t ndefs,
                                      const char *name)
{
	if (ndefs != t->ncolumns)
		return NULL;
	for (size_t i = 0; i < t->ncolumns; i++)
		if (name_eq(t->columns[i].name, name))
			return &defs[i];
	return NULL;
}

/* Marks the indexes, views and triggers that an in-place change rewrote
 * (they have to be dropped beforehand): true when there was one. */
static bool force_rewritten(struct planner *p, const struct sk_rows *before, const struct sk_rows *after)
{
	bool any = false;

	for (size_t i = 0; i < before->nrows; i++) {
		const char *type = sk_rows_get(before, i, 1), *name = sk_rows_get(before, i, 2);
		size_t j;

		if (strcmp(sk_rows_get(before, i, 0), "main") || !strcmp(type, "table"))
			continue;
		j = row_of(after, type, name);
		if (j == (size_t)-1 || !str_eq(sk_rows_get(before, i, 4), sk_rows_get(after, j, 4)))
			any = names_add(&p->forced, &p->a, name) || any;
	}
	return any;
}

struct inplace {
	struct tks tt, ft;
	struct coldef *tdefs, *fdefs;
	size_t ntdefs, nfdefs;
	size_t *dropped, *added; /* column indexes in f and in t */
	size_t ndropped, nadded;
	bool check; /* an added column has a CHECK */
};

static void inplace_release(struct inplace *ip)
{
	tks_release(&ip->tt);
	tks_release(&ip->ft);
	free(ip->tdefs);
	free(ip->fdefs);
	free(ip->dropped);
	free(ip->added);
}

/* Whether the change of columns can be DROP COLUMNs and ADD COLUMNs: the
 * columns that stay keep their order and the new ones come last. */
static bool column_candidate(struct inplace *ip, const struct pair *pr)
{
	const struct sk_table *f = pr->f, *t = pr->t;
	size_t kept = 0;

	ip->dropped = sk_xcalloc(f->ncolumns + 1, sizeof(*ip->dropped));
	ip->added = sk_xcalloc(t->ncolumns + 1, sizeof(*ip->added));
	for (size_t i = 0; i < f->ncolumns; i++) {
		const char *n = renamed_column(pr, f->columns[i].name);

		if (!column_ci(t, n))
			ip->dropped[ip->ndropped++] = i;
		else if (kept >= t->ncolumns || !name_eq(t->columns[kept++].name, n))
			return false;
	}
	for (size_t j = kept; j < t->ncolumns; j++) {
		const struct coldef *d = coldef_of(t, ip->tdefs, ip->ntdefs, t->columns[j].name);

		for (size_t i = 0; i < f->ncolumns; i++)
			if (name_eq(renamed_column(pr, f->columns[i].name), t->columns[j].name))
				return false;
		if (!d || !addable(t, &t->columns[j], &ip->tt, d, &ip->check))
			return false;
		ip->added[ip->nadded++] = j;
	}
	return ip->ndropped + ip->nadded > 0;
}

/* The statements that undo the op's in-place statements, where ALTER
 * TABLE can: the added columns dropped, the dropped ones added back when
 * they were the last ones, the renames reversed. */
static void gen_inverse(struct sk_buf *inv, const struct pair *pr, const struct inplace *ip, bool cols,
                        const struct sk_table *f0)
{
	const struct sk_table *t = pr->t;
	bool trailing = true, check = false;

	if (cols) {
		for (size_t k = ip->nadded; k > 0; k--) {
			sk_buf_adds(inv, "ALTER TABLE ");
			q_main(inv, t->name);
			sk_buf_adds(inv, " DROP COLUMN ");
			q_ident(inv, t->columns[ip->added[k - 1]].name);
			sk_buf_adds(inv, ";\n");
		}
		for (size_t k = 0; k < ip->ndropped; k++) {
			const struct sk_column *c = &f0->columns[ip->dropped[k]];
			const struct coldef *d = coldef_of(f0, ip->fdefs, ip->nfdefs, c->name);

			trailing = trailing && ip->dropped[k] == f0->ncolumns - ip->ndropped + k && d &&
			           addable(f0, c, &ip->ft, d, &check);
		}
		for (size_t k = 0; trailing && k < ip->ndropped; k++) {
			const struct coldef *d =
			        coldef_of(f0, ip->fdefs, ip->nfdefs, f0->columns[ip->dropped[k]].name);

			sk_buf_adds(inv, "ALTER TABLE ");
			q_main(inv, t->name);
			sk_buf_adds(inv, " ADD COLUMN ");
			sk_buf_add(inv, d->s, d->len);
			sk_buf_adds(inv, ";\n");
		}
	}
	for (size_t r = pr->nren; r > 0; r--) {
		sk_buf_adds(inv, "ALTER TABLE ");
		q_main(inv, t->name);
		sk_buf_adds(inv, " RENAME COLUMN ");
		q_ident(inv, pr->ren[r - 1].to);
		sk_buf_adds(inv, " TO ");
		add_spelling(inv, &ip->ft, coldef_of(f0, ip->fdefs, ip->nfdefs, pr->ren[r - 1].from),
		             pr->ren[r - 1].from);
		sk_buf_adds(inv, ";\n");
	}
	if (strcmp(pr->f->name, t->name)) {
		sk_buf_adds(inv, "ALTER TABLE ");
		q_main(inv, t->name);
		sk_buf_adds(inv, " RENAME TO ");
		q_ident(inv, pr->f->name);
		sk_buf_adds(inv, ";\n");
	}
}

/*
 * The down step of an in-place op, found on the replica (which is after
 * up): the inverse statements where they run, then a rebuild of every
 * table whose text is not yet what it was (SQLite quotes a renamed table's
 * name, and rewrites the REFERENCES of its children). Checked to give back
 * `before` exactly.
 */
static int inplace_down(struct planner *p, struct sk_buf *down, const struct pair *pr, const char *inverse,
                        const struct sk_model *pre, const struct sk_rows *before, const char *object)
{
	struct sk_model *cur = NULL;
	struct sk_rows now = SK_ROWS_INIT;
	struct group g = {NULL, 0, 0};
	struct colren *back = NULL;
	bool inv_ok;
	int rc = rep_exec(p, "SAVEPOINT sk_back");

	if (rc)
		return rc;
	inv_ok = rep_try(p, inverse);
	if (!inv_ok) {
		rep_try(p, "ROLLBACK TO sk_back");
		if (pr->nren) {
			back = sk_arena_calloc(&p->a, pr->nren, sizeof(*back));
			for (size_t r = 0; r < pr->nren; r++)
				back[r] = (struct colren){pr->ren[r].to, pr->ren[r].from};
		}
	}
	if ((rc = introspect(p, &cur)) != 0 || (rc = snapshot(&now, p->rep, p->err)) != 0)
		goto done;
	for (size_t i = 0; i < before->nrows; i++) {
		const char *name = sk_rows_get(before, i, 2);
		size_t j = row_of(&now, "table", name);
		bool ours = name_eq(name, pr->f->name);
		struct member *m;

		if (strcmp(sk_rows_get(before, i, 0), "main") || strcmp(sk_rows_get(before, i, 1), "table"))
			continue;
		if (j != (size_t)-1 && same_definition(sk_rows_get(before, i, 4), sk_rows_get(&now, j, 4)))
			continue;
		m = group_add(&g);
		m->src = table_ci(cur, ours && !inv_ok ? pr->t->name : name);
		m->dst = table_ci(pre, name);
		if (ours && back) {
			m->ren = back;
			m->nren = pr->nren;
		}
		if (!m->src || !m->dst) {
			rc = sk_error_set(p->err, SK_ERR_INTERNAL,
			                  "cannot plan the SQLite migration: table \"%s\" is missing", name);
			goto done;
		}
	}
	if (inv_ok)
		sk_buf_adds(down, inverse);
	if (g.n) {
		struct sk_buf fix = SK_BUF_INIT;

		close_group(&g, cur);
		gen_rebuild(&fix, NULL, &p->a, &g, cur, "rebuild");
		sk_buf_adds(down, fix.buf);
		if ((rc = rep_exec(p, fix.buf)) != 0)
			rc = rep_error(p, "the down step of", object);
		sk_buf_release(&fix);
	}
done:
	rep_try(p, "ROLLBACK TO sk_back");
	rep_try(p, "RELEASE sk_back");
	sk_model_free(cur);
	sk_rows_release(&now);
	free(g.v);
	/* and the whole down step, as it will run */
	if (rc == 0)
		rc = check_down(p, before, down->buf, object);
	return rc;
}

static int phase_inplace(struct planner *p, struct pair *pr)
{
	const struct sk_table *f = pr->f, *t = pr->t;
	bool renamed = strcmp(f->name, t->name) != 0, cand = false, cols_kept = false;
	struct inplace ip;
	struct sk_model *pre = NULL;
	struct sk_rows before = SK_ROWS_INIT, after = SK_ROWS_INIT;
	struct sk_buf ren = SK_BUF_INIT, cols = SK_BUF_INIT, inv = SK_BUF_INIT, up = SK_BUF_INIT,
	              down = SK_BUF_INIT, why = SK_BUF_INIT, object = SK_BUF_INIT, text = SK_BUF_INIT;
	const struct sk_table *f0;
	int rc = 0;

	memset(&ip, 0, sizeof(ip));
	if (is_virtual(f) || is_virtual(t))
		return 0;
	if (lex(&ip.tt, t->sql) == 0)
		ip.ntdefs = column_defs(&ip.tdefs, &ip.tt);
	if (!same_definition(f->sql, t->sql))
		cand = column_candidate(&ip, pr);
	if (!renamed && !pr->nren && !cand)
		goto done;
	if ((rc = introspect(p, &pre)) != 0 || (rc = snapshot(&before, p->rep, p->err)) != 0)
		goto done;
	/* the table as it is now (an earlier op may have rewritten it) */
	f0 = table_ci(pre, f->name);
	if (!f0 || lex(&ip.ft, f0->sql) < 0 || f0->ncolumns != f->ncolumns) {
		pr->inplace_failed = pr->nren || renamed;
		goto done;
	}
	ip.nfdefs = column_defs(&ip.fdefs, &ip.ft);

	if (renamed) {
		sk_buf_adds(&ren, "ALTER TABLE ");
		q_main(&ren, f->name);
		sk_buf_adds(&ren, " RENAME TO ");
		q_ident(&ren, t->name);
		sk_buf_adds(&ren, ";\n");
	}
	for (size_t r = 0; r < pr->nren; r++) {
		sk_buf_adds(&ren, "ALTER TABLE ");
		q_main(&ren, t->name);
		sk_buf_adds(&ren, " RENAME COLUMN ");
		q_ident(&ren, pr->ren[r].from);
		sk_buf_adds(&ren, " TO ");
		add_spelling(&ren, &ip.tt, coldef_of(t, ip.tdefs, ip.ntdefs, pr->ren[r].to), pr->ren[r].to);
		sk_buf_adds(&ren, ";\n");
	}
	if (ren.len) {
		bool ok;

		if ((rc = rep_exec(p, "SAVEPOINT sk_ren")) != 0)
			goto done;
		ok = rep_try(p, ren.buf);
		if (!ok)
			rep_try(p, "ROLLBACK TO sk_ren");
		rep_try(p, "RELEASE sk_ren");
		if (!ok) {
			/* e.g. a view that does not compile: the rebuild maps the names */
			pr->inplace_failed = true;
			sk_buf_reset(&ren);
			cand = false;
		}
	}
	if (cand) {
		for (size_t k = 0; k < ip.ndropped; k++) {
			sk_buf_adds(&cols, "ALTER TABLE ");
			q_main(&cols, t->name);
			sk_buf_adds(&cols, " DROP COLUMN ");
			q_ident(&cols, f->columns[ip.dropped[k]].name);
			sk_buf_adds(&cols, ";\n");
		}
		for (size_t k = 0; k < ip.nadded; k++) {
			const struct coldef *d =
			        coldef_of(t, ip.tdefs, ip.ntdefs, t->columns[ip.added[k]].name);

			sk_buf_adds(&cols, "ALTER TABLE ");
			q_main(&cols, t->name);
			sk_buf_adds(&cols, " ADD COLUMN ");
			sk_buf_add(&cols, d->s, d->len);
			sk_buf_adds(&cols, ";\n");
		}
		if ((rc = rep_exec(p, "SAVEPOINT sk_cols")) != 0)
			goto done;
		/* SQLite's text now differs from the desired one in white
		 * space only (same_definition), whatever the layout */
		cols_kept = rep_try(p, cols.buf) && rep_table_sql(p, t->name, &text) &&
		            same_definition(text.buf, t->sql);
		if (!cols_kept) {
			rep_try(p, "ROLLBACK TO sk_cols");
			sk_buf_reset(&cols);
		}
		rep_try(p, "RELEASE sk_cols");
	}
	sk_buf_addf(&up, "%s%s", ren.buf, cols.buf);
	if (!up.len)
		goto done;
	if ((rc = snapshot(&after, p->rep, p->err)) != 0)
		goto done;
	if (force_rewritten(p, &before, &after)) {
		rc = RESTART;
		goto done;
	}
	sk_buf_addf(&object, "table main.%s", t->name);
	gen_inverse(&inv, pr, &ip, cols_kept, f0);
	if ((rc = inplace_down(p, &down, pr, inv.buf, pre, &before, object.buf)) != 0)
		goto done;
	for (size_t k = 0; cols_kept && k < ip.ndropped; k++) {
		sk_buf_adds(&why, why.len ? "; " : "");
		sk_buf_addf(&why, "drops column main.%s.%s (down adds it back empty)", t->name,
		            f->columns[ip.dropped[k]].name);
	}
	if (cols_kept && ip.check) {
		sk_buf_adds(&why, why.len ? "; " : "");
		sk_buf_addf(
		        &why,
		        "a new column of main.%s has a CHECK constraint: fails on rows that do not pass it",
		        t->name);
	}
	sk_diff_add(&p->ops, object.buf, up.buf, down.buf, why.len > 0, why.len ? why.buf : NULL);
done:
	sk_model_free(pre);
	sk_rows_release(&before);
	sk_rows_release(&after);
	inplace_release(&ip);
	sk_buf_release(&ren);
	sk_buf_release(&cols);
	sk_buf_release(&inv);
	sk_buf_release(&up);
	sk_buf_release(&down);
	sk_buf_release(&why);
	sk_buf_release(&object);
	sk_buf_release(&text);
	return rc;
}

/* ---- e: tables ----------------------------------------------------------- */

static size_t uf_find(size_t *parent, size_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

static bool action_between(const struct member *a, const struct member *b)
{
	const struct sk_table *ta[2] = {a->src, a->dst}, *tb[2] = {b->src, b->dst};

	for (size_t i = 0; i < 2; i++)
		for (size_t k = 0; k < 2; k++)
			if (ta[i] && tb[k] && has_action_fk(ta[i], tb[k]->name))
				return true;
	return false;
}

/* Whether member x must come before member y: x is y's parent by the
 * desired keys (rows are copied into a child once its parent is there),
 * or x has a key to y now that it will not have (a child drops or loses
 * its key before its parent changes, so the key never points at a table
 * or a column that is not what it references). */
static bool goes_before(const struct member *x, const struct member *y)
{
	bool now = x->src && y->src && has_fk_to(x->src, y->src->name);
	bool then = x->dst && y->dst && has_fk_to(x->dst, y->dst->name);

	return (y->dst && x->dst && has_fk_to(y->dst, x->dst->name)) || (now && !then);
}

/*
 * e. New tables are created, every table whose stored text is not
 * yet the desired one is rebuilt (with the tables its drop would fire ON
 * DELETE actions on), and the tables that go are dropped, as units ordered
 * by goes_before: creates and rebuilds first, a drop as soon as it has to.
 * Two rebuilt tables with a key between them before and after are one
 * unit (the parent's new key may not serve the child's old one, or the
 * other way round); so is what a cycle ties together. Within a unit
 * gen_rebuild drops children first and creates parents first.
 */
static int phase_tables(struct planner *p)
{
	struct sk_model *cur = NULL;
	struct group g = {NULL, 0, 0};
	struct spec *specs = NULL;
	size_t *parent = NULL, nspecs, nrebuilt;
	bool *done = NULL;
	int rc = introspect(p, &cur);

	for (size_t i = 0; rc == 0 && i < p->npairs; i++) {
		const struct pair *pr = &p->pairs[i];
		const struct sk_table *src;
		struct member *m;

		if (!pr->f)
			continue;
		src = table_ci(cur, pr->inplace_failed ? pr->f->name : pr->t->name);
		if (!src) {
			rc = sk_error_set(p->err, SK_ERR_INTERNAL,
			                  "cannot plan the SQLite migration: table \"%s\" is missing",
			                  pr->t->name);
			break;
		}
		if (!strcmp(src->name, pr->t->name) && same_definition(src->sql, pr->t->sql))
			continue;
		m = group_add(&g);
		m->src = src;
		m->dst = pr->t;
		if (pr->inplace_failed) {
			m->ren = pr->ren;
			m->nren = pr->nren;
		}
	}
	if (rc)
		goto done;
	close_group(&g, cur);
	if (g.n > 1)
		qsort(g.v, g.n, sizeof(*g.v), cmp_member);
	nrebuilt = g.n;
	for (size_t i = 0; i < p->npairs; i++)
		if (!p->pairs[i].f)
			group_add(&g)->dst = p->pairs[i].t;
	for (size_t i = 0; rc == 0 && i < p->nremoved; i++) {
		const struct sk_table *src = table_ci(cur, p->removed[i]->name);

		if (!src)
			rc = sk_error_set(p->err, SK_ERR_INTERNAL,
			                  "cannot plan the SQLite migration: table \"%s\" is missing",
			                  p->removed[i]->name);
		else
			group_add(&g)->src = src;
	}
	if (rc || !g.n)
		goto done;
	parent = sk_xcalloc(g.n, sizeof(*parent));
	done = sk_xcalloc(g.n, sizeof(*done));
	specs = sk_xcalloc(g.n, sizeof(*specs));
	for (size_t i = 0; i < g.n; i++)
		parent[i] = i;
	for (size_t i = 0; i < nrebuilt; i++)
		for (size_t k = 0; k < nrebuilt; k++) {
			const struct member *x = &g.v[i], *y = &g.v[k];

			if (i != k && (action_between(x, y) ||
			               (has_fk_to(x->src, y->src->name) && has_fk_to(x->dst, y->dst->name))))
				parent[uf_find(parent, i)] = uf_find(parent, k);
		}
	for (;;) {
		size_t unit = g.n, fallback = g.n, left = 0;

		/* a ready unit, one that creates or rebuilds if there is one */
		for (size_t i = 0; i < g.n; i++) {
			size_t u = uf_find(parent, i);
			bool ready = true;

			if (done[u] || u != i)
				continue;
			left++;
			for (size_t x = 0; x < g.n && ready; x++) {
				size_t v = uf_find(parent, x);

				if (v == u || done[v])
					continue;
				for (size_t y = 0; y < g.n && ready; y++)
					if (uf_find(parent, y) == u && goes_before(&g.v[x], &g.v[y]))
						ready = false;
			}
			if (!ready)
				continue;
			if (g.v[u].dst && unit == g.n)
				unit = u;
			if (fallback == g.n)
				fallback = u;
		}
		if (!left)
			break;
		if (unit == g.n)
			unit = fallback;
		if (unit == g.n) {
			/* a cycle: whatever is left is one unit */
			for (size_t i = 0; i < g.n; i++) {
				size_t r = uf_find(parent, i);

				if (done[r])
					continue;
				if (unit == g.n)
					unit = r;
				parent[r] = unit;
			}
		}
		done[unit] = true;
		nspecs = 0;
		/* the identity members come back when group_op closes the group */
		for (size_t k = 0; k < g.n; k++)
			if (uf_find(parent, k) == unit && !g.v[k].identity)
				specs[nspecs++] = (struct spec){
				        g.v[k].src ? sk_arena_strdup(&p->a, g.v[k].src->name) : NULL,
				        g.v[k].dst, g.v[k].ren, g.v[k].nren};
		if (nspecs &&
		    (rc = group_op(p, specs, nspecs, specs[0].src && specs[0].dst ? "rebuild" : NULL)) != 0)
			break;
	}
done:
	sk_model_free(cur);
	free(g.v);
	free(parent);
	free(done);
	free(specs);
	return rc;
}

/* ---- f, g, h: what goes after ------------------------------------------ */

static int phase_recreate(struct planner *p)
{
	const struct sk_model *T = p->to;
	struct sk_model *cur = NULL;
	struct idx_ref *idx = NULL;
	struct trg_ref *trg = NULL;
	size_t nidx = 0, ntrg, *order = NULL;
	int rc = introspect(p, &cur);

	if (rc)
		return rc;
	/* f. indexes */
	for (size_t i = 0; i < T->ntables; i++)
		nidx += T->tables[i].nindexes;
	idx = sk_xcalloc(nidx + 1, sizeof(*idx));
	nidx = 0;
	for (size_t i = 0; i < T->ntables; i++)
		for (size_t j = 0; j < T->tables[i].nindexes; j++)
			idx[nidx++] = (struct idx_ref){&T->tables[i].indexes[j], &T->tables[i]};
	qsort(idx, nidx, sizeof(*idx), cmp_idx_ref);
	for (size_t i = 0; rc == 0 && i < nidx; i++) {
		const struct sk_index *ix = idx[i].ix, *have = index_ci(cur, ix->name), *had;
		char *why = NULL;

		if (have && str_eq(have->definition, ix->definition))
			continue;
		if (have) {
			names_add(&p->forced, &p->a, ix->name);
			rc = RESTART;
			break;
		}
		had = index_ci(p->from, ix->name);
		if (ix->unique && !(had && str_eq(had->definition, ix->definition)))
			why = sk_xstrfmt("new unique index main.%s fails on duplicates", ix->name);
		rc = create_op(p, "INDEX", "index", ix->name, ix->definition, why);
		free(why);
	}

	/* g. views, dependencies first */
	order = view_order(T);
	for (size_t k = 0; rc == 0 && k < T->nviews; k++) {
		const struct sk_view *v = &T->views[order[k]], *have = view_ci(cur, v->name);

		if (have && str_eq(have->definition, v->definition))
			continue;
		if (have) {
			names_add(&p->forced, &p->a, v->name);
			rc = RESTART;
			break;
		}
		rc = create_op(p, "VIEW", "view", v->name, v->definition, NULL);
	}

	/* h. triggers */
	ntrg = all_triggers(&trg, T);
	for (size_t i = 0; rc == 0 && i < ntrg; i++) {
		const struct sk_trigger *t = trg[i].t, *have = trigger_ci(cur, t->name);

		if (have && str_eq(have->definition, t->definition))
			continue;
		if (have) {
			names_add(&p->forced, &p->a, t->name);
			rc = RESTART;
			break;
		}
		rc = create_op(p, "TRIGGER", "trigger", t->name, t->definition, NULL);
	}
	sk_model_free(cur);
	free(idx);
	free(order);
	free(trg);
	return rc;
}

/* The replica must now be `to`: an index, view or trigger that differs was
 * rewritten by SQLite along the way and is dropped first next time. */
static int final_check(struct planner *p)
{
	struct sk_rows now = SK_ROWS_INIT;
	bool again = false;
	int rc = snapshot(&now, p->rep, p->err);

	if (rc || rows_same(&now, &p->want))
		goto done;
	for (int side = 0; side < 2 && rc == 0; side++) {
		const struct sk_rows *a = side ? &p->want : &now, *b = side ? &now : &p->want;

		for (size_t i = 0; i < a->nrows && rc == 0; i++) {
			const char *type = sk_rows_get(a, i, 1), *name = sk_rows_get(a, i, 2);
			size_t j = row_of(b, type, name);

			if (j != (size_t)-1 && row_sql_same(a, i, b, j) &&
			    !strcmp(sk_rows_get(a, i, 0), "main"))
				continue;
			if (!strcmp(sk_rows_get(a, i, 0), "main") && strcmp(type, "table") &&
			    names_add(&p->forced, &p->a, name)) {
				again = true;
				continue;
			}
			rc = sk_error_set(
			        p->err, SK_ERR_INTERNAL,
			        "cannot plan the SQLite migration: %s %s \"%s\" does not come out as wanted",
			        sk_rows_get(a, i, 0), type, name);
		}
	}
	if (rc == 0 && again)
		rc = RESTART;
	else if (rc == 0)
		rc = sk_error_set(
		        p->err, SK_ERR_INTERNAL,
		        "cannot plan the SQLite migration: the result differs from the wanted schema");
done:
	sk_rows_release(&now);
	return rc;
}

static int plan(struct planner *p)
{
	int rc = phase_teardown(p);

	for (size_t i = 0; rc == 0 && i < p->npairs; i++)
		if (p->pairs[i].f)
			rc = phase_inplace(p, &p->pairs[i]);
	if (rc == 0)
		rc = phase_tables(p);
	if (rc == 0)
		rc = phase_recreate(p);
	if (rc == 0)
		rc = final_check(p);
	return rc;
}

static int open_memory(struct sk_db **out, const char *sql, const char *what, struct sk_error *err)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	int rc = sk_conninfo_parse(&ci, "sqlite::memory:", err);

	if (rc == 0)
		rc = sk_db_connect(out, &ci, err);
	if (rc == 0 && (rc = sk_db_exec(*out, sql, err)) != 0) {
		sk_error_prefix(err, "cannot load the %s schema into an in-memory SQLite database", what);
		sk_error_hint(err, "the differ replays both schemas; a module or collation the schema needs "
		                   "must be available to schemake");
	}
	sk_conninfo_release(&ci);
	return rc;
}

int sk_diff_sqlite(struct sk_diff *out, const struct sk_model *from, const struct sk_model *to,
                   const struct sk_diff_opts *opts, struct sk_error *err)
{
	static const struct sk_diff_opts none = {NULL, 0};
	struct planner p;
	struct sk_buf fs = SK_BUF_INIT, ts = SK_BUF_INIT;
	struct sk_db *target = NULL;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	p.from = from;
	p.to = to;
	p.opts = opts ? opts : &none;
	p.err = err;
	sk_emit_sql_sqlite(&fs, from);
	sk_emit_sql_sqlite(&ts, to);
	if (!strcmp(fs.buf, ts.buf))
		goto done;
	rc = open_memory(&target, ts.buf, "desired", err);
	if (rc == 0)
		rc = snapshot(&p.want, target, err);
	sk_db_free(target);
	if (rc)
		goto done;
	pair_tables(&p);
	for (int round = 0; round < MAX_ROUNDS; round++) {
		sk_db_free(p.rep);
		p.rep = NULL;
		sk_diff_release(&p.ops);
		for (size_t i = 0; i < p.npairs; i++)
			p.pairs[i].inplace_failed = false;
		rc = open_memory(&p.rep, fs.buf, "current", err);
		if (rc == 0)
			rc = plan(&p);
		if (rc != RESTART)
			break;
	}
	if (rc == RESTART)
		rc = sk_error_set(
		        err, SK_ERR_INTERNAL,
		        "cannot plan the SQLite migration: objects keep changing under ALTER TABLE");
	/* every plan is tried on the replica before it is returned: a failure
	 * there is the differ's bug, not the user's */
	if (rc < 0 && err && err->code == SK_ERR_INTERNAL)
		sk_error_hint(err,
		              "this is a bug in schemake's SQLite differ: please report it with both schemas "
		              "(schemake-dump of each) and the rename hints");
	for (size_t i = 0; rc == 0 && i < p.ops.nr; i++) {
		const struct sk_diff_op *op = &p.ops.ops[i];
		struct sk_diff_op *n =
		        sk_diff_add(out, op->object, op->up, op->down, op->destructive, op->why);

		n->no_transaction = op->no_transaction;
	}
done:
	sk_db_free(p.rep);
	sk_diff_release(&p.ops);
	sk_rows_release(&p.want);
	names_release(&p.forced);
	sk_arena_release(&p.a);
	sk_buf_release(&fs);
	sk_buf_release(&ts);
	return rc;
}
