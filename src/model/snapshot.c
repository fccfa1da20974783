/*
 * snapshot.c: the JSON snapshot of a schema model (docs/SNAPSHOT.md).
 *
 * The writer prints the JSON text itself, so the key order, indentation and
 * escaping are fixed here and nowhere else. It writes the model in the order
 * it is given (callers run sk_model_sort() first). The reader parses with
 * json-c, checks every key's presence and JSON type, and rebuilds the model
 * in its arena, in the file's order. Neither sorts, filters nor checks what
 * the model's strings mean (SQL texts, references between objects).
 */
#include "model/snapshot.h"

#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/banned.h"

/* The snapshot nests at most six levels (top > tables > table > columns >
 * column > identity_seq); json-c's default depth limit (32) covers it and
 * stops hostile nesting. */
#define MAX_DEPTH 16

/* ---- names of enumerated values, shared by the writer and the reader ---- */

struct name_map {
	int value;
	const char *name;
};

static const struct name_map dialect_names[] = {
        {SK_DIALECT_POSTGRES, "postgres"},
        {SK_DIALECT_SQLITE, "sqlite"},
        {0, NULL},
};

static const struct name_map obj_kind_names[] = {
        {SK_OBJ_EXTENSION, "extension"}, {SK_OBJ_SCHEMA, "schema"},
        {SK_OBJ_TYPE, "type"},           {SK_OBJ_SEQUENCE, "sequence"},
        {SK_OBJ_FUNCTION, "function"},   {SK_OBJ_TABLE, "table"},
        {SK_OBJ_VIEW, "view"},           {0, NULL},
};

static const struct name_map type_kind_names[] = {
        {SK_TYPE_ENUM, "enum"},
        {SK_TYPE_DOMAIN, "domain"},
        {SK_TYPE_COMPOSITE, "composite"},
        {SK_TYPE_RANGE, "range"},
        {0, NULL},
};

static const struct name_map identity_names[] = {
        {SK_IDENTITY_ALWAYS, "always"},
        {SK_IDENTITY_BY_DEFAULT, "by_default"},
        {0, NULL},
};

static const struct name_map constraint_kind_names[] = {
        {SK_CON_PRIMARY, "primary_key"}, {SK_CON_UNIQUE, "unique"},   {SK_CON_CHECK, "check"},
        {SK_CON_FOREIGN, "foreign_key"}, {SK_CON_EXCLUDE, "exclude"}, {0, NULL},
};

static const struct name_map fk_action_names[] = {
        {'a', "no_action"}, {'r', "restrict"},    {'c', "cascade"},
        {'n', "set_null"},  {'d', "set_default"}, {0, NULL},
};

static const struct name_map match_names[] = {
        {'s', "simple"},
        {'f', "full"},
        {'p', "partial"},
        {0, NULL},
};

static const struct name_map table_kind_names[] = {
        {SK_TABLE_ORDINARY, "ordinary"},
        {SK_TABLE_PARTITIONED, "partitioned"},
        {0, NULL},
};

static const struct name_map function_kind_names[] = {
        {'f', "function"},
        {'p', "procedure"},
        {0, NULL},
};

/* The name of value, or NULL when it has none. */
static const char *map_name(const struct name_map *map, int value)
{
	for (; map->name; map++)
		if (map->value == value)
			return map->name;
	return NULL;
}

/* ---- the writer ---- */

struct writer {
	struct sk_buf *out;
	int depth;
	bool first[MAX_DEPTH]; /* nothing written yet in the open object or array */
};

static void put_string(struct sk_buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	if (!s) {
		sk_buf_adds(out, "null");
		return;
	}
	sk_buf_addch(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			sk_buf_adds(out, "\\\"");
			break;
		case '\\':
			sk_buf_adds(out, "\\\\");
			break;
		case '\n':
			sk_buf_adds(out, "\\n");
			break;
		case '\r':
			sk_buf_adds(out, "\\r");
			break;
		case '\t':
			sk_buf_adds(out, "\\t");
			break;
		case '\b':
			sk_buf_adds(out, "\\b");
			break;
		case '\f':
			sk_buf_adds(out, "\\f");
			break;
		default:
			if (*p < 0x20) {
				sk_buf_adds(out, "\\u00");
				sk_buf_addch(out, hex[*p >> 4]);
				sk_buf_addch(out, hex[*p & 0xf]);
			} else {
				/* UTF-8 (and any other byte) as is */
				sk_buf_addch(out, *p);
			}
		}
	}
	sk_buf_addch(out, '"');
}

