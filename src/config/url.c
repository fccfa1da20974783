/*
 * url.c: database URLs into connection settings, and masked renderings of
 * them for messages. PostgreSQL URLs and keyword strings are parsed by libpq
 * (PQconninfoParse); this file only normalises what libpq would misread (a
 * +driver suffix, stray '%', a raw '@' in the password) and never builds a
 * conninfo string from pieces. It does not connect (db/pg.c does) and does
 * not know where a URL came from (config.c does).
 */
#include "config/url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "common/banned.h"

#define ACCEPTED_FORMS                                                                                       \
	"use postgresql://user:password@host:port/dbname (percent-encode a '/' in the password as %2F), "    \
	"a libpq keyword string such as 'host=... dbname=...', "                                             \
	"sqlite:relative/path.db, sqlite:///absolute/path.db or sqlite::memory:"

const char *sk_dialect_name(enum sk_dialect d)
{
	return d == SK_DIALECT_SQLITE ? "sqlite" : "postgres";
}

int sk_dialect_parse(const char *name)
{
	if (!name)
		return -1;
	if (!strcasecmp(name, "postgres") || !strcasecmp(name, "postgresql") || !strcasecmp(name, "pg"))
		return SK_DIALECT_POSTGRES;
	if (!strcasecmp(name, "sqlite") || !strcasecmp(name, "sqlite3"))
		return SK_DIALECT_SQLITE;
	return -1;
}

/* ---- scheme detection ---- */

/* Length of a leading URL scheme ("postgresql+psycopg2" in
 * "postgresql+psycopg2://..."), 0 when text does not start with one. A
 * keyword string ("host=x") has none: '=' is not a scheme character. */
static size_t scheme_len(const char *s)
{
	size_t n = 0;

	if (!isalpha((unsigned char)s[0]))
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.')
		n++;
	return s[n] == ':' ? n : 0;
}

/* The scheme without a +driver suffix, compared case-insensitively. */
static bool scheme_is(const char *s, size_t len, const char *name)
{
	const char *plus = memchr(s, '+', len);
	size_t base = plus ? (size_t)(plus - s) : len;

	return base == strlen(name) && !strncasecmp(s, name, base);
}

static bool scheme_is_sqlite(const char *s, size_t len)
{
	return scheme_is(s, len, "sqlite") || scheme_is(s, len, "sqlite3");
}

static bool scheme_is_postgres(const char *s, size_t len)
{
	return scheme_is(s, len, "postgresql") || scheme_is(s, len, "postgres");
}

enum sk_dialect sk_url_dialect(const char *url)
{
	size_t n;

	if (!url)
		return SK_DIALECT_POSTGRES;
	while (isspace((unsigned char)*url))
		url++;
	n = scheme_len(url);
	return n && scheme_is_sqlite(url, n) ? SK_DIALECT_SQLITE : SK_DIALECT_POSTGRES;
}

/* ---- secrets in raw strings ---- */

struct span {
	size_t start, end;
};

struct spans {
	struct span *v;
	size_t nr, alloc;
};

static void spans_add(struct spans *sp, size_t start, size_t end)
{
	if (end <= start)
		return;
	SK_ALLOC_GROW(sp->v, sp->nr + 1, sp->alloc);
	sp->v[sp->nr].start = start;
	sp->v[sp->nr].end = end;
	sp->nr++;
}

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static bool is_key_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/*
 * Finds the secret parts of a raw URL or keyword string, without trusting
 * it to be well formed:
 *  - in scheme://userinfo@... (or scheme:userinfo@...), everything between
 *    the first ':' after the scheme and the LAST '@' of the text, so a raw
 *    '@', '/' or '?' in a password stays hidden (an '@' in a query value
 *    may then hide more than the password: the safe side);
 *  - the value after any key ending in "password" (password, sslpassword),
 *    case-insensitively, in keyword strings (quoted values too) and URL
 *    query parameters; also when the '=' is missing, since the next word is
 *    then most likely the password.
 */
