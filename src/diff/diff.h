#ifndef SK_DIFF_H
#define SK_DIFF_H
/*
 * The schema differ: two models in (what the database is, what it should
 * be), an ordered list of operations out, each with its inverse, rendered as
 * SQL for the models' dialect. The operations borrow nothing from the models
 * once made: they own their SQL text.
 *
 * Order (up): what is in the way of a change is dropped first, dependants
 * first (triggers, foreign keys, constraints, indexes, views that are
 * recreated); then renames; then creates and in-place changes in the target's
 * dependency order; then removed objects are dropped (late, so nothing
 * changed before still needs them); then constraints, indexes, foreign keys,
 * triggers, and comments last. The down migration is the inverse of each
 * operation, in reverse order. Column order is never changed: an added
 * column goes last.
 *
 * Applying `up` to a database whose model is `from` gives a database whose
 * model is `to` (their dumps are byte-identical); `down` returns to `from`;
 * diffing again finds nothing.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/error.h"
#include "model/model.h"

struct sk_diff_op {
	char *object; /* what it changes, for messages: "column public.users.email" */
	char *up;     /* one or more statements, each ending in ";\n" */
	char *down;   /* the inverse; NULL when it cannot be reversed (then the
	               * migration's down section says so in a comment) */
	/* Drops data or may fail on existing data: a drop of a table or
	 * column, a narrowing type change, NOT NULL on a column without a
	 * default, a new unique constraint, an enum value removed. */
	bool destructive;
	char *why; /* for destructive ops: "drops column public.users.age" */
	bool no_transaction; /* must run outside a transaction block */
};

struct sk_diff {
	struct sk_diff_op *ops;
	size_t nr;
	size_t alloc;
};
#define SK_DIFF_INIT { NULL, 0, 0 }

/* A rename hint: a table (column NULL) or a column of a table. */
struct sk_rename {
	const char *table;  /* table rename: the old name; column rename: the table ([schema.]name) */
	const char *column; /* old column name, or NULL */
	const char *to;     /* the new name */
};

struct sk_diff_opts {
	const struct sk_rename *renames;
	size_t nrenames;
};

int sk_diff_models(struct sk_diff *out, const struct sk_model *from, const struct sk_model *to,
		   const struct sk_diff_opts *opts, struct sk_error *err);
void sk_diff_release(struct sk_diff *d);

/* The per-dialect differs behind sk_diff_models; they append to out. */
int sk_diff_pg(struct sk_diff *out, const struct sk_model *from, const struct sk_model *to,
	       const struct sk_diff_opts *opts, struct sk_error *err);
int sk_diff_sqlite(struct sk_diff *out, const struct sk_model *from, const struct sk_model *to,
		   const struct sk_diff_opts *opts, struct sk_error *err);

/* Appends an operation (takes copies of the strings; down and why may be NULL). */
struct sk_diff_op *sk_diff_add(struct sk_diff *d, const char *object, const char *up, const char *down,
			       bool destructive, const char *why);

/* The migration file for a diff: "-- migrate:up" with every op's up SQL,
 * destructive ones preceded by a "-- schemake:destructive <why>" line, then
 * "-- migrate:down" with the inverses in reverse order. transaction:false
 * when an op needs it. `title` goes into a leading comment. */
void sk_diff_render_migration(struct sk_buf *out, const struct sk_diff *d, const char *title);
/* A readable summary for `check`: one line per operation. */
void sk_diff_render_summary(struct sk_buf *out, const struct sk_diff *d);

/* Parses "TABLE=NEW" (a table rename) or "TABLE.COLUMN=NEW" (a column
 * rename; TABLE may itself be "SCHEMA.TABLE"). A table rename names the table
 * without its schema and applies in whichever schema has it. The strings
 * point into a copy owned by *storage (free it). */
int sk_rename_parse(struct sk_rename *out, char **storage, const char *spec, struct sk_error *err);

#endif