static void newline(struct writer *w)
{
	sk_buf_addch(w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		sk_buf_adds(w->out, "  ");
}

/* Starts the next element of the open array. */
static void item(struct writer *w)
{
	if (!w->first[w->depth])
		sk_buf_addch(w->out, ',');
	w->first[w->depth] = false;
	newline(w);
}

/* Starts the member `key` of the open object. */
static void key(struct writer *w, const char *k)
{
	item(w);
	put_string(w->out, k);
	sk_buf_adds(w->out, ": ");
}

static void open_(struct writer *w, int c)
{
	sk_buf_addch(w->out, c);
	if (++w->depth >= MAX_DEPTH)
		abort(); /* the format's nesting is fixed; this is a bug */
	w->first[w->depth] = true;
}

static void close_(struct writer *w, int c)
{
	bool empty = w->first[w->depth];

	w->depth--;
	if (!empty)
		newline(w);
	sk_buf_addch(w->out, c);
}

static void kv_str(struct writer *w, const char *k, const char *v)
{
	key(w, k);
	put_string(w->out, v);
}

static void kv_bool(struct writer *w, const char *k, bool v)
{
	key(w, k);
	sk_buf_adds(w->out, v ? "true" : "false");
}

static void kv_int(struct writer *w, const char *k, long long v)
{
	key(w, k);
	sk_buf_addf(w->out, "%lld", v);
}

static void kv_str_array(struct writer *w, const char *k, const char *const *v, size_t n)
{
	key(w, k);
	open_(w, '[');
	for (size_t i = 0; i < n; i++) {
		item(w);
		put_string(w->out, v[i]);
	}
	close_(w, ']');
}

static void write_refs(struct writer *w, const struct sk_ref *deps, size_t n)
{
	key(w, "deps");
	open_(w, '[');
	for (size_t i = 0; i < n; i++) {
		item(w);
		open_(w, '{');
		kv_str(w, "kind", map_name(obj_kind_names, (int)deps[i].kind));
		kv_str(w, "schema", deps[i].schema);
		kv_str(w, "name", deps[i].name);
		close_(w, '}');
	}
	close_(w, ']');
}

static void write_sequence(struct writer *w, const struct sk_sequence *s)
{
	open_(w, '{');
	kv_str(w, "schema", s->schema);
	kv_str(w, "name", s->name);
	kv_str(w, "data_type", s->data_type);
	kv_int(w, "start", s->start);
	kv_int(w, "increment", s->increment);
	kv_int(w, "min_value", s->min_value);
	kv_int(w, "max_value", s->max_value);
	kv_int(w, "cache", s->cache);
	kv_bool(w, "cycle", s->cycle);
	kv_str(w, "owned_by_schema", s->owned_by_schema);
	kv_str(w, "owned_by_table", s->owned_by_table);
	kv_str(w, "owned_by_column", s->owned_by_column);
	kv_str(w, "comment", s->comment);
	close_(w, '}');
}

static void write_type(struct writer *w, const struct sk_type *t)
{
	open_(w, '{');
	kv_str(w, "schema", t->schema);
	kv_str(w, "name", t->name);
	kv_str(w, "kind", map_name(type_kind_names, (int)t->kind));
	kv_str_array(w, "labels", t->labels, t->nlabels);
	kv_str(w, "base_type", t->base_type);
	kv_bool(w, "not_null", t->not_null);
	kv_str(w, "default_expr", t->default_expr);
	kv_str(w, "collation", t->collation);
	key(w, "checks");
	open_(w, '[');
	for (size_t i = 0; i < t->nchecks; i++) {
		item(w);
		open_(w, '{');
		kv_str(w, "name", t->checks[i].name);
		kv_str(w, "definition", t->checks[i].definition);
		close_(w, '}');
	}
	close_(w, ']');
	key(w, "attrs");
	open_(w, '[');
	for (size_t i = 0; i < t->nattrs; i++) {
		item(w);
		open_(w, '{');
		kv_str(w, "name", t->attrs[i].name);
		kv_str(w, "type", t->attrs[i].type);
		kv_str(w, "collation", t->attrs[i].collation);
		close_(w, '}');
	}
	close_(w, ']');
	kv_str(w, "range_body", t->range_body);
	kv_str(w, "comment", t->comment);
	write_refs(w, t->deps, t->ndeps);
	close_(w, '}');
}

static void write_columns(struct writer *w, const struct sk_column *cols, size_t n)
{
	key(w, "columns");
	open_(w, '[');
	for (size_t i = 0; i < n; i++) {
		const struct sk_column *c = &cols[i];

		item(w);
		open_(w, '{');
		kv_str(w, "name", c->name);
		kv_int(w, "position", c->position);
		kv_str(w, "type", c->type);
		kv_bool(w, "not_null", c->not_null);
		kv_str(w, "default_expr", c->default_expr);
		kv_str(w, "identity", map_name(identity_names, (int)c->identity));
		key(w, "identity_seq");
		if (c->identity_seq)
			write_sequence(w, c->identity_seq);
		else
			sk_buf_adds(w->out, "null");
		kv_str(w, "generated_expr", c->generated_expr);
		kv_bool(w, "generated_stored", c->generated_stored);
		kv_str(w, "collation", c->collation);
		kv_str(w, "comment", c->comment);
		kv_str(w, "type_schema", c->type_schema);
		kv_str(w, "type_name", c->type_name);
		kv_bool(w, "is_array", c->is_array);
		close_(w, '}');
	}
	close_(w, ']');
}

static void write_constraint(struct writer *w, const struct sk_constraint *c)
{
	open_(w, '{');
	kv_str(w, "name", c->name);
	kv_str(w, "kind", map_name(constraint_kind_names, (int)c->kind));
	kv_str(w, "definition", c->definition);
	kv_str_array(w, "columns", c->columns, c->ncolumns);
	kv_str(w, "ref_schema", c->ref_schema);
	kv_str(w, "ref_table", c->ref_table);
	kv_str_array(w, "ref_columns", c->ref_columns, c->nref_columns);
	kv_str(w, "on_delete", map_name(fk_action_names, c->on_delete));
	kv_str(w, "on_update", map_name(fk_action_names, c->on_update));
	kv_str(w, "match", map_name(match_names, c->match));
	kv_bool(w, "deferrable", c->deferrable);
	kv_bool(w, "deferred", c->deferred);
	kv_bool(w, "not_valid", c->not_valid);
	kv_bool(w, "nulls_not_distinct", c->nulls_not_distinct);
	kv_str(w, "comment", c->comment);
	close_(w, '}');
}

static void write_indexes(struct writer *w, const struct sk_index *idx, size_t n)
{
	key(w, "indexes");
	open_(w, '[');
	for (size_t i = 0; i < n; i++) {
		item(w);
		open_(w, '{');
		kv_str(w, "name", idx[i].name);
		kv_str(w, "definition", idx[i].definition);
		kv_bool(w, "unique", idx[i].unique);
		kv_str(w, "method", idx[i].method);
		kv_str_array(w, "keys", idx[i].keys, idx[i].nkeys);
		kv_str(w, "predicate", idx[i].predicate);
		kv_str(w, "comment", idx[i].comment);
		close_(w, '}');
	}
	close_(w, ']');
}

static void write_triggers(struct writer *w, const struct sk_trigger *tg, size_t n)
{
	key(w, "triggers");
	open_(w, '[');
	for (size_t i = 0; i < n; i++) {
		item(w);
		open_(w, '{');
		kv_str(w, "name", tg[i].name);
		kv_str(w, "definition", tg[i].definition);
		kv_str(w, "comment", tg[i].comment);
		close_(w, '}');
	}
	close_(w, ']');
}

static void write_table(struct writer *w, const struct sk_table *t)
{
	open_(w, '{');
	kv_str(w, "schema", t->schema);
	kv_str(w, "name", t->name);
	kv_str(w, "kind", map_name(table_kind_names, (int)t->kind));
	kv_bool(w, "unlogged", t->unlogged);
	kv_str(w, "partition_key", t->partition_key);
	kv_str(w, "parent_schema", t->parent_schema);
	kv_str(w, "parent_name", t->parent_name);
	kv_str(w, "partition_bound", t->partition_bound);
	kv_str(w, "options", t->options);
	kv_bool(w, "without_rowid", t->without_rowid);
	kv_bool(w, "strict", t->strict);
	kv_bool(w, "autoincrement", t->autoincrement);
	kv_str(w, "sql", t->sql);
	write_columns(w, t->columns, t->ncolumns);
	key(w, "constraints");
	open_(w, '[');
	for (size_t i = 0; i < t->nconstraints; i++) {
		item(w);
		write_constraint(w, &t->constraints[i]);
	}
	close_(w, ']');
	write_indexes(w, t->indexes, t->nindexes);
	write_triggers(w, t->triggers, t->ntriggers);
	kv_str(w, "comment", t->comment);
	write_refs(w, t->deps, t->ndeps);
	close_(w, '}');
}

static void write_view(struct writer *w, const struct sk_view *v)
{
	open_(w, '{');
	kv_str(w, "schema", v->schema);
	kv_str(w, "name", v->name);
	kv_bool(w, "materialized", v->materialized);
	kv_str(w, "definition", v->definition);
	kv_str(w, "options", v->options);
	write_columns(w, v->columns, v->ncolumns);
	write_indexes(w, v->indexes, v->nindexes);
	write_triggers(w, v->triggers, v->ntriggers);
	kv_str(w, "comment", v->comment);
	write_refs(w, v->deps, v->ndeps);
	close_(w, '}');
}

static void write_function(struct writer *w, const struct sk_function *f)
{
	open_(w, '{');
	kv_str(w, "schema", f->schema);
	kv_str(w, "name", f->name);
	kv_str(w, "identity_args", f->identity_args);
	/* the model has functions and procedures only */
	kv_str(w, "kind", f->kind == 'p' ? "procedure" : "function");
	kv_str(w, "definition", f->definition);
	kv_str(w, "language", f->language);
	kv_str(w, "comment", f->comment);
	write_refs(w, f->deps, f->ndeps);
	close_(w, '}');
}

/* Writes `key: [ each(element) ]` for an array of structs. */
#define WRITE_LIST(w, k, arr, n, each)                                                                       \
	do {                                                                                                 \
		key((w), (k));                                                                               \
		open_((w), '[');                                                                             \
		for (size_t i_ = 0; i_ < (n); i_++) {                                                        \
			item(w);                                                                             \
			each((w), &(arr)[i_]);                                                               \
		}                                                                                            \
		close_((w), ']');                                                                            \
	} while (0)

static void write_extension(struct writer *w, const struct sk_extension *e)
{
	open_(w, '{');
	kv_str(w, "name", e->name);
	kv_str(w, "schema", e->schema);
	kv_str(w, "comment", e->comment);
	close_(w, '}');
}

static void write_namespace(struct writer *w, const struct sk_namespace *ns)
{
	open_(w, '{');
	kv_str(w, "name", ns->name);
	kv_str(w, "comment", ns->comment);
	close_(w, '}');
}

void sk_snapshot_write(struct sk_buf *out, const struct sk_model *m)
{
	struct writer w;

	memset(&w, 0, sizeof(w));
	w.out = out;
	w.first[0] = true;
	open_(&w, '{');
	kv_str(&w, "format", SK_SNAPSHOT_FORMAT);
	kv_int(&w, "version", SK_SNAPSHOT_VERSION);
	kv_str(&w, "dialect", map_name(dialect_names, (int)m->dialect));
	WRITE_LIST(&w, "extensions", m->extensions, m->nextensions, write_extension);
	WRITE_LIST(&w, "schemas", m->namespaces, m->nnamespaces, write_namespace);
	WRITE_LIST(&w, "types", m->types, m->ntypes, write_type);
	WRITE_LIST(&w, "sequences", m->sequences, m->nsequences, write_sequence);
	WRITE_LIST(&w, "functions", m->functions, m->nfunctions, write_function);
	WRITE_LIST(&w, "tables", m->tables, m->ntables, write_table);
	WRITE_LIST(&w, "views", m->views, m->nviews, write_view);
	close_(&w, '}');
	sk_buf_addch(out, '\n');
}

/* ---- the reader ---- */

struct reader {
	struct sk_model *m;
	struct sk_buf path; /* JSON path of the value being read, e.g. "tables[3].columns[1]" */
	const char *file;
	struct sk_error *err;
};

#define TRY(call)                                                                                            \
	do {                                                                                                 \
		int rc_ = (call);                                                                            \
		if (rc_ < 0)                                                                                 \
			return rc_;                                                                          \
	} while (0)

static size_t push_key(struct reader *r, const char *k)
{
	size_t old = r->path.len;

	if (old)
		sk_buf_addch(&r->path, '.');
	sk_buf_adds(&r->path, k);
	return old;
}

static size_t push_index(struct reader *r, size_t i)
{
	size_t old = r->path.len;

	sk_buf_addf(&r->path, "[%zu]", i);
	return old;
}

static void pop(struct reader *r, size_t old)
{
	sk_buf_setlen(&r->path, old);
}

/* An error about the value at the current path. */
static int fail(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct reader *r, const char *fmt, ...)
{
	struct sk_buf msg = SK_BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	sk_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	rc = sk_error_set(r->err, SK_ERR_INPUT, "snapshot field '%s' %s", r->path.buf, msg.buf);
	sk_error_locate(r->err, r->file, 0, 0);
	sk_buf_release(&msg);
	return rc;
}

static const char *json_type_article(struct json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "a boolean";
	case json_type_double:
		return "a fractional number";
	case json_type_int:
		return "an integer";
	case json_type_object:
		return "an object";
	case json_type_array:
		return "an array";
	case json_type_string:
		return "a string";
	}
	return "a value";
}