static void find_secrets(struct spans *out, const char *s)
{
	size_t len = strlen(s), slen = scheme_len(s);
	const char *authority = strstr(s, "://");
	bool is_url = slen > 0 || authority;

	if (is_url) {
		/* Anything before "://" counts as a scheme here, valid or not:
		 * a mistyped scheme must not reveal the password. */
		size_t a = authority ? (size_t)(authority - s) + 3 : slen + 1;
		const char *at;

		if (!authority && s[a] == '/' && s[a + 1] == '/')
			a += 2;
		at = strrchr(s + a, '@');

		if (at) {
			const char *colon = memchr(s + a, ':', (size_t)(at - (s + a)));
			if (colon)
				spans_add(out, (size_t)(colon - s) + 1, (size_t)(at - s));
		}
	}

	for (size_t i = 0; i < len; i++) {
		size_t k, v;

		if (!is_key_char(s[i]) || (i > 0 && is_key_char(s[i - 1])))
			continue;
		k = i;
		while (is_key_char(s[k]))
			k++;
		if (k - i < 8 || strncasecmp(s + k - 8, "password", 8) != 0) {
			i = k - 1;
			continue;
		}
		v = k;
		while (s[v] == ' ' || s[v] == '\t')
			v++;
		if (s[v] == '=') {
			v++;
			while (s[v] == ' ' || s[v] == '\t')
				v++;
		}
		if (!is_url && s[v] == '\'') {
			size_t e = v + 1;
			while (s[e] && s[e] != '\'') {
				if (s[e] == '\\' && s[e + 1])
					e++;
				e++;
			}
			if (s[e] == '\'')
				e++;
			spans_add(out, v, e);
			i = e ? e - 1 : 0;
		} else {
			size_t e = v;
			if (is_url)
				while (s[e] && s[e] != '&' && s[e] != '#')
					e++;
			else
				while (s[e] && !isspace((unsigned char)s[e]))
					e++;
			spans_add(out, v, e);
			i = e > k ? e - 1 : k - 1;
		}
	}
	if (out->nr > 1)
		qsort(out->v, out->nr, sizeof(*out->v), cmp_span);
}

void sk_url_mask(struct sk_buf *out, const char *url)
{
	struct spans sp = {NULL, 0, 0};
	size_t pos = 0;

	if (!url)
		return;
	find_secrets(&sp, url);
	for (size_t i = 0; i < sp.nr; i++) {
		if (sp.v[i].end <= pos)
			continue;
		for (; pos < sp.v[i].start; pos++)
			sk_buf_addch(out, iscntrl((unsigned char)url[pos]) ? '?' : url[pos]);
		sk_buf_adds(out, "****");
		pos = sp.v[i].end;
	}
	for (; url[pos]; pos++)
		sk_buf_addch(out, iscntrl((unsigned char)url[pos]) ? '?' : url[pos]);
	free(sp.v);
}

/* ---- percent-encoding ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool valid_escape(const char *p)
{
	return p[0] == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0;
}

static void add_decoded(struct sk_buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (i + 2 < len && valid_escape(s + i)) {
			sk_buf_addch(out, hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			sk_buf_addch(out, s[i]);
		}
	}
}

/* Appends s[0..len) with every '%' that does not start a %XX escape written
 * as %25, and, when encode_at, every '@' as %40. */
static void add_fixed(struct sk_buf *out, const char *s, size_t len, bool encode_at)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && !(i + 2 < len && valid_escape(s + i)))
			sk_buf_adds(out, "%25");
		else if (s[i] == '@' && encode_at)
			sk_buf_adds(out, "%40");
		else
			sk_buf_addch(out, s[i]);
	}
}

