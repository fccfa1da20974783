/*
 * introspect.c: sk_introspect, the front of the per-dialect readers: makes
 * the model, lets the dialect's reader fill it, and puts it in its stable
 * order. The readers themselves are pg.c and sqlite.c.
 */
#include "introspect/introspect.h"

#include "common/banned.h"

int sk_introspect(struct sk_model **out, struct sk_db *db, const struct sk_introspect_opts *opts,
                  struct sk_error *err)
{
	static const struct sk_introspect_opts defaults = {false};
	enum sk_dialect d = sk_db_dialect(db);
	struct sk_model *m = sk_model_new(d);
	int rc;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (d == SK_DIALECT_SQLITE)
		rc = sk_introspect_sqlite(m, db, opts, err);
	else
		rc = sk_introspect_pg(m, db, opts, err);
	if (rc) {
		sk_model_free(m);
		return rc;
	}
	sk_model_sort(m);
	*out = m;
	return 0;
}
