/*
 * pg_fixture.h: the throwaway PostgreSQL cluster as unit tests reach it.
 * tests/pg/cluster.sh writes SK_TEST_PG_URL into the file named by
 * SK_TEST_PG_ENV; without that variable the PostgreSQL tests are skipped.
 * Include after cmocka.h; everything here is static inline so a test can use
 * any part of it.
 */
#ifndef SK_TEST_PG_FIXTURE_H
#define SK_TEST_PG_FIXTURE_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "config/url.h"
#include "db/db.h"

static char pg_fixture_url[1024];

/* Reads the fixture's URL once; false when there is no fixture. */
static inline bool pg_fixture_read(void)
{
	const char *path = getenv("SK_TEST_PG_ENV");
	char line[2048];
	FILE *fp;

	if (!path || !*path)
		return false;
	if (pg_fixture_url[0])
		return true;
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("SK_TEST_PG_ENV is set but '%s' cannot be read: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), fp)) {
		const char *v = line + 15;
		size_t n;

		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, "SK_TEST_PG_URL=", 15) != 0)
			continue;
		n = strlen(v);
		if (n >= 2 && (v[0] == '\'' || v[0] == '"') && v[n - 1] == v[0]) {
			v++;
			n -= 2;
		}
		snprintf(pg_fixture_url, sizeof(pg_fixture_url), "%.*s", (int)n, v);
	}
	fclose(fp);
	if (!pg_fixture_url[0])
		fail_msg("'%s' lacks SK_TEST_PG_URL", path);
	return true;
}

/* A connection to dbname on the fixture (NULL: the URL's own database). */
static inline struct sk_db *pg_fixture_connect(const char *dbname)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_db *db = NULL;

	if (sk_conninfo_parse(&ci, pg_fixture_url, &err))
		fail_msg("SK_TEST_PG_URL '%s': %s", pg_fixture_url, err.message);
	if (dbname)
		sk_conninfo_set(&ci, "dbname", dbname);
	if (sk_db_connect(&db, &ci, &err))
		fail_msg("connect: %s (%s)", err.message, err.detail);
	sk_conninfo_release(&ci);
	return db;
}

static inline void pg_fixture_exec_ok(struct sk_db *db, const char *sql)
{
	struct sk_error err = SK_ERROR_INIT;

	if (sk_db_exec(db, sql, &err))
		fail_msg("%s: %s", sql, err.message);
}

#endif