/* Characters shown as they are in a masked URL; everything else as %XX. */
static void add_encoded(struct sk_buf *out, const char *s, const char *also_safe)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
		    (also_safe && strchr(also_safe, c)))
			sk_buf_addch(out, c);
		else
			sk_buf_addf(out, "%%%02X", c);
	}
}

/* ---- parsing ---- */

static int url_error(struct sk_error *err, const char *url, const char *why)
{
	struct sk_buf masked = SK_BUF_INIT;

	sk_url_mask(&masked, url);
	sk_error_set(err, SK_ERR_CONFIG, "invalid database URL '%s': %s", masked.buf, why);
	sk_error_hint(err, "%s", ACCEPTED_FORMS);
	sk_buf_release(&masked);
	return -SK_ERR_CONFIG;
}

static void trimmed(struct sk_buf *out, const char *s)
{
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	sk_buf_add(out, s, len);
}

static int parse_sqlite(struct sk_conninfo *out, const char *url, size_t slen, struct sk_error *err)
{
	const char *p = url + slen + 1;

	if (memchr(url, '+', slen))
		return url_error(err, url,
		                 "a +driver suffix is not accepted for sqlite (sqlite:///path is an absolute "
		                 "path here, unlike SQLAlchemy)");
	/* dbmate's rule: "sqlite:" then an optional "//", the rest is the path. */
	if (p[0] == '/' && p[1] == '/')
		p += 2;
	if (!*p)
		return url_error(err, url, "no database file given");
	if (p[0] == '/')
		while (p[1] == '/')
			p++;
	out->dialect = SK_DIALECT_SQLITE;
	out->sqlite_path = sk_xstrdup(p);
	return 0;
}

/* The text handed to PQconninfoParse for a postgres URL: scheme normalised,
 * stray '%' escaped, a raw '@' inside the userinfo escaped (libpq ends the
 * userinfo at the first '@', URL parsers at the last). */
static void normalise_pg_url(struct sk_buf *out, const char *url, size_t slen)
{
	const char *rest = url + slen + 3; /* after "scheme://" */
	size_t alen = strcspn(rest, "/");  /* where libpq stops looking for '@' */
	const char *at = NULL;

	for (size_t i = 0; i < alen; i++)
		if (rest[i] == '@')
			at = rest + i;
	sk_buf_adds(out, "postgresql://");
	if (at) {
		add_fixed(out, rest, (size_t)(at - rest), true);
		rest = at;
	}
	add_fixed(out, rest, strlen(rest), false);
}

/* Adds the raw and decoded forms of every secret of text to list. */
static void collect_secrets(struct sk_buf *list, size_t *nr, const char *text)
{
	struct spans sp = {NULL, 0, 0};

	find_secrets(&sp, text);
	for (size_t i = 0; i < sp.nr; i++) {
		sk_buf_add(list, text + sp.v[i].start, sp.v[i].end - sp.v[i].start);
		sk_buf_addch(list, '\0');
		add_decoded(list, text + sp.v[i].start, sp.v[i].end - sp.v[i].start);
		sk_buf_addch(list, '\0');
		*nr += 2;
	}
	free(sp.v);
}

/* True when text shares a run of min(4, strlen(secret)) bytes with secret:
 * libpq may quote a piece of a password (a query parameter cut at a raw
 * '?', say), not only all of it. */
static bool shares_secret(const char *text, const char *secret)
{
	size_t n = strlen(secret), k = n < 4 ? n : 4;

	if (!n)
		return false;
	for (size_t i = 0; i + k <= n; i++)
		if (memmem(text, strlen(text), secret + i, k))
			return true;
	return false;
}

/* libpq's parse error, made safe to show: the URL it quotes becomes the
 * masked URL; if anything else in it overlaps a secret, it is not shown. */
