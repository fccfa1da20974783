#ifndef SK_URL_H
#define SK_URL_H
/*
 * Database URLs and connection settings.
 *
 * Accepted forms:
 *   postgresql://..., postgres://..., postgresql+driver://... (the +driver of
 *     SQLAlchemy URLs is ignored), libpq keyword strings ("host=... dbname=...");
 *     parsed by libpq's PQconninfoParse, never by pasting strings;
 *     a '%' in the password that does not start a %XX escape is taken literally;
 *   sqlite:relative/path.db, sqlite:///abs/path.db (also sqlite3:),
 *   sqlite::memory: (and sqlite://:memory:).
 *
 * The parsed form keeps every setting as a keyword/value pair. Masked
 * renderings for messages never contain the password.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/error.h"

enum sk_dialect {
	SK_DIALECT_POSTGRES = 0,
	SK_DIALECT_SQLITE
};

const char *sk_dialect_name(enum sk_dialect d); /* "postgres" / "sqlite" */
/* "postgres", "postgresql", "pg", "sqlite", "sqlite3"; -1 if unknown. */
int sk_dialect_parse(const char *name);

struct sk_conninfo {
	enum sk_dialect dialect;
	/* sqlite: the file path as given (relative paths are relative to the
	 * working directory), or ":memory:" */
	char *sqlite_path;
	/* postgres: libpq keywords and values, only those that were set, in
	 * libpq's order; both arrays NULL-terminated for PQconnectdbParams. */
	char **pg_keywords;
	char **pg_values;
	size_t pg_nr;
};
#define SK_CONNINFO_INIT { SK_DIALECT_POSTGRES, NULL, NULL, NULL, 0 }

/* Parses url into out. SK_ERR_CONFIG on a malformed URL; the message shows
 * the URL masked, never the password. */
int sk_conninfo_parse(struct sk_conninfo *out, const char *url, struct sk_error *err);
void sk_conninfo_release(struct sk_conninfo *ci);

/* Value of a libpq keyword, or NULL when not set. */
const char *sk_conninfo_get(const struct sk_conninfo *ci, const char *keyword);
/* Sets (or replaces) a libpq keyword; used for a password from a file and for
 * switching dbname to the maintenance database. */
void sk_conninfo_set(struct sk_conninfo *ci, const char *keyword, const char *value);
void sk_conninfo_copy(struct sk_conninfo *dst, const struct sk_conninfo *src);

/* Appends a display form: postgresql://user:****@host:port/dbname?opts or
 * sqlite:path. Never includes a password. */
void sk_conninfo_mask(struct sk_buf *out, const struct sk_conninfo *ci);
/* Masks a raw URL string for messages without parsing it fully (used when
 * parsing failed): the userinfo password and any password=... value become
 * ****. */
void sk_url_mask(struct sk_buf *out, const char *url);

#endif