/*
 * Looks up member k of obj, which must be there. *out is NULL for a JSON
 * null. On success the path names the member; the caller pops to *old.
 */
static int member(struct reader *r, struct json_object *obj, const char *k, struct json_object **out,
                  size_t *old)
{
	*old = push_key(r, k);
	if (!json_object_object_get_ex(obj, k, out)) {
		int rc = fail(r, "is missing");
		pop(r, *old);
		return rc;
	}
	return 0;
}

/* Checks v's JSON type; null passes when nullable. */
static int expect(struct reader *r, struct json_object *v, enum json_type type, const char *what,
                  bool nullable)
{
	if (!v && nullable)
		return 0;
	if (!v || !json_object_is_type(v, type))
		return fail(r, "must be %s%s, not %s", what, nullable ? " or null" : "",
		            json_type_article(v));
	return 0;
}

/* A string value (already on the path) into the arena. */
static int take_string(struct reader *r, struct json_object *v, bool nullable, const char **out)
{
	const char *s;
	int len;

	*out = NULL;
	TRY(expect(r, v, json_type_string, "a string", nullable));
	if (!v)
		return 0;
	s = json_object_get_string(v);
	len = json_object_get_string_len(v);
	if (memchr(s, '\0', (size_t)len))
		return fail(r, "contains a NUL character (\\u0000)");
	*out = sk_arena_strndup(&r->m->arena, s, (size_t)len);
	return 0;
}

