/*
 * diff.c: what the differ shares across dialects: the operation list, the
 * migration file it becomes, rename hints. The comparisons themselves are in
 * diff_pg.c and diff_sqlite.c.
 */
#include "diff/diff.h"

#include <stdlib.h>
#include <string.h>

#include "common/banned.h"

static char *dup_or_null(const char *s)
{
	return s ? sk_xstrdup(s) : NULL;
}

struct sk_diff_op *sk_diff_add(struct sk_diff *d, const char *object, const char *up, const char *down,
			       bool destructive, const char *why)
{
	struct sk_diff_op *op;

	SK_ALLOC_GROW(d->ops, d->nr + 1, d->alloc);
	op = &d->ops[d->nr++];
	memset(op, 0, sizeof(*op));
	op->object = sk_xstrdup(object);
	op->up = sk_xstrdup(up);
	op->down = dup_or_null(down);
	op->destructive = destructive;
	op->why = dup_or_null(why);
	return op;
}

void sk_diff_release(struct sk_diff *d)
{
	for (size_t i = 0; i < d->nr; i++) {
		free(d->ops[i].object);
		free(d->ops[i].up);
		free(d->ops[i].down);
		free(d->ops[i].why);
	}
	free(d->ops);
	d->ops = NULL;
	d->nr = d->alloc = 0;
}

int sk_diff_models(struct sk_diff *out, const struct sk_model *from, const struct sk_model *to,
		   const struct sk_diff_opts *opts, struct sk_error *err)
{
	static const struct sk_diff_opts none = { NULL, 0 };

	if (from->dialect != to->dialect)
		return sk_error_set(err, SK_ERR_USAGE, "cannot diff a %s schema against a %s one",
				    sk_dialect_name(from->dialect), sk_dialect_name(to->dialect));
	if (!opts)
		opts = &none;
	if (from->dialect == SK_DIALECT_SQLITE)
		return sk_diff_sqlite(out, from, to, opts, err);
	return sk_diff_pg(out, from, to, opts, err);
}

static bool needs_no_transaction(const struct sk_diff *d)
{
	for (size_t i = 0; i < d->nr; i++)
		if (d->ops[i].no_transaction)
			return true;
	return false;
}

void sk_diff_render_migration(struct sk_buf *out, const struct sk_diff *d, const char *title)
{
	bool notx = needs_no_transaction(d);

	sk_buf_addf(out, "-- migrate:up%s\n", notx ? " transaction:false" : "");
	if (title && *title)
		sk_buf_addf(out, "-- %s (written by schemake-migrate diff; review it)\n", title);
	for (size_t i = 0; i < d->nr; i++) {
		const struct sk_diff_op *op = &d->ops[i];
		sk_buf_addch(out, '\n');
		if (op->destructive)
			sk_buf_addf(out, "-- schemake:destructive %s\n", op->why ? op->why : op->object);
		sk_buf_adds(out, op->up);
	}
	sk_buf_addf(out, "\n-- migrate:down%s\n", notx ? " transaction:false" : "");
	for (size_t i = d->nr; i > 0; i--) {
		const struct sk_diff_op *op = &d->ops[i - 1];
		sk_buf_addch(out, '\n');
		if (op->down)
			sk_buf_adds(out, op->down);
		else
			sk_buf_addf(out, "-- cannot be reversed automatically: %s\n", op->object);
	}
}

void sk_diff_render_summary(struct sk_buf *out, const struct sk_diff *d)
{
	for (size_t i = 0; i < d->nr; i++)
		sk_buf_addf(out, "%s %s%s%s\n", d->ops[i].destructive ? "!" : "~", d->ops[i].object,
			    d->ops[i].destructive ? ": " : "", d->ops[i].destructive && d->ops[i].why ? d->ops[i].why : "");
}

int sk_rename_parse(struct sk_rename *out, char **storage, const char *spec, struct sk_error *err)
{
	char *copy = sk_xstrdup(spec), *eq = strchr(copy, '='), *dot;
	int rc;

	memset(out, 0, sizeof(*out));
	*storage = NULL;
	if (!eq || eq == copy || !eq[1] || strchr(eq + 1, '.') || strchr(eq + 1, '=')) {
		rc = sk_error_set(err, SK_ERR_USAGE, "bad rename '%s'", spec);
		sk_error_hint(err, "write TABLE=NEW_TABLE or TABLE.COLUMN=NEW_COLUMN");
		free(copy);
		return rc;
	}
	*eq = '\0';
	out->to = eq + 1;
	/* The last dot separates the column: "t.c" and "s.t.c" rename columns. */
	dot = strrchr(copy, '.');
	if (dot) {
		*dot = '\0';
		out->column = dot + 1;
	}
	out->table = copy;
	*storage = copy;
	return 0;
}
