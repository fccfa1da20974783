#ifndef SK_CLUSTER_H
#define SK_CLUSTER_H
/*
 * The local development cluster: a private PostgreSQL server the tools manage
 * under <project>/.schemake/pg when no database is configured, so a fresh
 * machine with the server package needs no setup.
 *
 *   <project>/.schemake/pg/data   the cluster (initdb on first use)
 *   <project>/.schemake/pg/run    unix socket directory (or, when that path is
 *                                 too long for a socket, a private directory
 *                                 under /tmp named after the project path)
 *   <project>/.schemake/pg/log    server log
 *
 * It listens on the unix socket only (listen_addresses = ''), trusts local
 * connections, and has no password. As root, initdb and the server run as an
 * unprivileged user (SCHEMAKE_CLUSTER_USER, default "postgres"), which owns
 * .schemake/pg. The server binaries are found on PATH, then in pg_config
 * --bindir, then in the newest /usr/lib/postgresql/N/bin.
 */
#include <stdbool.h>

#include "common/error.h"
#include "config/url.h"

struct sk_cluster {
	char *root;       /* <project>/.schemake/pg */
	char *datadir;
	char *sockdir;
	char *logfile;
	char *bindir;     /* NULL until found */
	char *dbname;     /* the project's database on the cluster: "schemake" */
	char *user;       /* superuser name in the cluster */
};

/* Fills paths for the project; does not touch the disk. */
void sk_cluster_init(struct sk_cluster *c, const char *project_dir);
void sk_cluster_release(struct sk_cluster *c);

/* initdb if needed, start if not running, wait until it accepts connections,
 * create the project's database if missing. Idempotent. */
int sk_cluster_ensure_running(struct sk_cluster *c, struct sk_error *err);
int sk_cluster_start(struct sk_cluster *c, struct sk_error *err);
int sk_cluster_stop(struct sk_cluster *c, struct sk_error *err);
/* *running tells whether the server answers; *initialised whether a cluster exists. */
int sk_cluster_status(struct sk_cluster *c, bool *initialised, bool *running, struct sk_error *err);

/* Connection settings for dbname on the cluster (host = socket directory). */
void sk_cluster_conninfo(const struct sk_cluster *c, struct sk_conninfo *out, const char *dbname);
/* The same as a keyword string for display and for DATABASE_URL-style use. */
char *sk_cluster_url(const struct sk_cluster *c, const char *dbname);

#endif
