/*
 * snapshot.c: the JSON snapshot of a schema model (docs/SNAPSHOT.md).
 *
 * The writer prints the JSON text itself, so the key order, indentation and
 * escaping are fixed here and nowhere else. It writes the model in the order
 * it is given (callers run sk_model_sort() first). The reader pulls the
 * values from the text with common/json, checks every key's presence and
 * JSON type, and builds the model in its arena as it goes, in the file's
 * order, with no JSON document in between. Neither sorts, filters nor
 * checks what the model's strings mean (SQL texts, references between
 * objects).
 */
#include "model/snapshot.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/banned.h"
#include "common/json.h"

/* The writer's nesting: the snapshot nests at most six levels (top >
 * tables > table > columns > column > identity_seq). */
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

/*
 * The reader is driven by descriptions of the model's structs: each JSON
 * object of the format is a struct, each of its keys a field of a kind
 * (string, integer, list of objects, ...) at an offset. Values go straight
 * from the text into the model's arena; no JSON document is built. Every
 * key is required; unknown keys are skipped, except at the top level.
 */

enum field_kind {
	F_STR,    /* const char * */
	F_BOOL,   /* bool */
	F_INT,    /* int or long long, in [min, max] */
	F_ENUM,   /* a name of map, into an enum (int-sized) or a char */
	F_STRS,   /* const char ** and a size_t count */
	F_LIST,   /* an array of objects: a struct array and a size_t count */
	F_OBJ,    /* one object, or null: a pointer to a struct */
	F_HEADER, /* format and version, checked before the rest */
};

struct object;

struct field {
	const char *key;
	size_t klen;
	enum field_kind kind;
	bool nullable;
	size_t off, count_off, size; /* size of the destination (F_INT, F_ENUM) */
	long long min, max;
	const struct name_map *map;
	int null_value;
	const struct object *obj;
};

struct object {
	size_t size;
	size_t nfields;
	const struct field *fields;
};

#define KEY(k) .key = k, .klen = sizeof(k) - 1
#define MEMBER_SIZE(T, m) sizeof(((T *)0)->m)
#define STR(T, k, m, nul)                                                                                    \
	{                                                                                                    \
		KEY(k), .kind = F_STR, .nullable = nul, .off = offsetof(T, m)                                \
	}
#define BOOL(T, k, m)                                                                                        \
	{                                                                                                    \
		KEY(k), .kind = F_BOOL, .off = offsetof(T, m)                                                \
	}
#define INT(T, k, m, lo, hi)                                                                                 \
	{                                                                                                    \
		KEY(k), .kind = F_INT, .off = offsetof(T, m), .size = MEMBER_SIZE(T, m), .min = lo,          \
		        .max = hi                                                                            \
	}
#define ENUM(T, k, m, names, nul, null_val)                                                                  \
	{                                                                                                    \
		KEY(k), .kind = F_ENUM, .nullable = nul, .off = offsetof(T, m), .size = MEMBER_SIZE(T, m),   \
		        .map = names, .null_value = null_val                                                 \
	}
#define STRS(T, k, m, n)                                                                                     \
	{                                                                                                    \
		KEY(k), .kind = F_STRS, .off = offsetof(T, m), .count_off = offsetof(T, n)                   \
	}
#define LIST(T, k, m, n, o)                                                                                  \
	{                                                                                                    \
		KEY(k), .kind = F_LIST, .off = offsetof(T, m), .count_off = offsetof(T, n), .obj = &o        \
	}
#define OBJECT(T, fields)                                                                                    \
	{                                                                                                    \
		sizeof(T), sizeof(fields) / sizeof(fields[0]), fields                                        \
	}
#define DEPS(T) LIST(T, "deps", deps, ndeps, ref_object)

static const struct field ref_fields[] = {
        ENUM(struct sk_ref, "kind", kind, obj_kind_names, false, 0),
        STR(struct sk_ref, "schema", schema, true),
        STR(struct sk_ref, "name", name, false),
};
static const struct object ref_object = OBJECT(struct sk_ref, ref_fields);

static const struct field extension_fields[] = {
        STR(struct sk_extension, "name", name, false),
        STR(struct sk_extension, "schema", schema, false),
        STR(struct sk_extension, "comment", comment, true),
};
static const struct object extension_object = OBJECT(struct sk_extension, extension_fields);

