#ifndef SK_MODEL_H
#define SK_MODEL_H
/*
 * The schema model: one in-memory description of a database's schema that
 * every view reads (dump SQL, JSON snapshot, diff, codegen). It owns one
 * arena; every string and array hangs from it and is freed with the model.
 *
 * Conventions
 *  - Strings are NUL-terminated and never NULL unless the field says
 *    "or NULL". Arrays come as (pointer, count); an empty array may be NULL.
 *  - PostgreSQL texts are the server's own renderings, so what we write is
 *    what the server means: types from format_type(), expressions from
 *    pg_get_expr(), constraint bodies from pg_get_constraintdef(), index
 *    statements from pg_get_indexdef(), view queries from pg_get_viewdef(),
 *    functions from pg_get_functiondef(), triggers from pg_get_triggerdef().
 *    Names are stored unquoted (the writers quote them).
 *  - SQLite keeps the statement it stored in sqlite_schema (`sql`) next to
 *    the parsed structure (PRAGMA table_xinfo, foreign_key_list,
 *    index_list/index_xinfo); schema is "main".
 *  - After sk_model_sort() every list is in a stable logical order: by
 *    (schema, name); columns by position; constraints, indexes and triggers
 *    by name. Never by OID or creation order.
 *  - `deps` lists what an object needs to exist before it can be created
 *    (from pg_depend / pg_rewrite, or parsed for SQLite views); writers
 *    order by them. Only dependencies between objects of the model are
 *    kept.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/arena.h"
#include "common/error.h"
#include "config/url.h"

enum sk_obj_kind {
	SK_OBJ_EXTENSION = 0,
	SK_OBJ_SCHEMA,
	SK_OBJ_TYPE,
	SK_OBJ_SEQUENCE,
	SK_OBJ_FUNCTION,
	SK_OBJ_TABLE,
	SK_OBJ_VIEW /* views and materialized views */
};

/* A reference to another object of the model. For functions `name` is the
 * signature as name(identity arguments), e.g. "add_one(integer)". */
struct sk_ref {
	enum sk_obj_kind kind;
	const char *schema;
	const char *name;
};

struct sk_extension {
	const char *name;
	const char *schema; /* where it was installed */
	const char *comment; /* or NULL */
};

struct sk_namespace {
	const char *name;
	const char *comment; /* or NULL */
};

enum sk_type_kind {
	SK_TYPE_ENUM = 0,
	SK_TYPE_DOMAIN,
	SK_TYPE_COMPOSITE,
	SK_TYPE_RANGE
};

struct sk_check {
	const char *name;
	const char *definition; /* "CHECK ((VALUE > 0))" as pg_get_constraintdef gives it */
};

struct sk_attribute {
	const char *name;
	const char *type;      /* format_type */
	const char *collation; /* or NULL when the type's default */
};

struct sk_type {
	const char *schema;
	const char *name;
	enum sk_type_kind kind;
	/* enum: labels in their sort order */
	const char **labels;
	size_t nlabels;
	/* domain */
	const char *base_type; /* format_type of the base type */
	bool not_null;
	const char *default_expr; /* or NULL */
	const char *collation;    /* or NULL */
	struct sk_check *checks;  /* by name */
	size_t nchecks;
	/* composite */
	struct sk_attribute *attrs; /* in order */
	size_t nattrs;
	/* range: "SUBTYPE = integer, ..." body of CREATE TYPE ... AS RANGE (...) */
	const char *range_body; /* or NULL */
	const char *comment;    /* or NULL */
	struct sk_ref *deps;
	size_t ndeps;
};

struct sk_sequence {
	const char *schema;
	const char *name;
	const char *data_type; /* "bigint", "integer", "smallint" */
	long long start, increment, min_value, max_value, cache;
	bool cycle;
	/* OWNED BY schema.table.column, or all three NULL */
	const char *owned_by_schema;
	const char *owned_by_table;
	const char *owned_by_column;
	const char *comment; /* or NULL */
};

enum sk_identity {
	SK_IDENTITY_NONE = 0,
	SK_IDENTITY_ALWAYS,
	SK_IDENTITY_BY_DEFAULT
};

struct sk_column {
	const char *name;
	int position;      /* 1-based, as the table shows it (dropped columns skipped) */
	const char *type;  /* PostgreSQL: format_type; SQLite: declared type, "" when none */
	bool not_null;
	const char *default_expr; /* or NULL */
	enum sk_identity identity;
	/* identity sequence options, as a sequence (name = the sequence's name) */
	struct sk_sequence *identity_seq; /* or NULL */
	const char *generated_expr; /* GENERATED ALWAYS AS (expr): or NULL */
	bool generated_stored;      /* PostgreSQL: always; SQLite: STORED vs VIRTUAL */
	const char *collation;      /* or NULL when the type's default */
	const char *comment;        /* or NULL */
	/* For codegen: the user-defined type this column uses (enum, domain,
	 * composite), or NULL for built-in types; is_array for T[] columns. */
	const char *type_schema;
	const char *type_name;
	bool is_array;
};

enum sk_constraint_kind {
	SK_CON_PRIMARY = 'p',
	SK_CON_UNIQUE = 'u',
	SK_CON_CHECK = 'c',
	SK_CON_FOREIGN = 'f',
	SK_CON_EXCLUDE = 'x'
};

/* FK actions as PostgreSQL spells them in pg_constraint: a = NO ACTION,
 * r = RESTRICT, c = CASCADE, n = SET NULL, d = SET DEFAULT. */
