/*
 * open.c: choosing where the project's database is. The decision "configured
 * URL, else the development cluster" is made here once for every tool.
 */
#include "db/open.h"

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