static const struct field namespace_fields[] = {
        STR(struct sk_namespace, "name", name, false),
        STR(struct sk_namespace, "comment", comment, true),
};
static const struct object namespace_object = OBJECT(struct sk_namespace, namespace_fields);

static const struct field check_fields[] = {
        STR(struct sk_check, "name", name, false),
        STR(struct sk_check, "definition", definition, false),
};
static const struct object check_object = OBJECT(struct sk_check, check_fields);

static const struct field attribute_fields[] = {
        STR(struct sk_attribute, "name", name, false),
        STR(struct sk_attribute, "type", type, false),
        STR(struct sk_attribute, "collation", collation, true),
};
static const struct object attribute_object = OBJECT(struct sk_attribute, attribute_fields);

static const struct field type_fields[] = {
        STR(struct sk_type, "schema", schema, false),
        STR(struct sk_type, "name", name, false),
        ENUM(struct sk_type, "kind", kind, type_kind_names, false, 0),
        STRS(struct sk_type, "labels", labels, nlabels),
        STR(struct sk_type, "base_type", base_type, true),
        BOOL(struct sk_type, "not_null", not_null),
        STR(struct sk_type, "default_expr", default_expr, true),
        STR(struct sk_type, "collation", collation, true),
        LIST(struct sk_type, "checks", checks, nchecks, check_object),
        LIST(struct sk_type, "attrs", attrs, nattrs, attribute_object),
        STR(struct sk_type, "range_body", range_body, true),
        STR(struct sk_type, "comment", comment, true),
        DEPS(struct sk_type),
};
static const struct object type_object = OBJECT(struct sk_type, type_fields);

static const struct field sequence_fields[] = {
        STR(struct sk_sequence, "schema", schema, false),
        STR(struct sk_sequence, "name", name, false),
        STR(struct sk_sequence, "data_type", data_type, false),
        INT(struct sk_sequence, "start", start, LLONG_MIN, LLONG_MAX),
        INT(struct sk_sequence, "increment", increment, LLONG_MIN, LLONG_MAX),
        INT(struct sk_sequence, "min_value", min_value, LLONG_MIN, LLONG_MAX),
        INT(struct sk_sequence, "max_value", max_value, LLONG_MIN, LLONG_MAX),
        INT(struct sk_sequence, "cache", cache, LLONG_MIN, LLONG_MAX),
        BOOL(struct sk_sequence, "cycle", cycle),
        STR(struct sk_sequence, "owned_by_schema", owned_by_schema, true),
        STR(struct sk_sequence, "owned_by_table", owned_by_table, true),
        STR(struct sk_sequence, "owned_by_column", owned_by_column, true),
        STR(struct sk_sequence, "comment", comment, true),
};
static const struct object sequence_object = OBJECT(struct sk_sequence, sequence_fields);

static const struct field column_fields[] = {
        STR(struct sk_column, "name", name, false),
        INT(struct sk_column, "position", position, INT_MIN, INT_MAX),
        STR(struct sk_column, "type", type, false),
        BOOL(struct sk_column, "not_null", not_null),
        STR(struct sk_column, "default_expr", default_expr, true),
        ENUM(struct sk_column, "identity", identity, identity_names, true, SK_IDENTITY_NONE),
        {KEY("identity_seq"), .kind = F_OBJ, .nullable = true,
         .off = offsetof(struct sk_column, identity_seq), .obj = &sequence_object},
        STR(struct sk_column, "generated_expr", generated_expr, true),
        BOOL(struct sk_column, "generated_stored", generated_stored),
        STR(struct sk_column, "collation", collation, true),
        STR(struct sk_column, "comment", comment, true),
        STR(struct sk_column, "type_schema", type_schema, true),
        STR(struct sk_column, "type_name", type_name, true),
        BOOL(struct sk_column, "is_array", is_array),
};
static const struct object column_object = OBJECT(struct sk_column, column_fields);

