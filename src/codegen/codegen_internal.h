#ifndef SK_CODEGEN_INTERNAL_H
#define SK_CODEGEN_INTERNAL_H
/*
 * What the generators share: the plan of a model (every name each target
 * uses, chosen once so the targets agree, and the facts about keys) and
 * the generators' entry points. The plan borrows the model.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codegen/codegen.h"
#include "codegen/names.h"
#include "codegen/types.h"
#include "common/arena.h"
#include "model/model.h"

struct sk_cg_column {
	const struct sk_column *col;
	struct sk_cg_type type;
	const char *c_name;  /* struct member */
	const char *c_null;  /* null flag member, or NULL for NOT NULL columns */
	const char *py_name; /* SQLAlchemy attribute and Pydantic field */
	bool nullable;
	bool pk;
	bool in_fk;
	bool unique;      /* a one-column unique constraint */
	bool insertable;  /* not generated, not GENERATED ALWAYS AS IDENTITY */
	bool has_default; /* a default, identity or generated: optional on insert */
	bool serial;      /* default nextval() of a sequence owned by the column */
};

struct sk_cg_table;

/* Items (tables, sequences) by a name, so that a lookup is not a scan of
 * the model: for a name, the items of that name in the items' order (a
 * caller takes the first that fits, as the scan did). */
struct sk_cg_index {
	struct sk_cg_map first; /* name -> first item + 1 */
	size_t *next;           /* per item: the next item of its name + 1, or 0 */
};
/* key(ctx, i) is item i's name, or NULL for items not indexed; names are
 * copied into arena. */
void sk_cg_index_build(struct sk_cg_index *x, struct sk_arena *arena, size_t n,
                       const char *(*key)(const void *ctx, size_t i), const void *ctx);
void sk_cg_index_release(struct sk_cg_index *x);
/* The first item named name, or the next of item i's name; SIZE_MAX when
 * there is none. */
size_t sk_cg_index_first(const struct sk_cg_index *x, const char *name);
size_t sk_cg_index_next(const struct sk_cg_index *x, size_t i);

struct sk_cg_fk {
	const struct sk_constraint *con;
	struct sk_cg_table *from;
	struct sk_cg_table *to; /* NULL when the referenced table is not in the model */
	size_t *cols;           /* indexes into from->cols */
	size_t *ref_cols;       /* indexes into to->cols (when to) */
	size_t ncols;
	bool nullable;    /* a key column is nullable: zero or one parent */
	bool unique;      /* the key columns are unique: at most one child */
	bool identifying; /* the key columns are all in the primary key */
};

struct sk_cg_table {
	const struct sk_table *t;
	bool qualified;       /* not in the default schema */
	const char *display;  /* "name", or "schema.name" outside the default schema */
	const char *c_name;   /* PREFIX_table: struct tag and stem of every symbol */
	const char *py_class; /* declarative class and stem of the schemas */
	const char *py_var;   /* t_table: the Table() of tables without a class */
	const char *er_name;  /* diagram entity */
	struct sk_cg_column *cols;
	size_t ncols;
	const struct sk_constraint *pk;
	size_t npk;
	size_t *pk_cols; /* indexes into cols, in key order */
	struct sk_cg_fk *fks;
	size_t nfks;
	bool has_partitions;         /* a table of the model is a PARTITION OF this one */
	bool declarative;            /* has a primary key: a class (else a Table) */
	bool association;            /* a pure many-to-many link table */
	struct sk_cg_scope py_scope; /* the class's attribute names */
};

struct sk_cg_enum {
	const struct sk_type *type;
	const char *display;   /* "name", or "schema.name" */
	const char *c_name;    /* PREFIX_enum: the enum tag and its functions' stem */
	const char **c_labels; /* enum constants */
	const char *py_class;
	const char **py_members;
};

struct sk_cg_plan {
	struct sk_arena arena;
	const struct sk_model *m;
	const char *prefix;       /* C prefix */
	const char *prefix_upper; /* for macros */
	struct sk_cg_enum *enums;
	size_t nenums;
	struct sk_cg_table *tables;
	size_t ntables;
	struct sk_cg_idents idents; /* identifiers of database names, per language */
	struct sk_cg_map types;     /* resolved column types (struct sk_cg_type *), by what decides them */
	struct sk_cg_index tables_by_name;
	struct sk_cg_index sequences_by_name;  /* the model's sequences */
	struct sk_cg_index sequences_by_owner; /* by owned_by_table */
};

int sk_cg_plan_build(struct sk_cg_plan *p, const struct sk_model *m, const struct sk_codegen_settings *s,
                     struct sk_error *err);
void sk_cg_plan_release(struct sk_cg_plan *p);
const struct sk_cg_enum *sk_cg_plan_enum(const struct sk_cg_plan *p, const struct sk_type *t);
/* part is a PARTITION OF parent */
bool sk_cg_is_partition_of(const struct sk_table *part, const struct sk_table *parent);
/* true for "public" (PostgreSQL) / "main" (SQLite) and NULL */
bool sk_cg_default_schema(const struct sk_cg_plan *p, const char *schema);

/* Appends text for a C or Python comment: newlines become spaces, and a
 * C comment's end is broken up. */
void sk_cg_comment_text(struct sk_buf *out, const char *s);

/* Adds a file named name to out and returns its buffer. */
struct sk_buf *sk_cg_add_file(struct sk_codegen_files *out, const char *name);

/* The enum classes of models.py and schemas.py (the same in both). */
void sk_cg_python_enums(struct sk_buf *out, const struct sk_cg_plan *p);

void sk_cg_emit_c(struct sk_codegen_files *out, const struct sk_cg_plan *p);
void sk_cg_emit_sqlalchemy(struct sk_codegen_files *out, struct sk_cg_plan *p);
void sk_cg_emit_pydantic(struct sk_codegen_files *out, const struct sk_cg_plan *p);
void sk_cg_emit_mermaid(struct sk_codegen_files *out, const struct sk_cg_plan *p);
void sk_cg_emit_dot(struct sk_codegen_files *out, const struct sk_cg_plan *p);

#endif
