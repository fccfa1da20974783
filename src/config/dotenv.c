/*
 * dotenv.c: reading one key out of a .env file's text, the way python-dotenv
 * and docker compose read it for the common cases. It never changes the
 * process environment and never expands variables ($VAR stays as written);
 * finding and reading the file is config.c's job.
 *
 *   # comment
 *   KEY=value                 unquoted; " # comment" at the end is dropped,
 *                             surrounding whitespace too; a '#' not preceded
 *                             by whitespace is part of the value
 *   export KEY = value        optional "export ", whitespace around '='
 *   KEY='lit\eral'            single quotes: everything literal
 *   KEY="a\nb \"q\" \\"       double quotes: \n \r \t \" \\ \$ escapes
 *   quoted values may span lines; CRLF line ends are accepted
 *
 * The last assignment of a key wins. Lines that are not assignments are
 * skipped; an assignment of the key whose quote never closes is reported
 * (python-dotenv skips it with a warning): skipping it silently would make
 * the caller fall back to another source, e.g. another database.
 */
#include "config/config.h"

#include <stdbool.h>
#include <string.h>

#include "common/buf.h"
#include "common/banned.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

struct cursor {
	const char *p, *end;
};

static const char *line_end(const struct cursor *c)
{
	const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));

	return nl ? nl : c->end;
}

static void skip_blanks(struct cursor *c)
{
	while (c->p < c->end && is_blank(*c->p))
		c->p++;
}

/* Parses a quoted value starting at the opening quote; on success appends it
 * to out, leaves c after the closing quote and returns true. */
static bool quoted_value(struct cursor *c, struct sk_buf *out)
{
	char q = *c->p++;

	while (c->p < c->end) {
		char ch = *c->p++;
		if (ch == q)
			return true;
		if (q == '"' && ch == '\\' && c->p < c->end) {
			char e = *c->p++;
			switch (e) {
			case 'n':
				sk_buf_addch(out, '\n');
				break;
			case 'r':
				sk_buf_addch(out, '\r');
				break;
			case 't':
				sk_buf_addch(out, '\t');
				break;
			case '"':
			case '\\':
			case '$':
				sk_buf_addch(out, e);
				break;
			default:
				sk_buf_addch(out, '\\');
				sk_buf_addch(out, e);
				break;
			}
			continue;
		}
		if (ch == '\r' && c->p < c->end && *c->p == '\n')
			continue; /* CRLF inside a multi-line value reads as LF */
		sk_buf_addch(out, ch);
	}
	return false;
}

static void unquoted_value(const char *p, const char *eol, bool blank_before, struct sk_buf *out)
{
	const char *v = p;

	/* "KEY= # comment" is an empty value; "KEY=#x" is "#x" */
	if (v < eol && *v == '#' && blank_before)
		return;
	for (; p < eol; p++)
		if (*p == '#' && p > v && is_blank(p[-1])) {
			eol = p;
			break;
		}
	while (eol > v && (is_blank(eol[-1]) || eol[-1] == '\r'))
		eol--;
	sk_buf_add(out, v, (size_t)(eol - v));
}

/* 1-based line number of p in text. */
static unsigned line_of(const char *text, const char *p)
{
	unsigned line = 1;

	for (; text < p; text++)
		line += *text == '\n';
	return line;
}

char *sk_dotenv_lookup(const char *text, size_t len, const char *key, unsigned *unterminated_line)
{
	struct cursor c = {text, text + len};
	struct sk_buf val = SK_BUF_INIT;
	size_t klen = strlen(key);
	bool found = false;

	if (unterminated_line)
		*unterminated_line = 0;
	while (c.p < c.end) {
		const char *eol = line_end(&c), *k;
		struct sk_buf cur = SK_BUF_INIT;
		bool blank_before;

		skip_blanks(&c);
		if (eol - c.p > 7 && !memcmp(c.p, "export", 6) && is_blank(c.p[6])) {
			c.p += 6;
			skip_blanks(&c);
		}
		k = c.p;
		while (c.p < eol && *c.p != '=' && !is_blank(*c.p))
			c.p++;
		if ((size_t)(c.p - k) != klen || memcmp(k, key, klen) != 0 || *k == '#')
			goto next_line;
		skip_blanks(&c);
		if (c.p >= eol || *c.p != '=')
			goto next_line;
		c.p++;
		blank_before = c.p < eol && is_blank(*c.p);
		skip_blanks(&c);
		if (c.p < eol && (*c.p == '\'' || *c.p == '"')) {
			struct cursor q = c;
			if (quoted_value(&q, &cur)) {
				/* the rest of the closing line is a comment at most */
				c.p = q.p;
				eol = line_end(&c);
			} else {
				sk_buf_release(&cur);
				if (unterminated_line && !*unterminated_line)
					*unterminated_line = line_of(text, k);
				goto next_line;
			}
		} else {
			unquoted_value(c.p, eol, blank_before, &cur);
		}
		sk_buf_release(&val);
		val = cur;
		found = true;
	next_line:
		c.p = eol < c.end ? eol + 1 : c.end;
	}
	if (!found)
		return NULL;
	return sk_buf_detach(&val, NULL);
}
