/*
 * introspect/pg.c: reads a PostgreSQL database into a schema model from the
 * system catalogs.
 *
 * A fixed number of statements whatever the size of the schema: one setup
 * statement, one query per object kind (namespaces, extensions, types,
 * tables, sequences, views, functions, then the columns, constraints,
 * indexes and triggers of all relations at once, then the dependencies),
 * and one statement to end. Everything is read inside one read-only
 * snapshot (a REPEATABLE READ transaction, or a savepoint when the caller
 * already has a transaction open) with settings that make the server's
 * renderings independent of the session: an empty search_path (so every
 * name the server prints is schema-qualified), ISO dates, postgres
 * intervals, UTC, and exact floats. The settings are local and undone at
 * the end.
 *
 * Texts are the server's own (format_type, pg_get_expr, pg_get_*def);
 * comments come with each object (joined from pg_description). The key
 * columns of constraints and indexes come as attribute numbers and are
 * named on the client from the columns already read. Objects that belong
 * to an extension, system schemas, and the history table (unless asked
 * for) are left out. This file does not order anything for output (emit/)
 * and does not sort the model (sk_introspect does).
 */
#include "introspect/introspect.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "common/buf.h"
#include "migrate/history.h"

#include "common/banned.h"

/* Objects the dependency query can name, keyed by catalog and OID. */
enum oid_class {
	CLS_REL = 'r',  /* pg_class: tables, views, sequences, composite types' relations */
	CLS_TYPE = 't', /* pg_type: types, their array types, row types of tables and views */
	CLS_PROC = 'f'  /* pg_proc */
};

struct ent {
	unsigned oid;
	char cls;
	enum sk_obj_kind kind;
	void *obj;
};

/* One edge: `from` needs `ref` (whose object is `to`) to exist first. */
struct dep {
	enum sk_obj_kind from_kind;
	void *from;
	void *to;
	struct sk_ref ref;
};

/* One attribute of a user relation, from the columns query: constraint and
 * index keys (attribute numbers) are named from these on the client. */
struct attname {
	unsigned rel;
	int num;
	const char *name;
};

struct ctx {
	struct sk_model *m;
	struct sk_db *db;
	const struct sk_introspect_opts *opts;
	struct sk_error *err;
	int version;
	struct ent *ents;
	size_t nents, aents;
	bool sorted;
	struct dep *deps;
	size_t ndeps, adeps;
	unsigned *parent_oids;    /* per table: the parent of a partition, else 0 */
	struct attname *attnames; /* ordered by (rel, num), as the columns query is */
	size_t nattnames;
};

/* ---- SQL fragments ---- */

/* A user schema: not a system one (n is the pg_namespace alias). */
#define USER_NS(n)                                                                                           \
	n ".nspname NOT IN ('pg_catalog', 'information_schema') AND " n ".nspname !~ '^pg_toast' AND " n     \
	  ".nspname !~ '^pg_temp_'"

/* The object does not belong to an extension. */
#define NOT_EXT(catalog, oid)                                                                                \
	"NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '" catalog "'::regclass AND x.objid = " oid \
	" AND x.deptype = 'e')"

/* reloptions as "name=value, ...", values quoted unless plain words or
 * numbers (the way the server writes them in pg_get_indexdef). */
#define RELOPTIONS(opts)                                                                                     \
	"(SELECT string_agg(o.option_name || '=' || CASE WHEN o.option_value ~ "                             \
	"'^(-?[0-9]+(\\.[0-9]+)?|[a-z_][a-z0-9_]*)$' THEN o.option_value ELSE "                              \
	"quote_literal(o.option_value) END, "                                                                \
	"', ') FROM pg_options_to_table(" opts ") o)"

/* The comment of an object, as obj_description() / col_description() give
 * it, joined: those are SQL functions that run a query per row, and at
 * thousands of rows they were most of the server's time. */
#define DESCRIPTION(alias, catalog, oid, subid)                                                              \
	"LEFT JOIN pg_description " alias " ON " alias ".objoid = " oid " AND " alias                        \
	".classoid = '" catalog "'::regclass AND " alias ".objsubid = " subid "\n"

/* The names of the attributes numbered in an int2[] (conkey, confkey) of a
 * relation, in key order, as a JSON array. Only for a relation outside the
 * user schemas: those of the user schemas are named on the client
 * (names_of_attnums), from the columns already read. */
#define ATTNAMES_JSON(keys, rel)                                                                             \
	"(SELECT json_agg(a.attname ORDER BY u.n) FROM unnest(" keys ") WITH ORDINALITY u(attnum, n) "       \
	"JOIN pg_attribute a ON a.attrelid = " rel " AND a.attnum = u.attnum)"

/* ---- rows ---- */

static const char *cell(const struct sk_rows *r, size_t row, size_t col)
{
	return sk_rows_get(r, row, col);
}

static const char *str(struct ctx *c, const struct sk_rows *r, size_t row, size_t col)
{
	return sk_arena_strdup(&c->m->arena, cell(r, row, col));
}

/* A string, or NULL when the cell is NULL or empty. */
static const char *str_or_null(struct ctx *c, const struct sk_rows *r, size_t row, size_t col)
{
	const char *s = cell(r, row, col);

	return s && *s ? sk_arena_strdup(&c->m->arena, s) : NULL;
}

static bool boolean(const struct sk_rows *r, size_t row, size_t col)
{
	const char *s = cell(r, row, col);

	return s && s[0] == 't';
}

static unsigned oid_at(const struct sk_rows *r, size_t row, size_t col)
{
	const char *s = cell(r, row, col);

	return s ? (unsigned)strtoul(s, NULL, 10) : 0;
}

static long long ll_at(const struct sk_rows *r, size_t row, size_t col)
{
	const char *s = cell(r, row, col);

	return s ? strtoll(s, NULL, 10) : 0;
}

static char char_at(const struct sk_rows *r, size_t row, size_t col)
{
	const char *s = cell(r, row, col);

	return s ? s[0] : '\0';
}

/* A JSON array of strings (json_agg) into an arena array; NULL elements
 * stay NULL. */
static const char **json_strings(struct ctx *c, const char *text, size_t *n)
{
	struct json_object *arr;
	const char **out = NULL;
	size_t len;

	*n = 0;
	if (!text || !(arr = json_tokener_parse(text)))
		return NULL;
	if (json_object_is_type(arr, json_type_array) && (len = json_object_array_length(arr)) > 0) {
		out = sk_arena_calloc(&c->m->arena, len, sizeof(*out));
		for (size_t i = 0; i < len; i++) {
			struct json_object *e = json_object_array_get_idx(arr, i);
			out[i] = e ? sk_arena_strdup(&c->m->arena, json_object_get_string(e)) : NULL;
		}
		*n = len;
	}
	json_object_put(arr);
	return out;
}