static int get_str(struct reader *r, struct json_object *obj, const char *k, bool nullable, const char **out)
{
	struct json_object *v;
	size_t old;
	int rc;

	*out = NULL;
	TRY(member(r, obj, k, &v, &old));
	rc = take_string(r, v, nullable, out);
	pop(r, old);
	return rc;
}

static int get_bool(struct reader *r, struct json_object *obj, const char *k, bool *out)
{
	struct json_object *v;
	size_t old;
	int rc;

	TRY(member(r, obj, k, &v, &old));
	rc = expect(r, v, json_type_boolean, "true or false", false);
	if (rc == 0)
		*out = json_object_get_boolean(v) != 0;
	pop(r, old);
	return rc;
}

/* An integer in [min, max]. The text was checked for integers outside int64
 * before, as json-c saturates them silently. */
static int get_int(struct reader *r, struct json_object *obj, const char *k, long long min, long long max,
                   long long *out)
{
	struct json_object *v;
	size_t old;
	int64_t n;
	int rc;

	TRY(member(r, obj, k, &v, &old));
	rc = expect(r, v, json_type_int, "an integer", false);
	if (rc == 0) {
		n = json_object_get_int64(v);
		if (n < min || n > max)
			rc = fail(r, "is out of range (%lld to %lld)", min, max);
		else
			*out = n;
	}
	pop(r, old);
	return rc;
}

static void append_names(struct sk_buf *sb, const struct name_map *map)
{
	for (const struct name_map *p = map; p->name; p++)
		sk_buf_addf(sb, "%s'%s'", p == map ? "" : ", ", p->name);
}