static const struct field constraint_fields[] = {
        STR(struct sk_constraint, "name", name, false),
        ENUM(struct sk_constraint, "kind", kind, constraint_kind_names, false, 0),
        STR(struct sk_constraint, "definition", definition, false),
        STRS(struct sk_constraint, "columns", columns, ncolumns),
        STR(struct sk_constraint, "ref_schema", ref_schema, true),
        STR(struct sk_constraint, "ref_table", ref_table, true),
        STRS(struct sk_constraint, "ref_columns", ref_columns, nref_columns),
        ENUM(struct sk_constraint, "on_delete", on_delete, fk_action_names, true, 0),
        ENUM(struct sk_constraint, "on_update", on_update, fk_action_names, true, 0),
        ENUM(struct sk_constraint, "match", match, match_names, true, 0),
        BOOL(struct sk_constraint, "deferrable", deferrable),
        BOOL(struct sk_constraint, "deferred", deferred),
        BOOL(struct sk_constraint, "not_valid", not_valid),
        BOOL(struct sk_constraint, "nulls_not_distinct", nulls_not_distinct),
        STR(struct sk_constraint, "comment", comment, true),
};
static const struct object constraint_object = OBJECT(struct sk_constraint, constraint_fields);

static const struct field index_fields[] = {
        STR(struct sk_index, "name", name, false),      STR(struct sk_index, "definition", definition, false),
        BOOL(struct sk_index, "unique", unique),        STR(struct sk_index, "method", method, false),
        STRS(struct sk_index, "keys", keys, nkeys),     STR(struct sk_index, "predicate", predicate, true),
        STR(struct sk_index, "comment", comment, true),
};
static const struct object index_object = OBJECT(struct sk_index, index_fields);

static const struct field trigger_fields[] = {
        STR(struct sk_trigger, "name", name, false),
        STR(struct sk_trigger, "definition", definition, false),
        STR(struct sk_trigger, "comment", comment, true),
};
static const struct object trigger_object = OBJECT(struct sk_trigger, trigger_fields);

static const struct field table_fields[] = {
        STR(struct sk_table, "schema", schema, false),
        STR(struct sk_table, "name", name, false),
        ENUM(struct sk_table, "kind", kind, table_kind_names, false, 0),
        BOOL(struct sk_table, "unlogged", unlogged),
        STR(struct sk_table, "partition_key", partition_key, true),
        STR(struct sk_table, "parent_schema", parent_schema, true),
        STR(struct sk_table, "parent_name", parent_name, true),
        STR(struct sk_table, "partition_bound", partition_bound, true),
        STR(struct sk_table, "options", options, true),
        BOOL(struct sk_table, "without_rowid", without_rowid),
        BOOL(struct sk_table, "strict", strict),
        BOOL(struct sk_table, "autoincrement", autoincrement),
        STR(struct sk_table, "sql", sql, true),
        LIST(struct sk_table, "columns", columns, ncolumns, column_object),
        LIST(struct sk_table, "constraints", constraints, nconstraints, constraint_object),
        LIST(struct sk_table, "indexes", indexes, nindexes, index_object),
        LIST(struct sk_table, "triggers", triggers, ntriggers, trigger_object),
        STR(struct sk_table, "comment", comment, true),
        DEPS(struct sk_table),
};
static const struct object table_object = OBJECT(struct sk_table, table_fields);

static const struct field view_fields[] = {
        STR(struct sk_view, "schema", schema, false),
        STR(struct sk_view, "name", name, false),
        BOOL(struct sk_view, "materialized", materialized),
        STR(struct sk_view, "definition", definition, false),
        STR(struct sk_view, "options", options, true),
        LIST(struct sk_view, "columns", columns, ncolumns, column_object),
        LIST(struct sk_view, "indexes", indexes, nindexes, index_object),
        LIST(struct sk_view, "triggers", triggers, ntriggers, trigger_object),
        STR(struct sk_view, "comment", comment, true),
        DEPS(struct sk_view),
};
static const struct object view_object = OBJECT(struct sk_view, view_fields);

static const struct field function_fields[] = {
        STR(struct sk_function, "schema", schema, false),
        STR(struct sk_function, "name", name, false),
        STR(struct sk_function, "identity_args", identity_args, false),
        ENUM(struct sk_function, "kind", kind, function_kind_names, false, 0),
        STR(struct sk_function, "definition", definition, false),
        STR(struct sk_function, "language", language, false),
        STR(struct sk_function, "comment", comment, true),
        DEPS(struct sk_function),
};
static const struct object function_object = OBJECT(struct sk_function, function_fields);

/* The top level. Its keys are the only ones checked against the format: a
 * new kind of object is a new version. */