/* The i-th element of the j-th row of a JSON array of arrays (NULL when
 * absent or null), copied into the arena. */
static const char *json_cell(struct ctx *c, struct json_object *rows, size_t j, size_t i)
{
	struct json_object *row = json_object_array_get_idx(rows, j);
	struct json_object *e = row ? json_object_array_get_idx(row, i) : NULL;

	return e ? sk_arena_strdup(&c->m->arena, json_object_get_string(e)) : NULL;
}

static struct json_object *json_rows(const char *text, size_t *n)
{
	struct json_object *arr;

	*n = 0;
	if (!text || !(arr = json_tokener_parse(text)))
		return NULL;
	if (!json_object_is_type(arr, json_type_array)) {
		json_object_put(arr);
		return NULL;
	}
	*n = json_object_array_length(arr);
	return arr;
}

/* ---- the OID map ---- */

static void add_ent(struct ctx *c, char cls, unsigned oid, enum sk_obj_kind kind, void *obj)
{
	if (!oid)
		return;
	SK_ALLOC_GROW(c->ents, c->nents + 1, c->aents);
	c->ents[c->nents].oid = oid;
	c->ents[c->nents].cls = cls;
	c->ents[c->nents].kind = kind;
	c->ents[c->nents].obj = obj;
	c->nents++;
	c->sorted = false;
}

static int cmp_ent(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	return (x->oid > y->oid) - (x->oid < y->oid);
}

static const struct ent *find_ent(struct ctx *c, char cls, unsigned oid)
{
	struct ent key;

	if (!c->sorted) {
		if (c->nents > 1)
			qsort(c->ents, c->nents, sizeof(*c->ents), cmp_ent);
		c->sorted = true;
	}
	key.cls = cls;
	key.oid = oid;
	return c->nents ? bsearch(&key, c->ents, c->nents, sizeof(*c->ents), cmp_ent) : NULL;
}

/* ---- queries ---- */

static int query(struct ctx *c, struct sk_rows *out, const char *sql)
{
	int rc = sk_db_query(c->db, out, sql, 0, NULL, c->err);

	if (rc)
		sk_error_prefix(c->err, "cannot read the schema of '%s'", sk_db_name(c->db));
	return rc;
}

/* The queries read as SQL, one clause a line: the formatter would break
 * them up around the macros. */
/* clang-format off */
static int read_namespaces(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	int rc = query(c, &r,
	               "SELECT n.nspname, ds.description\n"
	               "FROM pg_namespace n\n" DESCRIPTION("ds", "pg_namespace", "n.oid", "0")
	               "WHERE " USER_NS("n") " AND " NOT_EXT("pg_namespace", "n.oid"));

	if (rc)
		return rc;
	c->m->namespaces = sk_arena_calloc(&c->m->arena, r.nrows, sizeof(*c->m->namespaces));
	for (size_t i = 0; i < r.nrows; i++) {
		struct sk_namespace *ns = &c->m->namespaces[c->m->nnamespaces++];
		ns->name = str(c, &r, i, 0);
		ns->comment = str(c, &r, i, 1);
	}
	sk_rows_release(&r);
	return 0;
}

static int read_extensions(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	/* Built-in ones (plpgsql) have OIDs below FirstNormalObjectId; the
	 * comment the extension's control file sets is not kept. */
	int rc =
	        query(c, &r,
	              "SELECT e.extname, n.nspname,\n"
	              "  NULLIF(obj_description(e.oid, 'pg_extension'),\n"
	              "         (SELECT a.comment FROM pg_available_extensions a WHERE a.name = e.extname))\n"
	              "FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace\n"
	              "WHERE e.oid >= 16384");

	if (rc)
		return rc;
	c->m->extensions = sk_arena_calloc(&c->m->arena, r.nrows, sizeof(*c->m->extensions));
	for (size_t i = 0; i < r.nrows; i++) {
		struct sk_extension *e = &c->m->extensions[c->m->nextensions++];
		e->name = str(c, &r, i, 0);
		e->schema = str(c, &r, i, 1);
		e->comment = str(c, &r, i, 2);
	}
	sk_rows_release(&r);
	return 0;
}

static void fill_domain_checks(struct ctx *c, struct sk_type *t, const char *json)
{
	size_t n;
	struct json_object *rows = json_rows(json, &n);

	if (!rows)
		return;
	t->checks = sk_arena_calloc(&c->m->arena, n ? n : 1, sizeof(*t->checks));
	for (size_t j = 0; j < n; j++) {
		t->checks[j].name = json_cell(c, rows, j, 0);
		t->checks[j].definition = json_cell(c, rows, j, 1);
	}
	t->nchecks = n;
	json_object_put(rows);
}

static void fill_composite(struct ctx *c, struct sk_type *t, const char *json)
{
	size_t n;
	struct json_object *rows = json_rows(json, &n);

	if (!rows)
		return;
	t->attrs = sk_arena_calloc(&c->m->arena, n ? n : 1, sizeof(*t->attrs));
	for (size_t j = 0; j < n; j++) {
		t->attrs[j].name = json_cell(c, rows, j, 0);
		t->attrs[j].type = json_cell(c, rows, j, 1);
		t->attrs[j].collation = json_cell(c, rows, j, 2);
	}
	t->nattrs = n;
	json_object_put(rows);
}

