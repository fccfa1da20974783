#ifndef SK_CODEGEN_TYPES_H
#define SK_CODEGEN_TYPES_H
/*
 * THE type mapping of codegen, in one place: a database column type ->
 * a kind (which fixes the C representation), a SQLAlchemy type expression,
 * a Python type (annotations) and a Pydantic field type. docs/CODEGEN.md
 * shows the table.
 *
 * The mapping can be overridden per database type in schemake.ini:
 *
 *     [codegen.types]
 *     citext = text                      ; the kind: C char *, Python str
 *     citext.sqlalchemy = sa.Text()      ; any of these three, optional
 *     citext.python = str
 *     citext.pydantic = pydantic.constr(max_length=200)
 *
 * A key names a type as the database spells it, case-insensitively, with or
 * without modifiers and schema ("character varying(20)", "varchar",
 * "public.citext", "citext"); PostgreSQL's short names (varchar, int4,
 * timestamptz, ...) match the long ones. The most specific key wins: the
 * whole type, then the type without modifiers, then its unqualified name.
 * An override of an array's element type applies to the array's elements.
 * When only the kind is overridden, SQLAlchemy keeps the database's own
 * spelling in DDL (`_Declared("citext", sa.Text())`).
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/arena.h"
#include "common/error.h"
#include "config/config.h"
#include "model/model.h"

/* clang-format off */
#define SK_CG_KINDS(X) \
	X(INT16, "int16") X(INT32, "int32") X(INT64, "int64") X(DOUBLE, "double") X(BOOL, "bool") \
	X(TEXT, "text") X(BYTES, "bytes") X(NUMERIC, "numeric") X(DATE, "date") X(TIME, "time") \
	X(TIMESTAMP, "timestamp") X(TIMESTAMPTZ, "timestamptz") X(INTERVAL, "interval") X(UUID, "uuid") \
	X(JSON, "json") X(ENUM, "enum") X(ARRAY, "array") X(ANY, "any")
/* clang-format on */

enum sk_cg_kind {
#define SK_CG_KIND_ENUM(name, str) SK_CG_##name,
	SK_CG_KINDS(SK_CG_KIND_ENUM)
#undef SK_CG_KIND_ENUM
	        SK_CG__NKINDS
};

const char *sk_cg_kind_name(enum sk_cg_kind k);
/* -1 when name is not a kind an override may name (enum and array are
 * not: they come from the schema). */
int sk_cg_kind_parse(const char *name);
/* The C type of a kind's field ("int64_t", "char *"); NULL for SK_CG_BYTES
 * and SK_CG_ENUM, whose types the generated code defines. */
const char *sk_cg_kind_c_type(enum sk_cg_kind k);
/* true when the C field is a malloc'd char * (text forms) */
bool sk_cg_kind_is_text(enum sk_cg_kind k);

/* One override, from a [codegen.types] key. */
struct sk_cg_override {
	const char *type;                           /* normalised */
	int kind;                                   /* -1 when not overridden */
	const char *sqlalchemy, *python, *pydantic; /* or NULL */
};

struct sk_cg_overrides {
	struct sk_cg_override *items;
	size_t n;
};

/* Parses schemake.ini's [codegen.types] entries (strings copied into
 * arena). SK_ERR_CONFIG naming file:line for an unknown kind or an empty
 * value. */
int sk_cg_overrides_parse(struct sk_cg_overrides *out, struct sk_arena *arena,
                          const struct sk_config_entry *entries, size_t n, const char *file,
                          struct sk_error *err);

/* A column's mapping. Strings live in the arena given to sk_cg_type_resolve. */
struct sk_cg_type {
	enum sk_cg_kind kind;
	enum sk_cg_kind elem_kind;       /* arrays: the element's kind */
	const struct sk_type *enum_type; /* SK_CG_ENUM (also an array's element), else NULL */
	const char *sqlalchemy;          /* "sa.String(20)" */
	const char *python;              /* "str", "typing.List[int]" */
	const char *pydantic;            /* "pydantic.constr(max_length=20)" */
	const char *short_name;          /* for diagrams: "varchar", "timestamptz", "int4[]"... no spaces */
	bool overridden;
};

/* Returns the Python class name of an enum type (for sqlalchemy/python). */
typedef const char *(*sk_cg_enum_class_fn)(void *ctx, const struct sk_type *t);

/* Resolves `type` (a column's type as the model spells it) of a model of
 * dialect m->dialect. col may be NULL; when given, its type_schema /
 * type_name / is_array help to find user-defined types. Never fails:
 * unknown types are SK_CG_ANY (C text form, Python typing.Any, SQLAlchemy
 * _Declared(type)). */
void sk_cg_type_resolve(struct sk_cg_type *out, struct sk_arena *arena, const struct sk_model *m,
                        const char *type, const struct sk_column *col, const struct sk_cg_overrides *ov,
                        sk_cg_enum_class_fn enum_class, void *ctx);

/* Normalised spelling of a type for matching: lower case, single spaces,
 * none around "(", ")" and ",". Appended to out. */
void sk_cg_type_normalise(struct sk_buf *out, const char *type);

#endif