static const struct field top_fields[] = {
        {KEY("format"), .kind = F_HEADER},
        {KEY("version"), .kind = F_HEADER},
        ENUM(struct sk_model, "dialect", dialect, dialect_names, false, 0),
        LIST(struct sk_model, "extensions", extensions, nextensions, extension_object),
        LIST(struct sk_model, "schemas", namespaces, nnamespaces, namespace_object),
        LIST(struct sk_model, "types", types, ntypes, type_object),
        LIST(struct sk_model, "sequences", sequences, nsequences, sequence_object),
        LIST(struct sk_model, "functions", functions, nfunctions, function_object),
        LIST(struct sk_model, "tables", tables, ntables, table_object),
        LIST(struct sk_model, "views", views, nviews, view_object),
};
static const struct object top_object = OBJECT(struct sk_model, top_fields);

/* the seen-fields mask of read_object */
_Static_assert(sizeof(table_fields) / sizeof(table_fields[0]) <= 32, "more than 32 fields");
_Static_assert(sizeof(enum sk_table_kind) == sizeof(int), "enums are stored as int");

/* One step of the path of the value being read: a key or an index. */
struct step {
	const char *key; /* NULL for an index */
	size_t index;
};

struct reader {
	struct sk_model *m;
	struct sk_json j;
	const char *text;
	const char *file;
	struct sk_error *err;
	bool semantic; /* the error is about the content, not the syntax */
	struct step path[2 * SK_JSON_MAX_DEPTH];
	size_t npath;
	/* the elements of the arrays being read, by depth, before they are
	 * copied to the arena at their end */
	struct sk_buf lists[SK_JSON_MAX_DEPTH + 1];
};

#define TRY(call)                                                                                            \
	do {                                                                                                 \
		int rc_ = (call);                                                                            \
		if (rc_ < 0)                                                                                 \
			return rc_;                                                                          \
	} while (0)

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

/* The syntax error j stopped at, with its line and column. */
static int syntax_error(struct reader *r, const struct sk_json *j)
{
	unsigned line, col;

	offset_to_line_col(r->text, (size_t)(j->err_at - r->text), &line, &col);
	r->semantic = false;
	sk_error_set(r->err, SK_ERR_INPUT, "malformed JSON: %s", j->err_what);
	sk_error_locate(r->err, r->file, line, col);
	return -SK_ERR_INPUT;
}

/* A call to the JSON reader; returns on a syntax error. */
#define JSON(call)                                                                                           \
	do {                                                                                                 \
		if ((call) < 0)                                                                              \
			return syntax_error(r, &r->j);                                                       \
	} while (0)

static void push_key(struct reader *r, const char *k)
{
	r->path[r->npath].key = k;
	r->npath++;
}

static void push_index(struct reader *r, size_t i)
{
	r->path[r->npath].key = NULL;
	r->path[r->npath].index = i;
	r->npath++;
}

static void pop(struct reader *r)
{
	r->npath--;
}

/* An error about the value at the current path, e.g. "tables[3].columns[1]". */
static int fail(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct reader *r, const char *fmt, ...)
{
	struct sk_buf msg = SK_BUF_INIT, path = SK_BUF_INIT;
	va_list ap;
	int rc;

	for (size_t i = 0; i < r->npath; i++) {
		if (!r->path[i].key)
			sk_buf_addf(&path, "[%zu]", r->path[i].index);
		else
			sk_buf_addf(&path, "%s%s", i ? "." : "", r->path[i].key);
	}
	va_start(ap, fmt);
	sk_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	rc = sk_error_set(r->err, SK_ERR_INPUT, "snapshot field '%s' %s", path.buf, msg.buf);
	sk_error_locate(r->err, r->file, 0, 0);
	r->semantic = true;
	sk_buf_release(&msg);
	sk_buf_release(&path);
	return rc;
}

static const char *type_article(enum sk_json_type t)
{
	switch (t) {
	case SK_JSON_NULL:
		return "null";
	case SK_JSON_BOOL:
		return "a boolean";
	case SK_JSON_FRACTION:
		return "a fractional number";
	case SK_JSON_INT:
		return "an integer";
	case SK_JSON_OBJECT:
		return "an object";
	case SK_JSON_ARRAY:
		return "an array";
	case SK_JSON_STRING:
		return "a string";
	}
	return "a value";
}

static int wrong_type(struct reader *r, enum sk_json_type t, const char *what, bool nullable)
{
	return fail(r, "must be %s%s, not %s", what, nullable ? " or null" : "", type_article(t));
}

/* The next value's type, which must be `want` (or null when nullable).
 * *is_null tells a null, which is consumed. */