/* A string naming an enumerated value; null gives null_value when nullable. */
static int get_enum(struct reader *r, struct json_object *obj, const char *k, const struct name_map *map,
                    bool nullable, int null_value, int *out)
{
	struct json_object *v;
	const struct name_map *p;
	const char *s;
	size_t old;
	int rc;

	TRY(member(r, obj, k, &v, &old));
	rc = expect(r, v, json_type_string, "a string", nullable);
	if (rc == 0 && !v) {
		*out = null_value;
	} else if (rc == 0) {
		s = json_object_get_string(v);
		for (p = map; p->name && strcmp(p->name, s); p++)
			;
		if (p->name && (size_t)json_object_get_string_len(v) == strlen(s)) {
			*out = p->value;
		} else {
			struct sk_buf names = SK_BUF_INIT;

			append_names(&names, map);
			rc = fail(r, "has the unknown value \"%s\" (expected %s%s)", s, names.buf,
			          nullable ? " or null" : "");
			sk_buf_release(&names);
		}
	}
	pop(r, old);
	return rc;
}

/* An array member; on success the path names it and the caller pops. */
static int get_array(struct reader *r, struct json_object *obj, const char *k, struct json_object **out,
                     size_t *n, size_t *old)
{
	int rc;

	TRY(member(r, obj, k, out, old));
	rc = expect(r, *out, json_type_array, "an array", false);
	if (rc < 0) {
		pop(r, *old);
		return rc;
	}
	*n = json_object_array_length(*out);
	return 0;
}

static int get_str_array(struct reader *r, struct json_object *obj, const char *k, const char ***out,
                         size_t *nout)
{
	struct json_object *arr;
	const char **v = NULL;
	size_t n, old;
	int rc = 0;

	*out = NULL;
	*nout = 0;
	TRY(get_array(r, obj, k, &arr, &n, &old));
	if (n)
		v = sk_arena_calloc(&r->m->arena, n, sizeof(*v));
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t o = push_index(r, i);

		rc = take_string(r, json_object_array_get_idx(arr, i), false, &v[i]);
		pop(r, o);
	}
	pop(r, old);
	if (rc == 0) {
		*out = v;
		*nout = n;
	}
	return rc;
}

typedef int read_fn(struct reader *r, struct json_object *obj, void *dst);

/* An array of objects, each read into an arena element of elem_size. */
static int get_list(struct reader *r, struct json_object *obj, const char *k, size_t elem_size, read_fn *each,
                    void **out, size_t *nout)
{
	struct json_object *arr;
	unsigned char *v = NULL;
	size_t n, old;
	int rc = 0;

	*out = NULL;
	*nout = 0;
	TRY(get_array(r, obj, k, &arr, &n, &old));
	if (n)
		v = sk_arena_calloc(&r->m->arena, n, elem_size);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct json_object *e = json_object_array_get_idx(arr, i);
		size_t o = push_index(r, i);

		rc = expect(r, e, json_type_object, "an object", false);
		if (rc == 0)
			rc = each(r, e, v + i * elem_size);
		pop(r, o);
	}
	pop(r, old);
	if (rc == 0) {
		*out = v;
		*nout = n;
	}
	return rc;
}

/* get_list into the struct array `arr` with count `n`; returns on error. */
#define GET_LIST(r, obj, k, each, arr, n)                                                                    \
	do {                                                                                                 \
		void *list_;                                                                                 \
		TRY(get_list((r), (obj), (k), sizeof(*(arr)), (each), &list_, &(n)));                        \
		(arr) = list_;                                                                               \
	} while (0)

static int read_ref(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_ref *ref = dst;
	int kind;

	TRY(get_enum(r, o, "kind", obj_kind_names, false, 0, &kind));
	ref->kind = (enum sk_obj_kind)kind;
	TRY(get_str(r, o, "schema", true, &ref->schema));
	TRY(get_str(r, o, "name", false, &ref->name));
	return 0;
}

#define GET_DEPS(r, o, x) GET_LIST((r), (o), "deps", read_ref, (x)->deps, (x)->ndeps)

static int read_extension(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_extension *e = dst;

	TRY(get_str(r, o, "name", false, &e->name));
	TRY(get_str(r, o, "schema", false, &e->schema));
	TRY(get_str(r, o, "comment", true, &e->comment));
	return 0;
}

static int read_namespace(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_namespace *ns = dst;

	TRY(get_str(r, o, "name", false, &ns->name));
	TRY(get_str(r, o, "comment", true, &ns->comment));
	return 0;
}

static int read_check(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_check *c = dst;

	TRY(get_str(r, o, "name", false, &c->name));
	TRY(get_str(r, o, "definition", false, &c->definition));
	return 0;
}

static int read_attribute(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_attribute *a = dst;

	TRY(get_str(r, o, "name", false, &a->name));
	TRY(get_str(r, o, "type", false, &a->type));
	TRY(get_str(r, o, "collation", true, &a->collation));
	return 0;
}

