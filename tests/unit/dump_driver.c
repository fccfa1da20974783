/*
 * dump_driver: a test helper for the dump tests. Connects to the URL given,
 * introspects the database and writes the canonical SQL dump to stdout;
 * with --count, writes the number of statements the introspection sent
 * instead. With --history, the history table is dumped too.
 *
 *   dump_driver URL [--count] [--history]
 */
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "config/url.h"
#include "db/db.h"
#include "emit/sql.h"
#include "introspect/introspect.h"

#include "common/banned.h"

int main(int argc, char **argv)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_introspect_opts opts = {false};
	struct sk_db *db = NULL;
	struct sk_model *m = NULL;
	struct sk_buf out = SK_BUF_INIT;
	const char *url = NULL;
	bool count = false;
	size_t before;
	int status = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--count"))
			count = true;
		else if (!strcmp(argv[i], "--history"))
			opts.include_history = true;
		else
			url = argv[i];
	}
	if (!url) {
		fprintf(stderr, "usage: dump_driver URL [--count] [--history]\n");
		return 2;
	}
	if (sk_conninfo_parse(&ci, url, &err) || sk_db_connect(&db, &ci, &err))
		goto done;
	before = sk_db_statement_count(db);
	if (sk_introspect(&m, db, &opts, &err))
		goto done;
	if (count) {
		printf("%zu\n", sk_db_statement_count(db) - before);
	} else {
		sk_emit_sql(&out, m);
		fwrite(out.buf, 1, out.len, stdout);
	}
	status = 0;
done:
	if (status)
		fprintf(stderr, "dump_driver: %s%s%s\n", err.message, err.detail[0] ? ": " : "", err.detail);
	sk_buf_release(&out);
	sk_model_free(m);
	sk_db_free(db);
	sk_conninfo_release(&ci);
	return status;
}