static int expect(struct reader *r, enum sk_json_type want, const char *what, bool nullable, bool *is_null)
{
	enum sk_json_type t;

	*is_null = false;
	JSON(sk_json_peek(&r->j, &t));
	if (t == SK_JSON_NULL && nullable) {
		*is_null = true;
		JSON(sk_json_skip(&r->j));
		return 0;
	}
	return t == want ? 0 : wrong_type(r, t, what, nullable);
}

/* A string (or null when nullable) into the arena. */
static int read_string(struct reader *r, bool nullable, const char **out)
{
	const char *s;
	size_t len;
	bool is_null, has_nul;

	*out = NULL;
	TRY(expect(r, SK_JSON_STRING, "a string", nullable, &is_null));
	if (is_null)
		return 0;
	JSON(sk_json_string(&r->j, &s, &len, &has_nul));
	if (has_nul)
		return fail(r, "contains a NUL character (\\u0000)");
	*out = sk_arena_strndup(&r->m->arena, s, len);
	return 0;
}

static void append_names(struct sk_buf *sb, const struct name_map *map)
{
	for (const struct name_map *p = map; p->name; p++)
		sk_buf_addf(sb, "%s'%s'", p == map ? "" : ", ", p->name);
}

static void store_int(void *dst, size_t size, long long v)
{
	if (size == sizeof(char)) {
		char c = (char)v;
		memcpy(dst, &c, 1);
	} else if (size == sizeof(int)) {
		int i = (int)v;
		memcpy(dst, &i, sizeof(i));
	} else {
		memcpy(dst, &v, sizeof(v));
	}
}

static int read_enum(struct reader *r, const struct field *f, void *dst)
{
	const struct name_map *p;
	const char *s;
	size_t len;
	bool is_null, has_nul;

	TRY(expect(r, SK_JSON_STRING, "a string", f->nullable, &is_null));
	if (is_null) {
		store_int(dst, f->size, f->null_value);
		return 0;
	}
	JSON(sk_json_string(&r->j, &s, &len, &has_nul));
	for (p = f->map; p->name; p++)
		if (strlen(p->name) == len && !memcmp(p->name, s, len)) {
			store_int(dst, f->size, p->value);
			return 0;
		}
	{
		struct sk_buf names = SK_BUF_INIT;
		int rc;

		append_names(&names, f->map);
		rc = fail(r, "has the unknown value \"%.*s\" (expected %s%s)", (int)strnlen(s, len), s,
		          names.buf, f->nullable ? " or null" : "");
		sk_buf_release(&names);
		return rc;
	}
}

static int read_int(struct reader *r, const struct field *f, void *dst)
{
	long long n;
	bool is_null;

	TRY(expect(r, SK_JSON_INT, "an integer", false, &is_null));
	JSON(sk_json_int(&r->j, &n));
	if (n < f->min || n > f->max)
		return fail(r, "is out of range (%lld to %lld)", f->min, f->max);
	store_int(dst, f->size, n);
	return 0;
}

static int read_bool(struct reader *r, bool *dst)
{
	bool is_null;

	TRY(expect(r, SK_JSON_BOOL, "true or false", false, &is_null));
	JSON(sk_json_bool(&r->j, dst));
	return 0;
}

static int read_object(struct reader *r, const struct object *o, void *dst, bool strict);

/*
 * An array of strings (elem NULL) or of objects of type elem, into a new
 * arena array: *out and its count *n. The elements collect in a buffer of
 * the array's depth first, since the length is known at the end only.
 */
static int read_array(struct reader *r, const struct object *elem, void **out, size_t *n)
{
	size_t size = elem ? elem->size : sizeof(const char *);
	struct sk_buf *list;
	bool is_null, first = true;
	size_t count = 0;
	int more;

	*out = NULL;
	*n = 0;
	TRY(expect(r, SK_JSON_ARRAY, "an array", false, &is_null));
	JSON(sk_json_enter(&r->j));
	list = &r->lists[r->j.depth];
	sk_buf_setlen(list, 0);
	while ((more = sk_json_element(&r->j, &first)) > 0) {
		void *e;
		int rc;

		sk_buf_grow(list, size);
		e = list->buf + list->len;
		memset(e, 0, size);
		sk_buf_setlen(list, list->len + size);
		push_index(r, count);
		if (elem) {
			rc = expect(r, SK_JSON_OBJECT, "an object", false, &is_null);
			if (rc == 0)
				rc = read_object(r, elem, e, false);
		} else {
			rc = read_string(r, false, e);
		}
		pop(r);
		if (rc < 0)
			return rc;
		count++;
	}
	JSON(more);
	if (count) {
		*out = sk_arena_alloc(&r->m->arena, count * size);
		memcpy(*out, list->buf, count * size);
	}
	*n = count;
	return 0;
}