struct sk_constraint {
	const char *name; /* SQLite: may be "" for unnamed constraints */
	enum sk_constraint_kind kind;
	const char *definition; /* pg_get_constraintdef; SQLite: rebuilt clause text */
	const char **columns;   /* the constrained columns in key order (not for CHECK) */
	size_t ncolumns;
	/* foreign keys */
	const char *ref_schema;
	const char *ref_table;
	const char **ref_columns;
	size_t nref_columns;
	char on_delete;
	char on_update;
	char match; /* f = FULL, p = PARTIAL, s = SIMPLE */
	bool deferrable;
	bool deferred;
	bool not_valid;
	bool nulls_not_distinct; /* UNIQUE NULLS NOT DISTINCT */
	const char *comment;     /* or NULL */
};

struct sk_index {
	const char *name;
	const char *definition; /* PostgreSQL: pg_get_indexdef; SQLite: sqlite_schema.sql */
	bool unique;
	const char *method;       /* "btree", "gin", ...; SQLite: "" */
	const char **keys;        /* column names, or expression text, in order */
	size_t nkeys;
	const char *predicate;    /* WHERE ... of a partial index, or NULL */
	const char *comment;      /* or NULL */
};

struct sk_trigger {
	const char *name;
	const char *definition; /* pg_get_triggerdef; SQLite: sqlite_schema.sql */
	const char *comment;    /* or NULL */
};

enum sk_table_kind {
	SK_TABLE_ORDINARY = 0,
	SK_TABLE_PARTITIONED
};

struct sk_table {
	const char *schema;
	const char *name;
	enum sk_table_kind kind;
	bool unlogged;
	const char *partition_key; /* pg_get_partkeydef, e.g. "RANGE (created_at)", or NULL */
	/* a partition: its parent and bound ("FOR VALUES FROM ... TO ..."), else NULL */
	const char *parent_schema;
	const char *parent_name;
	const char *partition_bound;
	const char *options; /* reloptions "fillfactor=70, ...", or NULL */
	/* SQLite */
	bool without_rowid;
	bool strict;
	bool autoincrement; /* INTEGER PRIMARY KEY AUTOINCREMENT */
	const char *sql;    /* sqlite_schema.sql, or NULL */
	struct sk_column *columns;
	size_t ncolumns;
	/* the table's own constraints (a partition's inherited ones are the parent's) */
	struct sk_constraint *constraints;
	size_t nconstraints;
	/* indexes that do not back a constraint */
	struct sk_index *indexes;
	size_t nindexes;
	struct sk_trigger *triggers;
	size_t ntriggers;
	const char *comment; /* or NULL */
	struct sk_ref *deps;
	size_t ndeps;
};

struct sk_view {
	const char *schema;
	const char *name;
	bool materialized;
	/* PostgreSQL: the query as pg_get_viewdef gives it (no CREATE);
	 * SQLite: the whole CREATE VIEW statement from sqlite_schema. */
	const char *definition;
	const char *options; /* reloptions, e.g. "security_barrier=true", or NULL */
	struct sk_column *columns; /* name and type; comments on view columns */
	size_t ncolumns;
	struct sk_index *indexes; /* materialized views */
	size_t nindexes;
	struct sk_trigger *triggers; /* INSTEAD OF triggers */
	size_t ntriggers;
	const char *comment; /* or NULL */
	struct sk_ref *deps;
	size_t ndeps;
};

struct sk_function {
	const char *schema;
	const char *name;
	const char *identity_args; /* pg_get_function_identity_arguments, e.g. "integer, text" */
	char kind;                 /* f = function, p = procedure */
	const char *definition;    /* pg_get_functiondef: the whole CREATE OR REPLACE statement */
	const char *language;      /* "plpgsql", "sql", ... */
	const char *comment;       /* or NULL */
	struct sk_ref *deps;
	size_t ndeps;
};

struct sk_model {
	struct sk_arena arena;
	enum sk_dialect dialect;
	struct sk_extension *extensions;
	size_t nextensions;
	struct sk_namespace *namespaces; /* user schemas, "public" included when it exists */
	size_t nnamespaces;
	struct sk_type *types;
	size_t ntypes;
	struct sk_sequence *sequences; /* not the ones behind identity columns */
	size_t nsequences;
	struct sk_table *tables;
	size_t ntables;
	struct sk_view *views;
	size_t nviews;
	struct sk_function *functions;
	size_t nfunctions;
};

struct sk_model *sk_model_new(enum sk_dialect dialect);
/* NULL is a no-op. */
void sk_model_free(struct sk_model *m);
/* Puts every list in its stable logical order (see above). */
void sk_model_sort(struct sk_model *m);

/* Lookups; NULL when absent. schema NULL matches "public" (PostgreSQL) or
 * "main" (SQLite). */
const struct sk_table *sk_model_find_table(const struct sk_model *m, const char *schema, const char *name);
const struct sk_view *sk_model_find_view(const struct sk_model *m, const char *schema, const char *name);
const struct sk_type *sk_model_find_type(const struct sk_model *m, const char *schema, const char *name);
const struct sk_column *sk_table_find_column(const struct sk_table *t, const char *name);
/* The primary key of a table, or NULL. */
const struct sk_constraint *sk_table_primary_key(const struct sk_table *t);

/* SK_ERR_USAGE naming the first of schemas that the model does not have
 * ("main" always exists in SQLite). Like pg_dump -n: a misspelt --schema
 * must not give an empty dump or no models. */
int sk_model_check_schemas(const struct sk_model *m, const char *const *schemas, size_t nschemas,
                           struct sk_error *err);

/* Keeps only the objects of the given schemas (when nschemas > 0) and drops
 * tables whose name (or schema.name) matches one of the fnmatch patterns in
 * exclude, with everything that belongs to them. */
void sk_model_filter(struct sk_model *m, const char *const *schemas, size_t nschemas, const char *const *exclude,
		     size_t nexclude);

const char *sk_obj_kind_name(enum sk_obj_kind k); /* "table", "view", ... */

#endif
