#ifndef SK_URL_H
#define SK_URL_H
/*
 * Database URLs and connection settings.
 *
 * Accepted forms (surrounding whitespace is ignored):
 *   postgresql://..., postgres://..., postgresql+driver://... (the +driver of
 *     SQLAlchemy URLs is ignored; the scheme is case-insensitive), libpq
 *     keyword strings ("host=... dbname=..."); parsed by libpq's
 *     PQconninfoParse, never by pasting strings. Before libpq sees a URL:
 *     a '%' anywhere that does not start a %XX escape is taken literally
 *     (sent as %25), valid escapes decode as usual (so a password "%41" must
 *     be written %2541), and a raw '@' in the userinfo is taken as part of
 *     the password (the LAST '@' before the first '/' ends the userinfo, as
 *     in URL parsers; libpq alone would stop at the first). Raw ':', '?' and
 *     '#' in a password work as written (libpq's rule); a '/' must be
 *     percent-encoded (%2F), otherwise the text reads as host:port/dbname
 *     and the non-numeric "port" is reported: a port that is not a number
 *     (or a list of numbers) is an error.
 *   sqlite: dbmate's convention, NOT SQLAlchemy's: "sqlite:" (or "sqlite3:"),
 *     then an optional "//", and the rest is the path, taken literally (no
 *     percent-decoding, no query string):
 *       sqlite:relative/path.db      relative
 *       sqlite://relative/path.db    relative
 *       sqlite:///abs/path.db        absolute: /abs/path.db
 *       sqlite:////abs/path.db       absolute: /abs/path.db
 *       sqlite::memory:, sqlite://:memory:
 *     sqlite+driver: is rejected, because SQLAlchemy reads sqlite:///x.db as
 *     relative and silently reading it as absolute would be worse.
 * Anything else (empty, unknown scheme, no '=' in a keyword string) is
 * SK_ERR_CONFIG.
 *
 * The parsed form keeps every setting as a keyword/value pair. Masked
 * renderings for messages never contain the password. Error messages show
 * the URL masked by sk_url_mask and never quote libpq's parse message when
 * it would contain a secret.
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
/* The dialect a URL's scheme names (sqlite: / sqlite3: -> sqlite, anything
 * else -> postgres), without parsing or validating the rest. */
enum sk_dialect sk_url_dialect(const char *url);

struct sk_conninfo {
	enum sk_dialect dialect;
	/* sqlite: the file path as given, or ":memory:". sk_conninfo_parse
	 * leaves a relative path relative (to the working directory);
	 * sk_config_conninfo resolves it against the project directory. */
	char *sqlite_path;
	/* postgres: libpq keywords and values, only those that were set, in
	 * libpq's order; both arrays NULL-terminated for PQconnectdbParams.
	 * Non-NULL (possibly empty) after a successful parse of a postgres URL
	 * and after any sk_conninfo_set; NULL only in SK_CONNINFO_INIT. Unset
	 * keywords fall back to libpq's environment (PGHOST, PGPASSWORD,
	 * .pgpass, PGSERVICE...), which is never copied in here. */
	char **pg_keywords;
	char **pg_values;
	size_t pg_nr;
};
#define SK_CONNINFO_INIT { SK_DIALECT_POSTGRES, NULL, NULL, NULL, 0 }

/* Parses url into out (overwritten; released again on failure).
 * SK_ERR_CONFIG on a malformed URL: a one-line message with the URL masked,
 * never the password, and a hint listing the accepted forms. */
int sk_conninfo_parse(struct sk_conninfo *out, const char *url, struct sk_error *err);
void sk_conninfo_release(struct sk_conninfo *ci);

/* Value of a libpq keyword, or NULL when not set. */
const char *sk_conninfo_get(const struct sk_conninfo *ci, const char *keyword);
/* Sets (or replaces) a libpq keyword, keeping libpq's order; a NULL value
 * removes the keyword. Used for a password from a file and for switching
 * dbname to the maintenance database. Works on SK_CONNINFO_INIT too. */
void sk_conninfo_set(struct sk_conninfo *ci, const char *keyword, const char *value);
/* Deep copy; dst is overwritten (release it first if it holds anything). */
void sk_conninfo_copy(struct sk_conninfo *dst, const struct sk_conninfo *src);

/* Appends a display form: postgresql://user:****@host:port/dbname?k=v&...
 * or sqlite:path. Parts that are not set are left out; ":****" appears only
 * when a password is set; a unix-socket host (leading '/') or a host/port
 * list goes to the query as ?host=/path; other keywords follow in libpq's
 * order, sslpassword as ****. Values are percent-encoded where needed.
 * Never includes a password. */
void sk_conninfo_mask(struct sk_buf *out, const struct sk_conninfo *ci);
/* Masks a raw URL string for messages without parsing it fully (used when
 * parsing failed): the userinfo password (from the first ':' after
 * "scheme://" to the last '@'), and the value of any key ending in
 * "password" (password=..., sslpassword=..., quoted values too, in keyword
 * strings and query parameters) become ****. Errs on the side of hiding too
 * much. Control characters are shown as '?', so the result is one line. */
void sk_url_mask(struct sk_buf *out, const char *url);

#endif