static int pg_parse_error(struct sk_error *err, const char *url, const char *passed, const char *msg)
{
	struct sk_buf clean = SK_BUF_INIT, rest = SK_BUF_INIT, masked = SK_BUF_INIT, secrets = SK_BUF_INIT;
	size_t nsecrets = 0, plen = strlen(passed), ulen = strlen(url);
	bool leaks = false;
	const char *p;
	int rc;

	sk_url_mask(&masked, url);
	/* clean: what is shown; rest: libpq's own words, checked for secrets */
	for (p = msg ? msg : ""; *p && *p != '\n';) {
		if (plen && !strncmp(p, passed, plen)) {
			sk_buf_adds(&clean, masked.buf);
			sk_buf_addch(&rest, '\n');
			p += plen;
		} else if (ulen && !strncmp(p, url, ulen)) {
			sk_buf_adds(&clean, masked.buf);
			sk_buf_addch(&rest, '\n');
			p += ulen;
		} else {
			sk_buf_addch(&clean, iscntrl((unsigned char)*p) ? '?' : *p);
			sk_buf_addch(&rest, *p);
			p++;
		}
	}
	collect_secrets(&secrets, &nsecrets, url);
	collect_secrets(&secrets, &nsecrets, passed);
	p = secrets.buf;
	for (size_t i = 0; i < nsecrets; i++, p += strlen(p) + 1)
		if (shares_secret(rest.buf, p))
			leaks = true;
	/* libpq often ends with the URL it was given: shown once is enough */
	if (clean.len > masked.len + 4) {
		const char *tail = clean.buf + clean.len - masked.len - 4;
		if (!memcmp(tail, ": \"", 3) && !memcmp(tail + 3, masked.buf, masked.len) &&
		    tail[3 + masked.len] == '"')
			sk_buf_setlen(&clean, clean.len - masked.len - 4);
	}
	if (leaks || !clean.len) {
		sk_buf_reset(&clean);
		sk_buf_adds(&clean, "libpq cannot parse it");
	}
	rc = url_error(err, url, clean.buf);
	sk_buf_release(&clean);
	sk_buf_release(&rest);
	sk_buf_release(&masked);
	sk_buf_release(&secrets);
	return rc;
}

static void pg_push(struct sk_conninfo *ci, const char *kw, const char *val)
{
	ci->pg_keywords = sk_xrealloc(ci->pg_keywords, (ci->pg_nr + 2) * sizeof(char *));
	ci->pg_values = sk_xrealloc(ci->pg_values, (ci->pg_nr + 2) * sizeof(char *));
	ci->pg_keywords[ci->pg_nr] = sk_xstrdup(kw);
	ci->pg_values[ci->pg_nr] = sk_xstrdup(val);
	ci->pg_nr++;
	ci->pg_keywords[ci->pg_nr] = NULL;
	ci->pg_values[ci->pg_nr] = NULL;
}

static void pg_ensure_arrays(struct sk_conninfo *ci)
{
	if (!ci->pg_keywords) {
		ci->pg_keywords = sk_xcalloc(1, sizeof(char *));
		ci->pg_values = sk_xcalloc(1, sizeof(char *));
	}
}

static bool valid_port_list(const char *port)
{
	for (const char *p = port; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != ',')
			return false;
	return true;
}

static int parse_postgres(struct sk_conninfo *out, const char *url, size_t slen, struct sk_error *err)
{
	struct sk_buf passed = SK_BUF_INIT;
	PQconninfoOption *opts = NULL;
	char *errmsg = NULL;
	int rc = 0;

	if (slen) {
		if (strncmp(url + slen, "://", 3) != 0) {
			rc = url_error(err, url, "expected '//' after the scheme");
			goto done;
		}
		normalise_pg_url(&passed, url, slen);
	} else {
		/* keyword string: libpq does no percent-decoding there */
		sk_buf_adds(&passed, url);
	}
	opts = PQconninfoParse(passed.buf, &errmsg);
	if (!opts) {
		rc = pg_parse_error(err, url, passed.buf, errmsg);
		goto done;
	}
	out->dialect = SK_DIALECT_POSTGRES;
	pg_ensure_arrays(out);
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (!o->val)
			continue;
		if (!strcmp(o->keyword, "port") && !valid_port_list(o->val)) {
			rc = url_error(err, url, "the port is not a number");
			goto done;
		}
		pg_push(out, o->keyword, o->val);
	}
