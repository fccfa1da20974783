#ifndef SK_DB_OPEN_H
#define SK_DB_OPEN_H
/*
 * Opening the project's database: the configured URL, or, for a PostgreSQL
 * project with no URL anywhere, the local development cluster (started on
 * demand). Shared by every tool that connects.
 */
#include "common/buf.h"
#include "common/error.h"
#include "config/config.h"
#include "db/db.h"

/* Connects; *display (may be NULL) receives the masked URL for messages. */
int sk_db_open_project(struct sk_db **out, const struct sk_config *cfg, struct sk_buf *display,
                       struct sk_error *err);
/* Only the connection settings (no connection), for tools that connect to
 * another database of the same server. Starts the development cluster when
 * it is the target. */
int sk_db_project_conninfo(struct sk_conninfo *out, const struct sk_config *cfg, struct sk_error *err);

/* sk_db_open_project on a thread of its own, so that the caller can read
 * its migrations directory while the server starts a backend and
 * authenticates (or SQLite reads the schema): a no-op upgrade then waits
 * for the longer of the two, not their sum. Only a configured URL to a
 * PostgreSQL server or to an existing SQLite file is opened early; anything
 * else (the development cluster, which may have to be started; a SQLite
 * file that the open would create) is opened by the finish call, as before,
 * so that a run that fails on its migrations directory creates nothing
 * (opening an existing SQLite file may still put back the journal mode a
 * killed run left, as any connection does). cfg and *display must not be
 * touched until the finish or abandon call; one of them follows every
 * start. */
struct sk_db_opening;
struct sk_db_opening *sk_db_open_project_start(const struct sk_config *cfg, struct sk_buf *display);
/* Waits for the early open, or opens now: sk_db_open_project's result. */
int sk_db_open_project_finish(struct sk_db_opening *op, struct sk_db **out, struct sk_error *err);
/* The caller will not use the database after all: waits for an early open
 * and closes it. */
void sk_db_open_project_abandon(struct sk_db_opening *op);

#endif