static int read_types(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	int rc = query(
	        c, &r,
	        "SELECT t.oid, t.typarray, t.typrelid, n.nspname, t.typname, t.typtype,\n"
	        /* 6: enum labels */
	        "  CASE WHEN t.typtype = 'e' THEN (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder)\n"
	        "    FROM pg_enum e WHERE e.enumtypid = t.oid) END,\n"
	        /* 7-11: domain */
	        "  CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,\n"
	        "  t.typnotnull,\n"
	        "  CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END,\n"
	        "  CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN tc.collname END,\n"
	        "  CASE WHEN t.typtype = 'd' THEN (SELECT json_agg(json_build_array(k.conname,\n"
	        "      pg_get_constraintdef(k.oid)) ORDER BY k.conname)\n"
	        "    FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') END,\n"
	        /* 12: composite attributes */
	        "  CASE WHEN t.typtype = 'c' THEN (SELECT json_agg(json_build_array(a.attname,\n"
	        "      format_type(a.atttypid, a.atttypmod),\n"
	        "      CASE WHEN a.attcollation <> at.typcollation THEN ac.collname END) ORDER BY a.attnum)\n"
	        "    FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid\n"
	        "    LEFT JOIN pg_collation ac ON ac.oid = a.attcollation\n"
	        "    WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END,\n"
	        /* 13: range body */
	        "  CASE WHEN t.typtype = 'r' THEN (SELECT 'SUBTYPE = ' || format_type(rg.rngsubtype, NULL)\n"
	        "      || CASE WHEN NOT oc.opcdefault THEN ', SUBTYPE_OPCLASS = ' || "
	        "quote_ident(ocn.nspname)\n"
	        "         || '.' || quote_ident(oc.opcname) ELSE '' END\n"
	        "      || CASE WHEN rg.rngcollation <> 0 AND rg.rngcollation <> st.typcollation\n"
	        "         THEN ', COLLATION = ' || quote_ident(rc.collname) ELSE '' END\n"
	        "      || CASE WHEN rg.rngsubdiff <> 0 THEN ', SUBTYPE_DIFF = ' || "
	        "rg.rngsubdiff::regproc::text\n"
	        "         ELSE '' END\n"
	        "    FROM pg_range rg JOIN pg_type st ON st.oid = rg.rngsubtype\n"
	        "    JOIN pg_opclass oc ON oc.oid = rg.rngsubopc JOIN pg_namespace ocn ON ocn.oid = "
	        "oc.opcnamespace\n"
	        "    LEFT JOIN pg_collation rc ON rc.oid = rg.rngcollation\n"
	        "    WHERE rg.rngtypid = t.oid) END,\n"
	        "  ds.description\n"
	        "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace\n"
	        DESCRIPTION("ds", "pg_type", "t.oid", "0")
	        "LEFT JOIN pg_type bt ON bt.oid = t.typbasetype\n"
	        "LEFT JOIN pg_collation tc ON tc.oid = t.typcollation\n"
	        "LEFT JOIN pg_class tr ON tr.oid = t.typrelid\n"
	        "WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND tr.relkind = 'c'))\n"
	        "  AND " USER_NS("n") " AND " NOT_EXT("pg_type", "t.oid"));

	if (rc)
		return rc;
	c->m->types = sk_arena_calloc(&c->m->arena, r.nrows, sizeof(*c->m->types));
	for (size_t i = 0; i < r.nrows; i++) {
		struct sk_type *t = &c->m->types[c->m->ntypes++];
		char kind = char_at(&r, i, 5);

		t->schema = str(c, &r, i, 3);
		t->name = str(c, &r, i, 4);
		t->comment = str(c, &r, i, 14);
		switch (kind) {
		case 'e':
			t->kind = SK_TYPE_ENUM;
			t->labels = json_strings(c, cell(&r, i, 6), &t->nlabels);
			break;
		case 'd':
			t->kind = SK_TYPE_DOMAIN;
			t->base_type = str(c, &r, i, 7);
			t->not_null = boolean(&r, i, 8);
			t->default_expr = str(c, &r, i, 9);
			t->collation = str(c, &r, i, 10);
			fill_domain_checks(c, t, cell(&r, i, 11));
			break;
		case 'c':
			t->kind = SK_TYPE_COMPOSITE;
			fill_composite(c, t, cell(&r, i, 12));
			add_ent(c, CLS_REL, oid_at(&r, i, 2), SK_OBJ_TYPE, t);
			break;
		default:
			t->kind = SK_TYPE_RANGE;
			t->range_body = str(c, &r, i, 13);
			break;
		}
		add_ent(c, CLS_TYPE, oid_at(&r, i, 0), SK_OBJ_TYPE, t);
		add_ent(c, CLS_TYPE, oid_at(&r, i, 1), SK_OBJ_TYPE, t);
	}
	sk_rows_release(&r);
	return 0;
}

static int read_tables(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	struct sk_buf sql = SK_BUF_INIT;
	int rc;

	sk_buf_adds(&sql,
	            "SELECT c.oid, c.reltype, rt.typarray, n.nspname, c.relname, c.relkind,\n"
	            "  c.relpersistence = 'u',\n"
	            "  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,\n"
	            "  pn.nspname, pc.relname,\n"
	            "  CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,\n"
	            "  CASE WHEN c.reloptions IS NOT NULL THEN " RELOPTIONS("c.reloptions") " END,\n"
	            "  ds.description, i.inhparent\n"
	            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	            "LEFT JOIN pg_type rt ON rt.oid = c.reltype\n"
	            "LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid\n"
	            "LEFT JOIN pg_class pc ON pc.oid = i.inhparent\n"
	            "LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace\n" DESCRIPTION(
	                    "ds", "pg_class", "c.oid", "0") "WHERE c.relkind IN ('r', 'p') AND " USER_NS("n") " AND " NOT_EXT("pg_class", "c.oid"));
	if (!c->opts->include_history)
		sk_buf_adds(&sql, " AND c.relname <> '" SK_HISTORY_TABLE "'");
	rc = query(c, &r, sql.buf);
	sk_buf_release(&sql);
	if (rc)
		return rc;
	c->m->tables = sk_arena_calloc(&c->m->arena, r.nrows, sizeof(*c->m->tables));
	c->parent_oids = sk_xcalloc(r.nrows ? r.nrows : 1, sizeof(*c->parent_oids));
	for (size_t i = 0; i < r.nrows; i++) {
		struct sk_table *t = &c->m->tables[c->m->ntables++];

		t->schema = str(c, &r, i, 3);
		t->name = str(c, &r, i, 4);
		t->kind = char_at(&r, i, 5) == 'p' ? SK_TABLE_PARTITIONED : SK_TABLE_ORDINARY;
		t->unlogged = boolean(&r, i, 6);
		t->partition_key = str(c, &r, i, 7);
		t->parent_schema = str(c, &r, i, 8);
		t->parent_name = str(c, &r, i, 9);
		t->partition_bound = str(c, &r, i, 10);
		t->options = str_or_null(c, &r, i, 11);
		t->comment = str(c, &r, i, 12);
		c->parent_oids[i] = oid_at(&r, i, 13);
		add_ent(c, CLS_REL, oid_at(&r, i, 0), SK_OBJ_TABLE, t);
		add_ent(c, CLS_TYPE, oid_at(&r, i, 1), SK_OBJ_TABLE, t);
		add_ent(c, CLS_TYPE, oid_at(&r, i, 2), SK_OBJ_TABLE, t);
	}
	sk_rows_release(&r);
	return 0;
}