static int read_field(struct reader *r, const struct field *f, void *obj)
{
	void *dst = (char *)obj + f->off;

	switch (f->kind) {
	case F_STR:
		return read_string(r, f->nullable, dst);
	case F_BOOL:
		return read_bool(r, dst);
	case F_INT:
		return read_int(r, f, dst);
	case F_ENUM:
		return read_enum(r, f, dst);
	case F_STRS:
		return read_array(r, NULL, dst, (size_t *)((char *)obj + f->count_off));
	case F_LIST:
		return read_array(r, f->obj, dst, (size_t *)((char *)obj + f->count_off));
	case F_OBJ: {
		bool is_null;
		void *o;

		*(void **)dst = NULL;
		TRY(expect(r, SK_JSON_OBJECT, "an object", f->nullable, &is_null));
		if (is_null)
			return 0;
		o = sk_arena_alloc(&r->m->arena, f->obj->size);
		TRY(read_object(r, f->obj, o, false));
		*(void **)dst = o;
		return 0;
	}
	case F_HEADER:
		JSON(sk_json_skip(&r->j));
		return 0;
	}
	return 0;
}

/* The field named key, looked for from *hint on: files list the keys in
 * the order of the fields, so the next field is usually the one. */
static const struct field *find_field(const struct object *o, const char *key, size_t klen, size_t *hint)
{
	size_t i = *hint < o->nfields ? *hint : 0;

	for (size_t k = 0; k < o->nfields; k++, i = i + 1 < o->nfields ? i + 1 : 0) {
		const struct field *f = &o->fields[i];

		if (f->klen == klen && !memcmp(f->key, key, klen)) {
			*hint = i + 1;
			return f;
		}
	}
	return NULL;
}

/* An object (the reader is before its '{') into the struct at dst. strict:
 * an unknown key is an error, not skipped. */
static int read_object(struct reader *r, const struct object *o, void *dst, bool strict)
{
	const char *key;
	size_t klen, hint = 0;
	uint32_t seen = 0;
	bool first = true;
	int more;

	JSON(sk_json_enter(&r->j));
	while ((more = sk_json_member(&r->j, &first, &key, &klen)) > 0) {
		const struct field *f = find_field(o, key, klen, &hint);
		int rc;

		if (!f && strict) {
			char *k = sk_xstrndup(key, strnlen(key, klen));

			push_key(r, k);
			rc = fail(r, "is not a key of a version %d snapshot", SK_SNAPSHOT_VERSION);
			sk_error_hint(r->err,
			              "a new kind of object needs a new snapshot version; check the "
			              "spelling or regenerate the snapshot with this version of schemake");
			pop(r);
			free(k);
			return rc;
		}
		if (!f) {
			JSON(sk_json_skip(&r->j));
			continue;
		}
		push_key(r, f->key);
		rc = read_field(r, f, dst);
		pop(r);
		if (rc < 0)
			return rc;
		seen |= 1u << (f - o->fields);
	}
	JSON(more);
	for (size_t i = 0; i < o->nfields; i++)
		if (!(seen & 1u << i)) {
			int rc;

			push_key(r, o->fields[i].key);
			rc = fail(r, "is missing");
			pop(r);
			return rc;
		}
	return 0;
}

static int not_a_snapshot(struct reader *r)
{
	r->semantic = true;
	sk_error_set(r->err, SK_ERR_INPUT, "not a schemake snapshot");
	sk_error_locate(r->err, r->file, 0, 0);
	sk_error_detail(r->err, "a snapshot is a JSON object whose \"format\" is \"%s\"", SK_SNAPSHOT_FORMAT);
	return -SK_ERR_INPUT;
}

static bool key_is(const char *key, size_t klen, const char *name)
{
	return klen == strlen(name) && !memcmp(key, name, klen);
}

/*
 * The format and the version, wherever they are among the top-level keys
 * (first, in what the writer writes), so that another file or another
 * version is named as such rather than by its first unexpected key. A pass
 * of its own that stops when it has both.
 */