done:
	if (opts)
		PQconninfoFree(opts);
	if (errmsg)
		PQfreemem(errmsg);
	sk_buf_release(&passed);
	return rc;
}

int sk_conninfo_parse(struct sk_conninfo *out, const char *url, struct sk_error *err)
{
	struct sk_conninfo blank = SK_CONNINFO_INIT;
	struct sk_buf u = SK_BUF_INIT;
	size_t slen;
	int rc;

	*out = blank;
	if (url)
		trimmed(&u, url);
	if (!u.len) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "empty database URL");
		sk_error_hint(err, "%s", ACCEPTED_FORMS);
		goto done;
	}
	slen = scheme_len(u.buf);
	if (slen && scheme_is_sqlite(u.buf, slen))
		rc = parse_sqlite(out, u.buf, slen, err);
	else if (slen && scheme_is_postgres(u.buf, slen))
		rc = parse_postgres(out, u.buf, slen, err);
	else if (!slen && strchr(u.buf, '='))
		rc = parse_postgres(out, u.buf, 0, err);
	else if (slen)
		rc = url_error(err, u.buf, "unknown scheme");
	else
		rc = url_error(err, u.buf, "not a URL or a keyword string");
done:
	if (rc)
		sk_conninfo_release(out);
	sk_buf_release(&u);
	return rc;
}

void sk_conninfo_release(struct sk_conninfo *ci)
{
	struct sk_conninfo blank = SK_CONNINFO_INIT;

	if (!ci)
		return;
	free(ci->sqlite_path);
	for (size_t i = 0; i < ci->pg_nr; i++) {
		free(ci->pg_keywords[i]);
		free(ci->pg_values[i]);
	}
	free(ci->pg_keywords);
	free(ci->pg_values);
	*ci = blank;
}

static long pg_index(const struct sk_conninfo *ci, const char *keyword)
{
	for (size_t i = 0; i < ci->pg_nr; i++)
		if (!strcmp(ci->pg_keywords[i], keyword))
			return (long)i;
	return -1;
}

const char *sk_conninfo_get(const struct sk_conninfo *ci, const char *keyword)
{
	long i = pg_index(ci, keyword);

	return i < 0 ? NULL : ci->pg_values[i];
}

/* Rank of a keyword in libpq's own list; unknown keywords go last. */
static size_t libpq_rank(const char *keyword)
{
	PQconninfoOption *opts = PQconninfoParse("", NULL);
	size_t rank = 0;

	if (!opts)
		return (size_t)-1;
	for (PQconninfoOption *o = opts; o->keyword; o++, rank++)
		if (!strcmp(o->keyword, keyword))
			break;
	PQconninfoFree(opts);
	return rank;
}