static int read_sequences(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	unsigned *oids;
	/* Identity sequences (an internal dependency on their column) are the
	 * column's; OWNED BY is the automatic dependency on a column. */
	int rc = query(c, &r,
	               "SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL),\n"
	               "  s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,\n"
	               "  o.nspname, o.relname, o.attname, ds.description, o.oid\n"
	               "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid\n"
	               "JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	               DESCRIPTION("ds", "pg_class", "c.oid", "0")
	               "LEFT JOIN LATERAL (SELECT tc.oid, tn.nspname, tc.relname, ta.attname\n"
	               "  FROM pg_depend d JOIN pg_class tc ON tc.oid = d.refobjid\n"
	               "  JOIN pg_namespace tn ON tn.oid = tc.relnamespace\n"
	               "  JOIN pg_attribute ta ON ta.attrelid = tc.oid AND ta.attnum = d.refobjsubid\n"
	               "  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid\n"
	               "    AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' LIMIT 1) o ON true\n"
	               "WHERE " USER_NS("n") " AND " NOT_EXT(
	                       "pg_class", "c.oid") "\n"
	                                            "  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE "
	                                            "d.classid = 'pg_class'::regclass\n"
	                                            "    AND d.objid = c.oid AND d.deptype = 'i')");

	if (rc)
		return rc;
	c->m->sequences = sk_arena_calloc(&c->m->arena, r.nrows, sizeof(*c->m->sequences));
	oids = sk_xcalloc(r.nrows ? r.nrows : 1, sizeof(*oids));
	for (size_t i = 0; i < r.nrows; i++) {
		struct sk_sequence *s = &c->m->sequences[c->m->nsequences];
		const struct ent *owner = cell(&r, i, 14) ? find_ent(c, CLS_REL, oid_at(&r, i, 14)) : NULL;

		/* a sequence owned by a table left out (the history table's)
		 * goes with it */
		if (cell(&r, i, 14) && (!owner || owner->kind != SK_OBJ_TABLE))
			continue;
		oids[c->m->nsequences++] = oid_at(&r, i, 0);
		s->schema = str(c, &r, i, 1);
		s->name = str(c, &r, i, 2);
		s->data_type = str(c, &r, i, 3);
		s->start = ll_at(&r, i, 4);
		s->increment = ll_at(&r, i, 5);
		s->min_value = ll_at(&r, i, 6);
		s->max_value = ll_at(&r, i, 7);
		s->cache = ll_at(&r, i, 8);
		s->cycle = boolean(&r, i, 9);
		s->owned_by_schema = str(c, &r, i, 10);
		s->owned_by_table = str(c, &r, i, 11);
		s->owned_by_column = str(c, &r, i, 12);
		s->comment = str(c, &r, i, 13);
	}
	/* added after the loop, which looks tables up in the sorted map */
	for (size_t i = 0; i < c->m->nsequences; i++)
		add_ent(c, CLS_REL, oids[i], SK_OBJ_SEQUENCE, &c->m->sequences[i]);
	free(oids);
	sk_rows_release(&r);
	return 0;
}

static int read_views(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	int rc = query(
	        c, &r,
	        "SELECT c.oid, c.reltype, rt.typarray, n.nspname, c.relname, c.relkind = 'm',\n"
	        "  pg_get_viewdef(c.oid),\n"
	        "  CASE WHEN c.reloptions IS NOT NULL THEN " RELOPTIONS("c.reloptions") " END,\n"
	        "  ds.description\n"
	        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	        "LEFT JOIN pg_type rt ON rt.oid = c.reltype\n" DESCRIPTION("ds", "pg_class", "c.oid", "0")
	        "WHERE c.relkind IN ('v', 'm') AND " USER_NS("n") " AND " NOT_EXT("pg_class", "c.oid"));

	if (rc)
		return rc;
	c->m->views = sk_arena_calloc(&c->m->arena, r.nrows, sizeof(*c->m->views));
	for (size_t i = 0; i < r.nrows; i++) {
		struct sk_view *v = &c->m->views[c->m->nviews++];

		v->schema = str(c, &r, i, 3);
		v->name = str(c, &r, i, 4);
		v->materialized = boolean(&r, i, 5);
		v->definition = str(c, &r, i, 6);
		v->options = str_or_null(c, &r, i, 7);
		v->comment = str(c, &r, i, 8);
		add_ent(c, CLS_REL, oid_at(&r, i, 0), SK_OBJ_VIEW, v);
		add_ent(c, CLS_TYPE, oid_at(&r, i, 1), SK_OBJ_VIEW, v);
		add_ent(c, CLS_TYPE, oid_at(&r, i, 2), SK_OBJ_VIEW, v);
	}
	sk_rows_release(&r);
	return 0;
}

static int read_functions(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	/* Functions that are part of another object (a range type's
	 * constructors) have an internal dependency on it. Aggregates and
	 * window functions are not read. */
	int rc =
	        query(c, &r,
	              "SELECT p.oid, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),\n"
	              "  p.prokind, pg_get_functiondef(p.oid), l.lanname, ds.description\n"
	              "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace\n"
	              "JOIN pg_language l ON l.oid = p.prolang\n" DESCRIPTION("ds", "pg_proc", "p.oid", "0")
	              "WHERE p.prokind IN ('f', 'p') AND " USER_NS("n") " AND " NOT_EXT(
	                      "pg_proc", "p.oid") "\n"
	                                          "  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE "
	                                          "d.classid = 'pg_proc'::regclass\n"
	                                          "    AND d.objid = p.oid AND d.deptype = 'i')");

	if (rc)
		return rc;
	c->m->functions = sk_arena_calloc(&c->m->arena, r.nrows, sizeof(*c->m->functions));
	for (size_t i = 0; i < r.nrows; i++) {
		struct sk_function *f = &c->m->functions[c->m->nfunctions++];

		f->schema = str(c, &r, i, 1);
		f->name = str(c, &r, i, 2);
		f->identity_args = str(c, &r, i, 3);
		f->kind = char_at(&r, i, 4);
		f->definition = str(c, &r, i, 5);
		f->language = str(c, &r, i, 6);
		f->comment = str(c, &r, i, 7);
		add_ent(c, CLS_PROC, oid_at(&r, i, 0), SK_OBJ_FUNCTION, f);
	}
	sk_rows_release(&r);
	return 0;
}

/* The end (exclusive) of the run of rows starting at i whose column 0 holds
 * the same OID: the per-relation queries are ordered by it. */
static size_t run_end(const struct sk_rows *r, size_t i)
{
	unsigned oid = oid_at(r, i, 0);
	size_t j = i + 1;

	while (j < r->nrows && oid_at(r, j, 0) == oid)
		j++;
	return j;
}

static int cmp_attname(const void *a, const void *b)
{
	const struct attname *x = a, *y = b;

	if (x->rel != y->rel)
		return x->rel < y->rel ? -1 : 1;
	return (x->num > y->num) - (x->num < y->num);
}

static const struct attname *find_attname(struct ctx *c, unsigned rel, int num)
{
	struct attname key = {rel, num, NULL};

	return c->nattnames ? bsearch(&key, c->attnames, c->nattnames, sizeof(*c->attnames), cmp_attname)
	                    : NULL;
}

