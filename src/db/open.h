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

#endif