void sk_conninfo_set(struct sk_conninfo *ci, const char *keyword, const char *value)
{
	long i = pg_index(ci, keyword);
	size_t rank, pos;

	if (i >= 0) {
		char *old = ci->pg_values[i];
		if (value) {
			/* value may point into the old one */
			ci->pg_values[i] = sk_xstrdup(value);
			free(old);
			return;
		}
		free(old);
		free(ci->pg_keywords[i]);
		memmove(ci->pg_keywords + i, ci->pg_keywords + i + 1,
		        (ci->pg_nr - (size_t)i) * sizeof(char *));
		memmove(ci->pg_values + i, ci->pg_values + i + 1, (ci->pg_nr - (size_t)i) * sizeof(char *));
		ci->pg_nr--;
		return;
	}
	pg_ensure_arrays(ci);
	if (!value)
		return;
	rank = libpq_rank(keyword);
	pg_push(ci, keyword, value);
	/* move the new pair before the first keyword libpq lists after it */
	for (pos = 0; pos + 1 < ci->pg_nr; pos++)
		if (libpq_rank(ci->pg_keywords[pos]) > rank)
			break;
	if (pos + 1 < ci->pg_nr) {
		char *k = ci->pg_keywords[ci->pg_nr - 1], *v = ci->pg_values[ci->pg_nr - 1];
		size_t n = ci->pg_nr - 1 - pos;
		memmove(ci->pg_keywords + pos + 1, ci->pg_keywords + pos, n * sizeof(char *));
		memmove(ci->pg_values + pos + 1, ci->pg_values + pos, n * sizeof(char *));
		ci->pg_keywords[pos] = k;
		ci->pg_values[pos] = v;
	}
}

void sk_conninfo_copy(struct sk_conninfo *dst, const struct sk_conninfo *src)
{
	struct sk_conninfo blank = SK_CONNINFO_INIT;

	*dst = blank;
	dst->dialect = src->dialect;
	if (src->sqlite_path)
		dst->sqlite_path = sk_xstrdup(src->sqlite_path);
	if (src->pg_keywords) {
		pg_ensure_arrays(dst);
		for (size_t i = 0; i < src->pg_nr; i++)
			pg_push(dst, src->pg_keywords[i], src->pg_values[i]);
	}
}

static bool is_secret_keyword(const char *kw)
{
	size_t n = strlen(kw);

	return n >= 8 && !strcasecmp(kw + n - 8, "password");
}

void sk_conninfo_mask(struct sk_buf *out, const struct sk_conninfo *ci)
{
	const char *user, *host, *port, *dbname;
	bool host_in_authority, port_in_authority;
	char sep = '?';

	if (ci->dialect == SK_DIALECT_SQLITE) {
		sk_buf_addf(out, "sqlite:%s", ci->sqlite_path ? ci->sqlite_path : "");
		return;
	}
	user = sk_conninfo_get(ci, "user");
	host = sk_conninfo_get(ci, "host");
	port = sk_conninfo_get(ci, "port");
	dbname = sk_conninfo_get(ci, "dbname");
	host_in_authority = host && host[0] && host[0] != '/' && !strchr(host, ',');
	port_in_authority = host_in_authority && port && port[0] && !strchr(port, ',');

	sk_buf_adds(out, "postgresql://");
	if (user || sk_conninfo_get(ci, "password")) {
		add_encoded(out, user ? user : "", NULL);
		if (sk_conninfo_get(ci, "password"))
			sk_buf_adds(out, ":****");
		sk_buf_addch(out, '@');
	}
	if (host_in_authority) {
		if (strchr(host, ':')) {
			sk_buf_addch(out, '[');
			add_encoded(out, host, ":");
			sk_buf_addch(out, ']');
		} else {
			add_encoded(out, host, NULL);
		}
	}
	if (port_in_authority) {
		sk_buf_addch(out, ':');
		add_encoded(out, port, NULL);
	}
	if (dbname) {
		sk_buf_addch(out, '/');
		add_encoded(out, dbname, NULL);
	}
	for (size_t i = 0; i < ci->pg_nr; i++) {
		const char *kw = ci->pg_keywords[i];
		if (!strcmp(kw, "user") || !strcmp(kw, "password") || !strcmp(kw, "dbname") ||
		    (!strcmp(kw, "host") && host_in_authority) || (!strcmp(kw, "port") && port_in_authority))
			continue;
		sk_buf_addch(out, sep);
		sep = '&';
		add_encoded(out, kw, NULL);
		sk_buf_addch(out, '=');
		if (is_secret_keyword(kw))
			sk_buf_adds(out, "****");
		else
			add_encoded(out, ci->pg_values[i], "/:,");
	}
}