/* The names of the attributes of relation rel numbered in nums, an int2[]
 * ("{1,2}") or an int2vector ("1 2") as text, of its first max numbers, in
 * order, copied into the arena. Numbers that name no column (0: an
 * expression) are left out, as the join on pg_attribute this replaces
 * left them out; NULL and *n = 0 when none is left. */
static const char **names_of_attnums(struct ctx *c, unsigned rel, const char *nums, size_t max, size_t *n)
{
	const char **out;
	size_t len = nums ? strlen(nums) : 0, seen = 0;
	const char *p = nums;

	*n = 0;
	/* at most one number per two characters ("1,2") */
	out = len ? sk_arena_calloc(&c->m->arena, len / 2 + 1, sizeof(*out)) : NULL;
	while (p && *p && seen < max) {
		char *end;
		long num = strtol(p, &end, 10);
		const struct attname *a;

		if (end == p) {
			p++; /* a brace, comma or space */
			continue;
		}
		p = end;
		seen++;
		if ((a = find_attname(c, rel, (int)num)))
			out[(*n)++] = sk_arena_strdup(&c->m->arena, a->name);
	}
	return *n ? out : NULL;
}

/* Rows come ordered by (attrelid, attnum): the map stays sorted. */
static void add_attname(struct ctx *c, const struct sk_rows *r, size_t i, const char *name)
{
	struct attname *a = &c->attnames[c->nattnames++];

	a->rel = oid_at(r, i, 0);
	a->num = (int)ll_at(r, i, 1);
	a->name = name;
}

static void fill_column(struct ctx *c, struct sk_column *col, const char *schema, const struct sk_rows *r,
                        size_t i)
{
	char identity = char_at(r, i, 6);

	col->position = (int)ll_at(r, i, 1);
	col->name = str(c, r, i, 2);
	col->type = str(c, r, i, 3);
	col->not_null = boolean(r, i, 4);
	col->default_expr = str(c, r, i, 5);
	col->identity = identity == 'a'   ? SK_IDENTITY_ALWAYS
	                : identity == 'd' ? SK_IDENTITY_BY_DEFAULT
	                                  : SK_IDENTITY_NONE;
	col->generated_expr = str(c, r, i, 7);
	col->generated_stored = col->generated_expr != NULL;
	col->collation = str(c, r, i, 8);
	col->comment = str(c, r, i, 9);
	col->type_schema = str(c, r, i, 10);
	col->type_name = str(c, r, i, 11);
	col->is_array = boolean(r, i, 12);
	if (col->identity != SK_IDENTITY_NONE && cell(r, i, 13)) {
		struct sk_sequence *s = sk_arena_calloc(&c->m->arena, 1, sizeof(*s));

		s->schema = sk_arena_strdup(&c->m->arena, schema);
		s->name = str(c, r, i, 13);
		s->data_type = str(c, r, i, 14);
		s->start = ll_at(r, i, 15);
		s->increment = ll_at(r, i, 16);
		s->min_value = ll_at(r, i, 17);
		s->max_value = ll_at(r, i, 18);
		s->cache = ll_at(r, i, 19);
		s->cycle = boolean(r, i, 20);
		col->identity_seq = s;
	}
}

static int read_columns(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	/* A default cannot name a column, so it is rendered without its
	 * relation (pg_get_expr with relid 0 does not open and lock the
	 * table, the larger part of its cost); a generation expression can,
	 * and is rendered with it. The identity sequences are joined as a
	 * set rather than looked up column by column. */
	int rc = query(
	        c, &r,
	        "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), "
	        "a.attnotnull,\n"
	        "  CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, 0) END,\n"
	        "  a.attidentity,\n"
	        "  CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END,\n"
	        "  CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,\n"
	        "  ds.description,\n"
	        "  CASE WHEN bt.typtype IN ('e', 'd', 'c', 'r') THEN bn.nspname END,\n"
	        "  CASE WHEN bt.typtype IN ('e', 'd', 'c', 'r') THEN bt.typname END,\n"
	        "  t.typtype = 'b' AND t.typcategory = 'A',\n"
	        "  s.relname, s.typ, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle\n"
	        "FROM pg_attribute a\n"
	        "JOIN pg_class c ON c.oid = a.attrelid\n"
	        "JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	        "JOIN pg_type t ON t.oid = a.atttypid\n"
	        "JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'b' AND t.typcategory = 'A'\n"
	        "  THEN t.typelem ELSE t.oid END\n"
	        "JOIN pg_namespace bn ON bn.oid = bt.typnamespace\n"
	        "LEFT JOIN pg_collation co ON co.oid = a.attcollation\n"
	        "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum\n"
	        DESCRIPTION("ds", "pg_class", "a.attrelid", "a.attnum")
	        "LEFT JOIN (SELECT sd.refobjid, sd.refobjsubid, sc.relname,\n"
	        "    format_type(sq.seqtypid, NULL) AS typ, sq.*\n"
	        "  FROM pg_depend sd JOIN pg_class sc ON sc.oid = sd.objid AND sc.relkind = 'S'\n"
	        "  JOIN pg_sequence sq ON sq.seqrelid = sc.oid\n"
	        "  WHERE sd.classid = 'pg_class'::regclass AND sd.refclassid = 'pg_class'::regclass\n"
	        "    AND sd.deptype = 'i') s\n"
	        "  ON a.attidentity <> '' AND s.refobjid = a.attrelid AND s.refobjsubid = a.attnum\n"
	        "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm')\n"
	        "  AND " USER_NS("n") "\n"
	                              "ORDER BY a.attrelid, a.attnum");

	if (rc)
		return rc;
	c->attnames = sk_xcalloc(r.nrows ? r.nrows : 1, sizeof(*c->attnames));
	for (size_t i = 0, j; i < r.nrows; i = j) {
		const struct ent *e = find_ent(c, CLS_REL, oid_at(&r, i, 0));
		struct sk_column *cols;
		const char *schema;

		j = run_end(&r, i);
		if (!e || (e->kind != SK_OBJ_TABLE && e->kind != SK_OBJ_VIEW)) {
			/* not in the model, but a key may name its columns */
			for (size_t k = i; k < j; k++)
				add_attname(c, &r, k, str(c, &r, k, 2));
			continue;
		}
		cols = sk_arena_calloc(&c->m->arena, j - i, sizeof(*cols));
		schema = e->kind == SK_OBJ_TABLE ? ((struct sk_table *)e->obj)->schema
		                                 : ((struct sk_view *)e->obj)->schema;
		for (size_t k = i; k < j; k++) {
			fill_column(c, &cols[k - i], schema, &r, k);
			add_attname(c, &r, k, cols[k - i].name);
		}
		if (e->kind == SK_OBJ_TABLE) {
			((struct sk_table *)e->obj)->columns = cols;
			((struct sk_table *)e->obj)->ncolumns = j - i;
		} else {
			((struct sk_view *)e->obj)->columns = cols;
			((struct sk_view *)e->obj)->ncolumns = j - i;
		}
	}
	sk_rows_release(&r);
	return 0;
}

