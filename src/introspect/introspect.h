#ifndef SK_INTROSPECT_H
#define SK_INTROSPECT_H
/*
 * Reading a live database into a schema model.
 *
 * PostgreSQL: from the catalogs in a fixed number of queries whatever the
 * number of objects (one per object kind, never one per table), with the
 * server's own renderers. System schemas (pg_catalog, information_schema,
 * pg_toast, pg_temp_*) are skipped, and so is every object that belongs to
 * an extension (pg_depend deptype 'e'): it is the extension's.
 * SQLite: from sqlite_schema and the table, index and foreign-key PRAGMAs.
 *
 * The history table schemake_migrations is left out unless
 * include_history is set. The returned model is sorted (sk_model_sort).
 */
#include <stdbool.h>

#include "common/error.h"
#include "db/db.h"
#include "model/model.h"

struct sk_introspect_opts {
	bool include_history;
};

int sk_introspect(struct sk_model **out, struct sk_db *db, const struct sk_introspect_opts *opts,
		  struct sk_error *err);

/* The per-dialect readers behind sk_introspect. */
int sk_introspect_pg(struct sk_model *m, struct sk_db *db, const struct sk_introspect_opts *opts,
		     struct sk_error *err);
int sk_introspect_sqlite(struct sk_model *m, struct sk_db *db, const struct sk_introspect_opts *opts,
			 struct sk_error *err);

#endif
