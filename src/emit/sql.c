/*
 * emit/sql.c: the dialect-independent part of the canonical SQL writer:
 * dispatch on the model's dialect, and identifier quoting shared by every
 * writer. The dialects' writers are sql_pg.c and sql_sqlite.c.
 */
#include "emit/sql.h"

#include "db/db.h"

#include "common/banned.h"

void sk_emit_sql(struct sk_buf *out, const struct sk_model *m)
{
	if (m->dialect == SK_DIALECT_SQLITE)
		sk_emit_sql_sqlite(out, m);
	else
		sk_emit_sql_pg(out, m);
}

void sk_emit_ident(struct sk_buf *out, enum sk_dialect d, const char *name)
{
	sk_db_quote_ident(out, d, name);
}

void sk_emit_qualified(struct sk_buf *out, enum sk_dialect d, const char *schema, const char *name)
{
	if (schema) {
		sk_db_quote_ident(out, d, schema);
		sk_buf_addch(out, '.');
	}
	sk_db_quote_ident(out, d, name);
}
