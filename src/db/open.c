/*
 * open.c: choosing where the project's database is. The decision "configured
 * URL, else the development cluster" is made here once for every tool.
 */
#include "db/open.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/cluster.h"
#include "common/banned.h"

int sk_db_project_conninfo(struct sk_conninfo *out, const struct sk_config *cfg, struct sk_error *err)
{
	struct sk_cluster cluster;
	int rc;

	if (cfg->url)
		return sk_config_conninfo(out, cfg, err);
	if (cfg->dialect == SK_DIALECT_SQLITE) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "no database configured for this SQLite project");
		sk_error_hint(err,
		              "set DATABASE_URL (e.g. sqlite:app.db), --database-url, or [database] url in "
		              "schemake.ini");
		return rc;
	}
	sk_cluster_init(&cluster, cfg->project_dir);
	rc = sk_cluster_ensure_running(&cluster, err);
	if (rc == 0)
		sk_cluster_conninfo(&cluster, out, cluster.dbname);
	else
		sk_error_prefix(err, "no database configured, and the local development cluster failed");
	sk_cluster_release(&cluster);
	return rc;
}

int sk_db_open_project(struct sk_db **out, const struct sk_config *cfg, struct sk_buf *display,
                       struct sk_error *err)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	int rc;

	*out = NULL;
	rc = sk_db_project_conninfo(&ci, cfg, err);
	if (rc == 0) {
		if (display)
			sk_conninfo_mask(display, &ci);
		rc = sk_db_connect(out, &ci, err);
	}
	sk_conninfo_release(&ci);
	return rc;
}

struct sk_db_opening {
	const struct sk_config *cfg;
	struct sk_buf *display;
	bool started; /* the thread runs; else the finish call opens */
	pthread_t thread;
	struct sk_db *db;
	struct sk_error err;
	int rc;
};

static void *open_in_background(void *arg)
{
	struct sk_db_opening *op = arg;

	op->rc = sk_db_open_project(&op->db, op->cfg, op->display, &op->err);
	return NULL;
}

/* Whether opening now has no effect that a failed run must not leave. */
static bool safe_to_open_early(const struct sk_config *cfg)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct stat st;
	bool safe;

	/* Parsed first: for PostgreSQL no password file needs reading here. */
	if (!cfg->url || sk_conninfo_parse(&ci, cfg->url, NULL) != 0)
		return false;
	if (ci.dialect == SK_DIALECT_SQLITE) {
		sk_conninfo_release(&ci);
		if (sk_config_conninfo(&ci, cfg, NULL) != 0)
			return false;
	}
	safe = ci.dialect == SK_DIALECT_POSTGRES ||
	       (ci.sqlite_path && strcmp(ci.sqlite_path, ":memory:") != 0 && stat(ci.sqlite_path, &st) == 0 &&
	        S_ISREG(st.st_mode));
	sk_conninfo_release(&ci);
	return safe;
}

struct sk_db_opening *sk_db_open_project_start(const struct sk_config *cfg, struct sk_buf *display)
{
	struct sk_db_opening *op = sk_xcalloc(1, sizeof(*op));

	op->cfg = cfg;
	op->display = display;
	if (safe_to_open_early(cfg))
		op->started = pthread_create(&op->thread, NULL, open_in_background, op) == 0;
	return op;
}

int sk_db_open_project_finish(struct sk_db_opening *op, struct sk_db **out, struct sk_error *err)
{
	int rc;

	if (op->started)
		pthread_join(op->thread, NULL);
	else
		op->rc = sk_db_open_project(&op->db, op->cfg, op->display, &op->err);
	rc = op->rc;
	*out = op->db;
	if (rc)
		*err = op->err;
	free(op);
	return rc;
}

void sk_db_open_project_abandon(struct sk_db_opening *op)
{
	if (op->started) {
		pthread_join(op->thread, NULL);
		sk_db_free(op->db);
	}
	free(op);
}