static int check_header(struct reader *r)
{
	struct sk_json h;
	enum sk_json_type t, version_type = SK_JSON_NULL;
	const char *key, *s;
	size_t klen, len;
	bool first = true, has_format = false, format_ok = false, has_version = false, has_nul;
	long long version = 0;
	int more = 0, rc = 0;

	sk_json_init(&h, r->text, (size_t)(r->j.end - r->text));
	if (sk_json_peek(&h, &t) < 0 || (t == SK_JSON_OBJECT && sk_json_enter(&h) < 0)) {
		rc = syntax_error(r, &h);
		goto done;
	}
	if (t != SK_JSON_OBJECT) {
		rc = not_a_snapshot(r);
		goto done;
	}
	while (!(has_format && has_version) && (more = sk_json_member(&h, &first, &key, &klen)) > 0) {
		bool is_format = key_is(key, klen, "format"), is_version = key_is(key, klen, "version");

		if ((is_format || is_version) && sk_json_peek(&h, &t) < 0) {
			more = -1;
			break;
		}
		if (is_format && t == SK_JSON_STRING) {
			has_format = true;
			more = sk_json_string(&h, &s, &len, &has_nul);
			format_ok = more == 0 && key_is(s, len, SK_SNAPSHOT_FORMAT);
		} else if (is_version && t == SK_JSON_INT) {
			has_version = true;
			version_type = t;
			more = sk_json_int(&h, &version);
		} else {
			has_format = has_format || is_format;
			has_version = has_version || is_version;
			if (is_version)
				version_type = t;
			more = sk_json_skip(&h);
		}
		if (more < 0)
			break;
	}
	if (more < 0) {
		rc = syntax_error(r, &h);
	} else if (!format_ok) {
		rc = not_a_snapshot(r);
	} else if (!has_version) {
		push_key(r, "version");
		rc = fail(r, "is missing");
		pop(r);
	} else if (version_type != SK_JSON_INT) {
		push_key(r, "version");
		rc = wrong_type(r, version_type, "an integer", false);
		pop(r);
	} else if (version != SK_SNAPSHOT_VERSION) {
		r->semantic = true;
		rc = sk_error_set(r->err, SK_ERR_INPUT,
		                  "unsupported snapshot version %lld (this schemake reads version %d)",
		                  version, SK_SNAPSHOT_VERSION);
		sk_error_locate(r->err, r->file, 0, 0);
		sk_error_hint(r->err,
		              "regenerate the snapshot with this version of schemake (schemake-dump)");
	}
done:
	sk_json_release(&h);
	return rc;
}

static bool is_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* After an error about the content: a syntax error anywhere in the text
 * is what the file has to be told first, as when the whole text was
 * parsed before anything was read from it. */
static int prefer_syntax_error(struct reader *r, int rc)
{
	struct sk_json v;

	if (!r->semantic)
		return rc;
	sk_json_init(&v, r->text, (size_t)(r->j.end - r->text));
	if (sk_json_validate(&v) < 0)
		rc = syntax_error(r, &v);
	sk_json_release(&v);
	return rc;
}

int sk_snapshot_read(struct sk_model **out, const char *path, const char *text, size_t len,
                     struct sk_error *err)
{
	struct reader r;
	size_t i;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.text = text ? text : "";
	r.file = path;
	r.err = err;
	sk_json_init(&r.j, r.text, text ? len : 0);
	for (i = 0; i < SK_JSON_MAX_DEPTH + 1; i++)
		sk_buf_init(&r.lists[i]);

	for (i = 0; i < len && is_json_space(text[i]); i++)
		;
	if (i == len) {
		rc = sk_error_set(err, SK_ERR_INPUT, "empty snapshot");
		sk_error_locate(err, path, 0, 0);
		sk_error_hint(err, "a snapshot is the JSON that schemake-dump writes");
		goto done;
	}
	rc = check_header(&r);
	if (rc == 0) {
		r.m = sk_model_new(SK_DIALECT_POSTGRES);
		rc = read_object(&r, &top_object, r.m, true);
	}
	if (rc == 0 && sk_json_end(&r.j) < 0)
		rc = syntax_error(&r, &r.j);
	rc = prefer_syntax_error(&r, rc);
	if (rc == 0) {
		*out = r.m;
		r.m = NULL;
	}

done:
	sk_model_free(r.m);
	sk_json_release(&r.j);
	for (i = 0; i < SK_JSON_MAX_DEPTH + 1; i++)
		sk_buf_release(&r.lists[i]);
	return rc;
}
