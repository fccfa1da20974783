#ifndef SK_EMIT_SQL_H
#define SK_EMIT_SQL_H
/*
 * The canonical SQL dump of a model: it loads into an empty database with
 * `psql -v ON_ERROR_STOP=1` (or `sqlite3`), and the same model always gives
 * the same bytes. Ordered by dependencies where the database needs it and by
 * the stable logical key everywhere else; no owners, no SET lines, no
 * version banner, no \restrict keys; one object per block with a blank line
 * between blocks; LF line ends; one trailing newline.
 *
 * PostgreSQL order: schemas (nothing for "public", which every database
 * has), extensions (which may live in a schema), then types, sequences,
 * functions, tables (with their primary keys) and views in an order that
 * satisfies `deps` (ties broken by kind, then schema and name; SQL-language
 * functions with string bodies wait for the tables and views they may read);
 * then sequence OWNED BY, unique, check and exclusion constraints, indexes,
 * foreign keys, triggers, and comments.
 * SQLite: tables, indexes, views (by deps) and triggers, each as stored.
 */
#include "common/buf.h"
#include "model/model.h"

void sk_emit_sql(struct sk_buf *out, const struct sk_model *m);
void sk_emit_sql_pg(struct sk_buf *out, const struct sk_model *m);
void sk_emit_sql_sqlite(struct sk_buf *out, const struct sk_model *m);

/* Quoting for writers: an identifier quoted only when needed, and a
 * schema-qualified name ("schema"."name", schema omitted when NULL). */
void sk_emit_ident(struct sk_buf *out, enum sk_dialect d, const char *name);
void sk_emit_qualified(struct sk_buf *out, enum sk_dialect d, const char *schema, const char *name);

#endif