static int read_type(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_type *t = dst;
	int kind;

	TRY(get_str(r, o, "schema", false, &t->schema));
	TRY(get_str(r, o, "name", false, &t->name));
	TRY(get_enum(r, o, "kind", type_kind_names, false, 0, &kind));
	t->kind = (enum sk_type_kind)kind;
	TRY(get_str_array(r, o, "labels", &t->labels, &t->nlabels));
	TRY(get_str(r, o, "base_type", true, &t->base_type));
	TRY(get_bool(r, o, "not_null", &t->not_null));
	TRY(get_str(r, o, "default_expr", true, &t->default_expr));
	TRY(get_str(r, o, "collation", true, &t->collation));
	GET_LIST(r, o, "checks", read_check, t->checks, t->nchecks);
	GET_LIST(r, o, "attrs", read_attribute, t->attrs, t->nattrs);
	TRY(get_str(r, o, "range_body", true, &t->range_body));
	TRY(get_str(r, o, "comment", true, &t->comment));
	GET_DEPS(r, o, t);
	return 0;
}

static int read_sequence(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_sequence *s = dst;

	TRY(get_str(r, o, "schema", false, &s->schema));
	TRY(get_str(r, o, "name", false, &s->name));
	TRY(get_str(r, o, "data_type", false, &s->data_type));
	TRY(get_int(r, o, "start", LLONG_MIN, LLONG_MAX, &s->start));
	TRY(get_int(r, o, "increment", LLONG_MIN, LLONG_MAX, &s->increment));
	TRY(get_int(r, o, "min_value", LLONG_MIN, LLONG_MAX, &s->min_value));
	TRY(get_int(r, o, "max_value", LLONG_MIN, LLONG_MAX, &s->max_value));
	TRY(get_int(r, o, "cache", LLONG_MIN, LLONG_MAX, &s->cache));
	TRY(get_bool(r, o, "cycle", &s->cycle));
	TRY(get_str(r, o, "owned_by_schema", true, &s->owned_by_schema));
	TRY(get_str(r, o, "owned_by_table", true, &s->owned_by_table));
	TRY(get_str(r, o, "owned_by_column", true, &s->owned_by_column));
	TRY(get_str(r, o, "comment", true, &s->comment));
	return 0;
}

static int read_identity_seq(struct reader *r, struct json_object *o, struct sk_sequence **out)
{
	struct json_object *v;
	size_t old;
	int rc;

	*out = NULL;
	TRY(member(r, o, "identity_seq", &v, &old));
	rc = expect(r, v, json_type_object, "an object", true);
	if (rc == 0 && v) {
		struct sk_sequence *s = sk_arena_calloc(&r->m->arena, 1, sizeof(*s));

		rc = read_sequence(r, v, s);
		if (rc == 0)
			*out = s;
	}
	pop(r, old);
	return rc;
}

static int read_column(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_column *c = dst;
	long long pos;
	int identity;

	TRY(get_str(r, o, "name", false, &c->name));
	TRY(get_int(r, o, "position", INT_MIN, INT_MAX, &pos));
	c->position = (int)pos;
	TRY(get_str(r, o, "type", false, &c->type));
	TRY(get_bool(r, o, "not_null", &c->not_null));
	TRY(get_str(r, o, "default_expr", true, &c->default_expr));
	TRY(get_enum(r, o, "identity", identity_names, true, SK_IDENTITY_NONE, &identity));
	c->identity = (enum sk_identity)identity;
	TRY(read_identity_seq(r, o, &c->identity_seq));
	TRY(get_str(r, o, "generated_expr", true, &c->generated_expr));
	TRY(get_bool(r, o, "generated_stored", &c->generated_stored));
	TRY(get_str(r, o, "collation", true, &c->collation));
	TRY(get_str(r, o, "comment", true, &c->comment));
	TRY(get_str(r, o, "type_schema", true, &c->type_schema));
	TRY(get_str(r, o, "type_name", true, &c->type_name));
	TRY(get_bool(r, o, "is_array", &c->is_array));
	return 0;
}

static int read_constraint(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_constraint *c = dst;
	int v;

	TRY(get_str(r, o, "name", false, &c->name));
	TRY(get_enum(r, o, "kind", constraint_kind_names, false, 0, &v));
	c->kind = (enum sk_constraint_kind)v;
	TRY(get_str(r, o, "definition", false, &c->definition));
	TRY(get_str_array(r, o, "columns", &c->columns, &c->ncolumns));
	TRY(get_str(r, o, "ref_schema", true, &c->ref_schema));
	TRY(get_str(r, o, "ref_table", true, &c->ref_table));
	TRY(get_str_array(r, o, "ref_columns", &c->ref_columns, &c->nref_columns));
	TRY(get_enum(r, o, "on_delete", fk_action_names, true, 0, &v));
	c->on_delete = (char)v;
	TRY(get_enum(r, o, "on_update", fk_action_names, true, 0, &v));
	c->on_update = (char)v;
	TRY(get_enum(r, o, "match", match_names, true, 0, &v));
	c->match = (char)v;
	TRY(get_bool(r, o, "deferrable", &c->deferrable));
	TRY(get_bool(r, o, "deferred", &c->deferred));
	TRY(get_bool(r, o, "not_valid", &c->not_valid));
	TRY(get_bool(r, o, "nulls_not_distinct", &c->nulls_not_distinct));
	TRY(get_str(r, o, "comment", true, &c->comment));
	return 0;
}

static int read_index(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_index *x = dst;

	TRY(get_str(r, o, "name", false, &x->name));
	TRY(get_str(r, o, "definition", false, &x->definition));
	TRY(get_bool(r, o, "unique", &x->unique));
	TRY(get_str(r, o, "method", false, &x->method));
	TRY(get_str_array(r, o, "keys", &x->keys, &x->nkeys));
	TRY(get_str(r, o, "predicate", true, &x->predicate));
	TRY(get_str(r, o, "comment", true, &x->comment));
	return 0;
}