static int read_constraints(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	struct sk_buf sql = SK_BUF_INIT;
	int rc;

	/* Only the table's own constraints: a partition's copies of its
	 * parent's (conparentid, or inherited checks) come with the parent's. */
	/* pg_get_constraintdef leaves out the storage parameters of the index
	 * of a primary key or unique constraint: they go after the column
	 * list (and INCLUDE), before DEFERRABLE, as pg_dump writes them. */
	/* The key columns come as attribute numbers (conkey, confkey), named
	 * from the columns read before; by name only for a foreign key to a
	 * table outside the user schemas, which that query did not read. */
	sk_buf_adds(&sql,
	            "SELECT k.conrelid, k.conname, k.contype,\n"
	            "  CASE WHEN k.contype IN ('p', 'u') AND ki.reloptions IS NOT NULL\n"
	            "    THEN regexp_replace(pg_get_constraintdef(k.oid), '\\)([^)]*)$',\n"
	            "      ') WITH (' || " RELOPTIONS("ki.reloptions") " || ')\\1')\n"
	            "    ELSE pg_get_constraintdef(k.oid) END,\n"
	            "  k.conkey, fn.nspname, fc.relname, k.confkey,\n"
	            "  k.confdeltype, k.confupdtype, k.confmatchtype, k.condeferrable, k.condeferred,\n"
	            "  NOT k.convalidated, ds.description, k.confrelid,\n"
	            "  CASE WHEN k.contype = 'f' AND NOT (" USER_NS("fn") ")\n"
	            "    THEN " ATTNAMES_JSON("k.confkey", "k.confrelid") " END,\n");
	if (c->version >= 150000)
		sk_buf_adds(&sql,
		            "  COALESCE((SELECT i.indnullsnotdistinct FROM pg_index i\n"
		            "    WHERE i.indexrelid = k.conindid AND k.contype IN ('p', 'u')), false)\n");
	else
		sk_buf_adds(&sql, "  false\n");
	sk_buf_adds(&sql,
	            "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid\n"
	            "JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	            "LEFT JOIN pg_class ki ON ki.oid = k.conindid\n"
	            "LEFT JOIN pg_class fc ON fc.oid = k.confrelid\n"
	            "LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace\n" DESCRIPTION(
	                    "ds", "pg_constraint", "k.oid", "0")
	            "WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND k.conparentid = 0 AND k.conislocal\n"
	            "  AND " USER_NS("n") "\n"
	                                  "ORDER BY k.conrelid, k.conname");
	rc = query(c, &r, sql.buf);
	sk_buf_release(&sql);
	if (rc)
		return rc;
	for (size_t i = 0, j; i < r.nrows; i = j) {
		const struct ent *e = find_ent(c, CLS_REL, oid_at(&r, i, 0));
		struct sk_table *t;

		j = run_end(&r, i);
		if (!e || e->kind != SK_OBJ_TABLE)
			continue;
		t = e->obj;
		t->constraints = sk_arena_calloc(&c->m->arena, j - i, sizeof(*t->constraints));
		t->nconstraints = j - i;
		for (size_t k = i; k < j; k++) {
			struct sk_constraint *k_ = &t->constraints[k - i];

			k_->name = str(c, &r, k, 1);
			k_->kind = (enum sk_constraint_kind)char_at(&r, k, 2);
			k_->definition = str(c, &r, k, 3);
			if (k_->kind != SK_CON_CHECK)
				k_->columns = names_of_attnums(c, oid_at(&r, k, 0), cell(&r, k, 4), SIZE_MAX,
				                               &k_->ncolumns);
			if (k_->kind == SK_CON_FOREIGN) {
				k_->ref_schema = str(c, &r, k, 5);
				k_->ref_table = str(c, &r, k, 6);
				k_->ref_columns = cell(&r, k, 16) ? json_strings(c, cell(&r, k, 16), &k_->nref_columns)
				                                  : names_of_attnums(c, oid_at(&r, k, 15), cell(&r, k, 7),
				                                                     SIZE_MAX, &k_->nref_columns);
				k_->on_delete = char_at(&r, k, 8);
				k_->on_update = char_at(&r, k, 9);
				k_->match = char_at(&r, k, 10);
			}
			k_->deferrable = boolean(&r, k, 11);
			k_->deferred = boolean(&r, k, 12);
			k_->not_valid = boolean(&r, k, 13);
			k_->comment = str(c, &r, k, 14);
			k_->nulls_not_distinct = boolean(&r, k, 17);
		}
	}
	sk_rows_release(&r);
	return 0;
}

static int read_indexes(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	/* Not the indexes behind a constraint (the constraint makes them),
	 * nor a partition's indexes attached to its parent's. The keys of an
	 * index on columns alone come as attribute numbers (indkey), named
	 * from the columns read before; an expression's text only the server
	 * can give. */
	int rc = query(
	        c, &r,
	        "SELECT i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique, am.amname,\n"
	        "  CASE WHEN i.indexprs IS NOT NULL THEN (SELECT json_agg(CASE WHEN i.indkey[k - 1] <> 0\n"
	        "      THEN (SELECT a.attname FROM pg_attribute a\n"
	        "        WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1])\n"
	        "      ELSE pg_get_indexdef(i.indexrelid, k, true) END ORDER BY k)\n"
	        "    FROM generate_series(1, i.indnkeyatts) k) END,\n"
	        "  pg_get_expr(i.indpred, i.indrelid), ds.description, i.indkey, i.indnkeyatts\n"
	        "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid\n"
	        "JOIN pg_am am ON am.oid = ic.relam\n"
	        "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	        DESCRIPTION("ds", "pg_class", "i.indexrelid", "0")
	        "WHERE " USER_NS("n") "\n"
	                              "  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = "
	                              "i.indexrelid\n"
	                              "    AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))\n"
	                              "  AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = "
	                              "i.indexrelid)\n"
	                              "ORDER BY i.indrelid, ic.relname");

	if (rc)
		return rc;
	for (size_t i = 0, j; i < r.nrows; i = j) {
		const struct ent *e = find_ent(c, CLS_REL, oid_at(&r, i, 0));
		struct sk_index *idx;

		j = run_end(&r, i);
		if (!e || (e->kind != SK_OBJ_TABLE && e->kind != SK_OBJ_VIEW))
			continue;
		idx = sk_arena_calloc(&c->m->arena, j - i, sizeof(*idx));
		for (size_t k = i; k < j; k++) {
			struct sk_index *x = &idx[k - i];

			x->name = str(c, &r, k, 1);
			x->definition = str(c, &r, k, 2);
			x->unique = boolean(&r, k, 3);
			x->method = str(c, &r, k, 4);
			x->keys = cell(&r, k, 5) ? json_strings(c, cell(&r, k, 5), &x->nkeys)
			                         : names_of_attnums(c, oid_at(&r, k, 0), cell(&r, k, 8),
			                                            (size_t)ll_at(&r, k, 9), &x->nkeys);
			x->predicate = str(c, &r, k, 6);
			x->comment = str(c, &r, k, 7);
		}
		if (e->kind == SK_OBJ_TABLE) {
			((struct sk_table *)e->obj)->indexes = idx;
			((struct sk_table *)e->obj)->nindexes = j - i;
		} else {
			((struct sk_view *)e->obj)->indexes = idx;
			((struct sk_view *)e->obj)->nindexes = j - i;
		}
	}
	sk_rows_release(&r);
	return 0;
}

