#ifndef SK_SCRATCH_H
#define SK_SCRATCH_H
/*
 * Scratch databases: somewhere to replay migrations or load schema files and
 * introspect the result. SQLite: a database in memory. PostgreSQL: a
 * temporary database created on the project's server (the configured one,
 * or the local development cluster) and dropped afterwards.
 */
#include "common/error.h"
#include "config/config.h"
#include "db/db.h"

struct sk_scratch {
	struct sk_db *db; /* the scratch database */
	enum sk_dialect dialect;
	struct sk_conninfo admin; /* PostgreSQL: where CREATE/DROP DATABASE run */
	char *dbname;             /* PostgreSQL: the temporary database's name */
};

int sk_scratch_create(struct sk_scratch *out, const struct sk_config *cfg, struct sk_error *err);
/* Disconnects and drops the temporary database; safe on a zeroed struct. */
void sk_scratch_drop(struct sk_scratch *s);

#endif