static int read_trigger(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_trigger *t = dst;

	TRY(get_str(r, o, "name", false, &t->name));
	TRY(get_str(r, o, "definition", false, &t->definition));
	TRY(get_str(r, o, "comment", true, &t->comment));
	return 0;
}

static int read_table(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_table *t = dst;
	int kind;

	TRY(get_str(r, o, "schema", false, &t->schema));
	TRY(get_str(r, o, "name", false, &t->name));
	TRY(get_enum(r, o, "kind", table_kind_names, false, 0, &kind));
	t->kind = (enum sk_table_kind)kind;
	TRY(get_bool(r, o, "unlogged", &t->unlogged));
	TRY(get_str(r, o, "partition_key", true, &t->partition_key));
	TRY(get_str(r, o, "parent_schema", true, &t->parent_schema));
	TRY(get_str(r, o, "parent_name", true, &t->parent_name));
	TRY(get_str(r, o, "partition_bound", true, &t->partition_bound));
	TRY(get_str(r, o, "options", true, &t->options));
	TRY(get_bool(r, o, "without_rowid", &t->without_rowid));
	TRY(get_bool(r, o, "strict", &t->strict));
	TRY(get_bool(r, o, "autoincrement", &t->autoincrement));
	TRY(get_str(r, o, "sql", true, &t->sql));
	GET_LIST(r, o, "columns", read_column, t->columns, t->ncolumns);
	GET_LIST(r, o, "constraints", read_constraint, t->constraints, t->nconstraints);
	GET_LIST(r, o, "indexes", read_index, t->indexes, t->nindexes);
	GET_LIST(r, o, "triggers", read_trigger, t->triggers, t->ntriggers);
	TRY(get_str(r, o, "comment", true, &t->comment));
	GET_DEPS(r, o, t);
	return 0;
}

static int read_view(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_view *v = dst;

	TRY(get_str(r, o, "schema", false, &v->schema));
	TRY(get_str(r, o, "name", false, &v->name));
	TRY(get_bool(r, o, "materialized", &v->materialized));
	TRY(get_str(r, o, "definition", false, &v->definition));
	TRY(get_str(r, o, "options", true, &v->options));
	GET_LIST(r, o, "columns", read_column, v->columns, v->ncolumns);
	GET_LIST(r, o, "indexes", read_index, v->indexes, v->nindexes);
	GET_LIST(r, o, "triggers", read_trigger, v->triggers, v->ntriggers);
	TRY(get_str(r, o, "comment", true, &v->comment));
	GET_DEPS(r, o, v);
	return 0;
}

static int read_function(struct reader *r, struct json_object *o, void *dst)
{
	struct sk_function *f = dst;
	int kind;

	TRY(get_str(r, o, "schema", false, &f->schema));
	TRY(get_str(r, o, "name", false, &f->name));
	TRY(get_str(r, o, "identity_args", false, &f->identity_args));
	TRY(get_enum(r, o, "kind", function_kind_names, false, 0, &kind));
	f->kind = (char)kind;
	TRY(get_str(r, o, "definition", false, &f->definition));
	TRY(get_str(r, o, "language", false, &f->language));
	TRY(get_str(r, o, "comment", true, &f->comment));
	GET_DEPS(r, o, f);
	return 0;
}

static const char *const top_keys[] = {
        "format", "version",   "dialect",   "extensions", "schemas",
        "types",  "sequences", "functions", "tables",     "views",
};

/* The top level: format and version first, so that another file or another
 * version is named as such rather than by its first unexpected key. */