static int read_triggers(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	struct sk_buf sql = SK_BUF_INIT;
	int rc;

	/* Not the internal ones (foreign keys'), nor a partition's clones of
	 * its parent's triggers. */
	sk_buf_adds(
	        &sql,
	        "SELECT t.tgrelid, t.tgname, pg_get_triggerdef(t.oid), ds.description\n"
	        "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid\n"
	        "JOIN pg_namespace n ON n.oid = c.relnamespace\n" DESCRIPTION("ds", "pg_trigger", "t.oid", "0")
	        "WHERE NOT t.tgisinternal AND " USER_NS("n"));
	if (c->version >= 130000)
		sk_buf_adds(&sql, " AND t.tgparentid = 0");
	sk_buf_adds(&sql, "\nORDER BY t.tgrelid, t.tgname");
	rc = query(c, &r, sql.buf);
	sk_buf_release(&sql);
	if (rc)
		return rc;
	for (size_t i = 0, j; i < r.nrows; i = j) {
		const struct ent *e = find_ent(c, CLS_REL, oid_at(&r, i, 0));
		struct sk_trigger *tg;

		j = run_end(&r, i);
		if (!e || (e->kind != SK_OBJ_TABLE && e->kind != SK_OBJ_VIEW))
			continue;
		tg = sk_arena_calloc(&c->m->arena, j - i, sizeof(*tg));
		for (size_t k = i; k < j; k++) {
			tg[k - i].name = str(c, &r, k, 1);
			tg[k - i].definition = str(c, &r, k, 2);
			tg[k - i].comment = str(c, &r, k, 3);
		}
		if (e->kind == SK_OBJ_TABLE) {
			((struct sk_table *)e->obj)->triggers = tg;
			((struct sk_table *)e->obj)->ntriggers = j - i;
		} else {
			((struct sk_view *)e->obj)->triggers = tg;
			((struct sk_view *)e->obj)->ntriggers = j - i;
		}
	}
	sk_rows_release(&r);
	return 0;
}

/* clang-format on */

/* ---- dependencies ---- */

static void ref_of(struct ctx *c, struct sk_ref *out, enum sk_obj_kind kind, void *obj)
{
	out->kind = kind;
	switch (kind) {
	case SK_OBJ_TYPE:
		out->schema = ((struct sk_type *)obj)->schema;
		out->name = ((struct sk_type *)obj)->name;
		break;
	case SK_OBJ_SEQUENCE:
		out->schema = ((struct sk_sequence *)obj)->schema;
		out->name = ((struct sk_sequence *)obj)->name;
		break;
	case SK_OBJ_FUNCTION: {
		struct sk_function *f = obj;
		out->schema = f->schema;
		out->name = sk_arena_strfmt(&c->m->arena, "%s(%s)", f->name, f->identity_args);
		break;
	}
	case SK_OBJ_TABLE:
		out->schema = ((struct sk_table *)obj)->schema;
		out->name = ((struct sk_table *)obj)->name;
		break;
	case SK_OBJ_VIEW:
		out->schema = ((struct sk_view *)obj)->schema;
		out->name = ((struct sk_view *)obj)->name;
		break;
	default:
		out->schema = NULL;
		out->name = "";
		break;
	}
}

static void add_dep(struct ctx *c, enum sk_obj_kind from_kind, void *from, enum sk_obj_kind to_kind, void *to)
{
	struct dep *d;

	/* sequences have no dependencies to keep; self-references are none */
	if (from == to || from_kind == SK_OBJ_SEQUENCE)
		return;
	SK_ALLOC_GROW(c->deps, c->ndeps + 1, c->adeps);
	d = &c->deps[c->ndeps++];
	d->from_kind = from_kind;
	d->from = from;
	d->to = to;
	d->ref.kind = to_kind;
	d->ref.schema = NULL;
	d->ref.name = NULL;
}

static int cmp_dep(const void *a, const void *b)
{
	const struct dep *x = a, *y = b;
	uintptr_t xf = (uintptr_t)x->from, yf = (uintptr_t)y->from;
	uintptr_t xt = (uintptr_t)x->to, yt = (uintptr_t)y->to;

	if (xf != yf)
		return xf < yf ? -1 : 1;
	return (xt > yt) - (xt < yt);
}

static void set_deps(enum sk_obj_kind kind, void *obj, struct sk_ref *deps, size_t n)
{
	switch (kind) {
	case SK_OBJ_TYPE:
		((struct sk_type *)obj)->deps = deps;
		((struct sk_type *)obj)->ndeps = n;
		break;
	case SK_OBJ_FUNCTION:
		((struct sk_function *)obj)->deps = deps;
		((struct sk_function *)obj)->ndeps = n;
		break;
	case SK_OBJ_TABLE:
		((struct sk_table *)obj)->deps = deps;
		((struct sk_table *)obj)->ndeps = n;
		break;
	case SK_OBJ_VIEW:
		((struct sk_view *)obj)->deps = deps;
		((struct sk_view *)obj)->ndeps = n;
		break;
	default:
		break;
	}
}

/* Turns the collected edges into each object's deps array (deduplicated;
 * sk_model_sort orders them). */
