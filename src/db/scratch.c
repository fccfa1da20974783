/*
 * scratch.c: creating and dropping scratch databases. The name of a
 * PostgreSQL scratch database says what it is and who made it, so a leftover
 * from a killed process is easy to recognise.
 */
#include "db/scratch.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "db/open.h"
#include "common/banned.h"

/* Connects to the server's maintenance database: the configured database's
 * server, trying "postgres", then "template1", then the database itself. */
static int connect_admin(struct sk_db **out, struct sk_conninfo *admin, const struct sk_conninfo *project,
			 struct sk_error *err)
{
	static const char *const candidates[] = { "postgres", "template1", NULL };
	int rc = 0;

	for (size_t i = 0; i < 3; i++) {
		struct sk_error attempt = SK_ERROR_INIT;
		sk_conninfo_release(admin);
		sk_conninfo_copy(admin, project);
		if (candidates[i])
			sk_conninfo_set(admin, "dbname", candidates[i]);
		rc = sk_db_connect(out, admin, &attempt);
		if (rc == 0)
			return 0;
		if (!candidates[i])
			*err = attempt; /* the last attempt's error says the most */
	}
	return rc;
}

int sk_scratch_create(struct sk_scratch *out, const struct sk_config *cfg, struct sk_error *err)
{
	struct sk_conninfo project = SK_CONNINFO_INIT, target = SK_CONNINFO_INIT;
	struct sk_buf sql = SK_BUF_INIT;
	struct sk_db *admin = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	out->dialect = cfg->dialect;
	if (cfg->dialect == SK_DIALECT_SQLITE) {
		rc = sk_conninfo_parse(&target, "sqlite::memory:", err);
		if (rc == 0)
			rc = sk_db_connect(&out->db, &target, err);
		goto done;
	}
	rc = sk_db_project_conninfo(&project, cfg, err);
	if (rc)
		goto done;
	rc = connect_admin(&admin, &out->admin, &project, err);
	if (rc)
		goto done;
	{
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		out->dbname = sk_xstrfmt("schemake_scratch_%ld_%ld", (long)getpid(), (long)(ts.tv_nsec / 1000));
	}
	sk_buf_adds(&sql, "CREATE DATABASE ");
	sk_db_quote_ident(&sql, SK_DIALECT_POSTGRES, out->dbname);
	sk_buf_adds(&sql, " TEMPLATE template0 ENCODING 'UTF8'");
	rc = sk_db_exec(admin, sql.buf, err);
	if (rc) {
		sk_error_prefix(err, "cannot create a scratch database");
		if (!err->hint[0])
			sk_error_hint(err, "the role needs CREATEDB on the configured server, or leave the URL unset "
					   "to use the local development cluster");
		free(out->dbname);
		out->dbname = NULL;
		goto done;
	}
	sk_conninfo_copy(&target, &project);
	sk_conninfo_set(&target, "dbname", out->dbname);
	rc = sk_db_connect(&out->db, &target, err);
done:
	sk_db_free(admin);
	sk_conninfo_release(&project);
	sk_conninfo_release(&target);
	sk_buf_release(&sql);
	if (rc)
		sk_scratch_drop(out);
	return rc;
}

void sk_scratch_drop(struct sk_scratch *s)
{
	struct sk_error ignored = SK_ERROR_INIT;
	struct sk_buf sql = SK_BUF_INIT;
	struct sk_db *admin = NULL;

	sk_db_free(s->db);
	s->db = NULL;
	if (s->dbname && sk_db_connect(&admin, &s->admin, &ignored) == 0) {
		sk_buf_adds(&sql, "DROP DATABASE IF EXISTS ");
		sk_db_quote_ident(&sql, SK_DIALECT_POSTGRES, s->dbname);
		sk_buf_adds(&sql, " WITH (FORCE)");
		sk_db_exec(admin, sql.buf, &ignored);
	}
	sk_db_free(admin);
	sk_buf_release(&sql);
	sk_conninfo_release(&s->admin);
	free(s->dbname);
	s->dbname = NULL;
}