static int read_top(struct reader *r, struct json_object *root)
{
	struct json_object *v;
	struct sk_model *m = r->m;
	long long version;
	int dialect;

	if (!json_object_is_type(root, json_type_object) || !json_object_object_get_ex(root, "format", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    strcmp(json_object_get_string(v), SK_SNAPSHOT_FORMAT) ||
	    (size_t)json_object_get_string_len(v) != strlen(SK_SNAPSHOT_FORMAT)) {
		sk_error_set(r->err, SK_ERR_INPUT, "not a schemake snapshot");
		sk_error_locate(r->err, r->file, 0, 0);
		sk_error_detail(r->err, "a snapshot is a JSON object whose \"format\" is \"%s\"",
		                SK_SNAPSHOT_FORMAT);
		return -SK_ERR_INPUT;
	}
	TRY(get_int(r, root, "version", LLONG_MIN, LLONG_MAX, &version));
	if (version != SK_SNAPSHOT_VERSION) {
		sk_error_set(r->err, SK_ERR_INPUT,
		             "unsupported snapshot version %lld (this schemake reads version %d)", version,
		             SK_SNAPSHOT_VERSION);
		sk_error_locate(r->err, r->file, 0, 0);
		sk_error_hint(r->err,
		              "regenerate the snapshot with this version of schemake (schemake-dump)");
		return -SK_ERR_INPUT;
	}
	json_object_object_foreach(root, k, val)
	{
		size_t i;

		(void)val;
		for (i = 0; i < sizeof(top_keys) / sizeof(top_keys[0]) && strcmp(k, top_keys[i]); i++)
			;
		if (i == sizeof(top_keys) / sizeof(top_keys[0])) {
			size_t old = push_key(r, k);
			int rc = fail(r, "is not a key of a version %d snapshot", SK_SNAPSHOT_VERSION);

			sk_error_hint(r->err,
			              "a new kind of object needs a new snapshot version; check the spelling "
			              "or regenerate the snapshot with this version of schemake");
			pop(r, old);
			return rc;
		}
	}
	TRY(get_enum(r, root, "dialect", dialect_names, false, 0, &dialect));
	m->dialect = (enum sk_dialect)dialect;
	GET_LIST(r, root, "extensions", read_extension, m->extensions, m->nextensions);
	GET_LIST(r, root, "schemas", read_namespace, m->namespaces, m->nnamespaces);
	GET_LIST(r, root, "types", read_type, m->types, m->ntypes);
	GET_LIST(r, root, "sequences", read_sequence, m->sequences, m->nsequences);
	GET_LIST(r, root, "functions", read_function, m->functions, m->nfunctions);
	GET_LIST(r, root, "tables", read_table, m->tables, m->ntables);
	GET_LIST(r, root, "views", read_view, m->views, m->nviews);
	return 0;
}

static void offset_to_line_col(const char *text, size_t off, unsigned *line, unsigned *col)
{
	size_t start = 0;

	*line = 1;
	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	*col = (unsigned)(off - start + 1);
}

static int syntax_error(struct reader *r, const char *text, size_t off, const char *what)
{
	unsigned line, col;

	offset_to_line_col(text, off, &line, &col);
	sk_error_set(r->err, SK_ERR_INPUT, "malformed JSON: %s", what);
	sk_error_locate(r->err, r->file, line, col);
	return -SK_ERR_INPUT;
}

static bool is_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * json-c turns integers outside int64 into INT64_MIN / INT64_MAX (or a
 * uint64) without a word, so the text of valid JSON is scanned for them.
 * Returns the offset of the first such integer, or len.
 */
static size_t find_huge_integer(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len) {
		char c = text[i];

		if (c == '"' || c == '\'') {
			/* json-c takes 'strings' too */
			for (i++; i < len && text[i] != c; i++)
				if (text[i] == '\\')
					i++;
			i++;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			size_t start = i, digits = 0;
			bool integer = true;

			for (; i < len && strchr("0123456789+-.eE", text[i]) && text[i]; i++) {
				if (text[i] >= '0' && text[i] <= '9')
					digits++;
				else if (text[i] != '-')
					integer = false;
			}
			if (integer) {
				char buf[32];
				long long n;
				char *end;

				if (digits > 19)
					return start;
				memcpy(buf, text + start, i - start);
				buf[i - start] = '\0';
				errno = 0;
				n = strtoll(buf, &end, 10);
				(void)n;
				if (errno == ERANGE)
					return start;
			}
		} else {
			i++;
		}
	}
	return len;
}

int sk_snapshot_read(struct sk_model **out, const char *path, const char *text, size_t len,
                     struct sk_error *err)
{
	struct reader r;
	struct json_tokener *tok = NULL;
	struct json_object *root = NULL;
	enum json_tokener_error jerr;
	const char *nul;
	size_t end, i;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	sk_buf_init(&r.path);
	r.file = path;
	r.err = err;

	for (i = 0; i < len && is_json_space(text[i]); i++)
		;
	if (i == len) {
		rc = sk_error_set(err, SK_ERR_INPUT, "empty snapshot");
		sk_error_locate(err, path, 0, 0);
		sk_error_hint(err, "a snapshot is the JSON that schemake-dump writes");
		goto done;
	}
	if (len > INT_MAX) {
		rc = sk_error_set(err, SK_ERR_INPUT, "snapshot too large (%zu bytes)", len);
		sk_error_locate(err, path, 0, 0);
		goto done;
	}
	/* json-c stops at a NUL byte as if the text ended there */
	nul = memchr(text, '\0', len);
	if (nul) {
		rc = syntax_error(&r, text, (size_t)(nul - text), "NUL byte");
		goto done;
	}

	tok = json_tokener_new(); /* depth limit: JSON_TOKENER_DEFAULT_DEPTH */
	if (!tok)
		abort();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (jerr == json_tokener_continue) {
		/* a lone top-level number needs to be told that the text ends */
		root = json_tokener_parse_ex(tok, "", 1);
		jerr = json_tokener_get_error(tok);
		end = len;
	}
	if (jerr != json_tokener_success) {
		rc = syntax_error(&r, text, end > len ? len : end, json_tokener_error_desc(jerr));
		goto done;
	}
	if (end > len)
		end = len;
	for (i = end; i < len && is_json_space(text[i]); i++)
		;
	if (i < len) {
		rc = syntax_error(&r, text, i, "unexpected text after the end of the snapshot");
		goto done;
	}
	i = find_huge_integer(text, end);
	if (i < end) {
		rc = syntax_error(&r, text, i, "integer out of range (snapshot integers are 64-bit)");
		goto done;
	}

	r.m = sk_model_new(SK_DIALECT_POSTGRES);
	rc = read_top(&r, root);
	if (rc == 0) {
		*out = r.m;
		r.m = NULL;
	}

done:
	sk_model_free(r.m);
	if (root)
		json_object_put(root);
	if (tok)
		json_tokener_free(tok);
	sk_buf_release(&r.path);
	return rc;
}