static void attach_deps(struct ctx *c)
{
	if (c->ndeps > 1)
		qsort(c->deps, c->ndeps, sizeof(*c->deps), cmp_dep);
	for (size_t i = 0, j; i < c->ndeps; i = j) {
		struct sk_ref *refs;
		size_t n = 0;

		for (j = i; j < c->ndeps && c->deps[j].from == c->deps[i].from; j++)
			;
		refs = sk_arena_calloc(&c->m->arena, j - i, sizeof(*refs));
		for (size_t k = i; k < j; k++) {
			if (k > i && c->deps[k].to == c->deps[k - 1].to)
				continue;
			ref_of(c, &refs[n++], c->deps[k].ref.kind, c->deps[k].to);
		}
		set_deps(c->deps[i].from_kind, c->deps[i].from, refs, n);
	}
}

static int read_deps(struct ctx *c)
{
	struct sk_rows r = SK_ROWS_INIT;
	/* Normal dependencies between user objects (OIDs from
	 * FirstNormalObjectId on), each side reduced to the object the model
	 * knows: a view's rule to the view, a column default to its table, a
	 * domain's constraint to the domain, a column to its relation. A
	 * table's own constraints are left out: they are written after every
	 * table, view and function. */
	int rc = query(
	        c, &r,
	        "SELECT DISTINCT\n"
	        "  CASE WHEN d.classid IN ('pg_type'::regclass, 'pg_constraint'::regclass) THEN 't'\n"
	        "       WHEN d.classid = 'pg_proc'::regclass THEN 'f' ELSE 'r' END,\n"
	        "  CASE d.classid WHEN 'pg_rewrite'::regclass THEN w.ev_class\n"
	        "       WHEN 'pg_attrdef'::regclass THEN ad.adrelid\n"
	        "       WHEN 'pg_constraint'::regclass THEN k.contypid ELSE d.objid END,\n"
	        "  CASE d.refclassid WHEN 'pg_type'::regclass THEN 't'\n"
	        "       WHEN 'pg_proc'::regclass THEN 'f' ELSE 'r' END,\n"
	        "  d.refobjid\n"
	        "FROM pg_depend d\n"
	        "LEFT JOIN pg_rewrite w ON d.classid = 'pg_rewrite'::regclass AND w.oid = d.objid\n"
	        "LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid\n"
	        "LEFT JOIN pg_constraint k ON d.classid = 'pg_constraint'::regclass AND k.oid = d.objid\n"
	        "WHERE d.deptype = 'n' AND d.objid >= 16384 AND d.refobjid >= 16384\n"
	        "  AND d.refclassid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass)\n"
	        "  AND (d.classid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass,\n"
	        "                     'pg_rewrite'::regclass, 'pg_attrdef'::regclass)\n"
	        "       OR (d.classid = 'pg_constraint'::regclass AND k.contypid <> 0))");

	if (rc)
		return rc;
	for (size_t i = 0; i < r.nrows; i++) {
		const struct ent *from = find_ent(c, char_at(&r, i, 0), oid_at(&r, i, 1));
		const struct ent *to = find_ent(c, char_at(&r, i, 2), oid_at(&r, i, 3));

		if (from && to)
			add_dep(c, from->kind, from->obj, to->kind, to->obj);
	}
	sk_rows_release(&r);
	return 0;
}

/* A partition needs its parent. */
static void partition_deps(struct ctx *c)
{
	for (size_t i = 0; i < c->m->ntables; i++) {
		const struct ent *p = c->parent_oids[i] ? find_ent(c, CLS_REL, c->parent_oids[i]) : NULL;

		if (p && p->kind == SK_OBJ_TABLE)
			add_dep(c, SK_OBJ_TABLE, &c->m->tables[i], SK_OBJ_TABLE, p->obj);
	}
}

/* ---- the snapshot ---- */

/* Session settings that make the server's renderings the same whoever
 * reads: every name qualified, identifiers quoted only where needed,
 * unambiguous date and interval formats, timestamps in UTC, floats exact,
 * strings and bytea written one way. SET LOCAL: undone by the final
 * ROLLBACK (to the savepoint). */
#define LOCAL_SETTINGS                                                                                       \
	"SET LOCAL search_path = ''; SET LOCAL quote_all_identifiers = off; "                                \
	"SET LOCAL datestyle = 'ISO'; SET LOCAL intervalstyle = 'postgres'; SET LOCAL timezone = 'UTC'; "    \
	"SET LOCAL extra_float_digits = 3; SET LOCAL standard_conforming_strings = on; "                     \
	"SET LOCAL bytea_output = 'hex'; "                                                                  \
	/* the catalog queries are small: compiling them costs more than it saves */                         \
	"SET LOCAL jit = off"

int sk_introspect_pg(struct sk_model *m, struct sk_db *db, const struct sk_introspect_opts *opts,
                     struct sk_error *err)
{
	static const struct sk_introspect_opts defaults = {false};
	struct ctx c = {0};
	bool own_tx = !sk_db_in_transaction(db);
	int rc;

	c.m = m;
	c.db = db;
	c.opts = opts ? opts : &defaults;
	c.err = err;
	c.version = sk_db_server_version(db);
	if (c.version < 120000)
		return sk_error_set(err, SK_ERR_CONFIG,
		                    "PostgreSQL %d.%d is not supported (12 or later is needed)",
		                    c.version / 10000, c.version % 10000);
	rc = sk_db_exec(db,
	                own_tx ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; " LOCAL_SETTINGS
	                       : "SAVEPOINT sk_introspect; " LOCAL_SETTINGS,
	                err);
	if (rc) {
		sk_error_prefix(err, "cannot read the schema of '%s'", sk_db_name(db));
		goto done;
	}
	/* tables before sequences (OWNED BY a table left out) and before the
	 * per-relation queries, which look their relation up */
	if ((rc = read_namespaces(&c)) || (rc = read_extensions(&c)) || (rc = read_types(&c)) ||
	    (rc = read_tables(&c)) || (rc = read_sequences(&c)) || (rc = read_views(&c)) ||
	    (rc = read_functions(&c)) || (rc = read_columns(&c)) || (rc = read_constraints(&c)) ||
	    (rc = read_indexes(&c)) || (rc = read_triggers(&c)) || (rc = read_deps(&c)))
		goto done;
	partition_deps(&c);
	attach_deps(&c);

done:
	/* Read only: ending the transaction (or going back to the savepoint)
	 * loses nothing and undoes the settings. After an error, it is only
	 * cleanup and its own error is not reported. */
	{
		struct sk_error ignored = SK_ERROR_INIT;
		int end = sk_db_exec(
		        db,
		        own_tx ? "ROLLBACK"
		               : "ROLLBACK TO SAVEPOINT sk_introspect; RELEASE SAVEPOINT sk_introspect",
		        rc ? &ignored : err);

		if (!rc && end) {
			sk_error_prefix(err, "cannot read the schema of '%s'", sk_db_name(db));
			rc = end;
		}
	}
	free(c.ents);
	free(c.deps);
	free(c.parent_oids);
	free(c.attnames);
	return rc;
}
