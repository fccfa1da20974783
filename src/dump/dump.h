#ifndef SK_DUMP_H
#define SK_DUMP_H
/*
 * schemake-dump's logic: a deterministic schema dump, as canonical SQL or as
 * a JSON snapshot, of the project's database (or --database-url), of a
 * migrations directory replayed into a scratch database, or of a snapshot
 * file. Output goes to `out`, or atomically to opts->output (left untouched
 * when the bytes are the same, so build tools see no change).
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/error.h"
#include "config/config.h"

enum sk_dump_format {
	SK_DUMP_SQL = 0,
	SK_DUMP_JSON
};

struct sk_dump_opts {
	struct sk_config_overrides config;
	const char *from_migrations; /* a directory, or NULL */
	const char *from_snapshot;   /* a file, or NULL */
	enum sk_dump_format format;
	const char **schemas; /* --schema, repeatable */
	size_t nschemas;
	const char **exclude_tables; /* --exclude-table PATTERN, repeatable */
	size_t nexclude_tables;
	const char *output;      /* -o FILE, or NULL for out */
	const char *json_output; /* --json-output FILE: the JSON snapshot as well, from the same model */
	bool with_versions;
	/* something the user should know that is not an error (a password
	 * file readable by others); may be NULL */
	void (*on_warning)(void *ctx, const char *message);
	void *warning_ctx;
};

/* *changed (may be NULL) tells whether the output file was rewritten. */
int sk_dump_run(const struct sk_dump_opts *opts, struct sk_buf *out, bool *changed, struct sk_error *err);

#endif
