/*
 * prepare.c: the prepare-init filter (which statements of a dump to remove
 * or rewrite, and how to cut them out byte-exactly) and the command around
 * it (input, output, --check). It decides on statements from the SQL lexer
 * and the tokens inside them, never on lines of text; it does not parse SQL
 * beyond the few statement shapes it recognises, and it never prints.
 */
#include "prepare/prepare.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/fs.h"
#include "sql/lexer.h"
#include "common/banned.h"

/* First server version knowing each parameter (PostgreSQL release notes). */
const struct sk_prepare_setting sk_prepare_settings[] = {
        {"transaction_timeout", 170000},
        {"idle_session_timeout", 140000},
        {"default_toast_compression", 140000},
        {"default_table_access_method", 120000},
        {"idle_in_transaction_session_timeout", 90600},
        {"row_security", 90500},
        {"lock_timeout", 90300},
        {"xmloption", 80300},
        {NULL, 0},
};

/* Object kinds whose owner ALTER ... OWNER TO sets, as words after ALTER. */
static const char *const owner_kinds[] = {
        "AGGREGATE",
        "COLLATION",
        "CONVERSION",
        "DATABASE",
        "DOMAIN",
        "EVENT TRIGGER",
        "FOREIGN DATA WRAPPER",
        "FOREIGN TABLE",
        "FUNCTION",
        "LANGUAGE",
        "PROCEDURAL LANGUAGE",
        "LARGE OBJECT",
        "MATERIALIZED VIEW",
        "OPERATOR CLASS",
        "OPERATOR FAMILY",
        "OPERATOR",
        "PROCEDURE",
        "PUBLICATION",
        "ROUTINE",
        "SCHEMA",
        "SEQUENCE",
        "SERVER",
        "STATISTICS",
        "SUBSCRIPTION",
        "TABLE",
        "TABLESPACE",
        "TEXT SEARCH CONFIGURATION",
        "TEXT SEARCH DICTIONARY",
        "TYPE",
        "VIEW",
        NULL,
};

enum action {
	KEEP,
	DROP,
	INSERT_IF_NOT_EXISTS /* at `insert_at` */
};

/* --- tokens inside one statement ---------------------------------------- */

/* The significant tokens of one statement's text (white space and comments
 * skipped). The statement was lexed already, so the text lexes cleanly;
 * tokens point into the original input. */
struct toks {
	struct sk_sql_lexer lx;
};

static void toks_init(struct toks *t, const struct sk_sql_stmt *st)
{
	sk_sql_lexer_init(&t->lx, st->start, st->len, SK_SQL_POSTGRES);
}

/* The next significant token; false at the end of the statement. */
static bool toks_next(struct toks *t, struct sk_sql_token *tok)
{
	for (;;) {
		if (sk_sql_lexer_token(&t->lx, tok, NULL) <= 0)
			return false;
		if (tok->kind != SK_TOK_SPACE && tok->kind != SK_TOK_LINE_COMMENT &&
		    tok->kind != SK_TOK_BLOCK_COMMENT)
			return true;
	}
}

static bool caseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

static bool is_word(const struct sk_sql_token *t, const char *w)
{
	size_t n = strlen(w);

	return t->kind == SK_TOK_WORD && t->len == n && caseeq(t->start, w, n);
}

static bool is_punct(const struct sk_sql_token *t, const char *p)
{
	size_t n = strlen(p);

	return t->kind == SK_TOK_PUNCT && t->len == n && memcmp(t->start, p, n) == 0;
}

/* Skips to just past the ')' matching an opening '(' already read. */
static bool skip_parens(struct toks *t)
{
	struct sk_sql_token tok;
	int depth = 1;

	while (toks_next(t, &tok)) {
		if (is_punct(&tok, "("))
			depth++;
		else if (is_punct(&tok, ")") && --depth == 0)
			return true;
	}
	return false;
}

static size_t count_words(const char *s)
{
	size_t n = 0;
	bool in = false;

	for (; *s; s++) {
		if (*s != ' ' && !in)
			n++;
		in = *s != ' ';
	}
	return n;
}

/* A part of an object name: identifier, quoted identifier, large object
 * number, or operator (ALTER OPERATOR public.=== (...)). */
static bool is_name_part(const struct sk_sql_token *t)
{
	if (t->kind == SK_TOK_WORD || t->kind == SK_TOK_QUOTED_IDENT || t->kind == SK_TOK_NUMBER)
		return true;
	return t->kind == SK_TOK_PUNCT && !is_punct(t, "(") && !is_punct(t, ")") && !is_punct(t, ",") &&
	       !is_punct(t, ".");
}

/* After ALTER <kind>: [IF EXISTS] [ONLY] name [(args)] [USING method]
 * OWNER TO role, and nothing else. "RENAME owner TO x" and other actions
 * that happen to end in "owner TO x" do not fit. */
static bool owner_tail(struct toks *t)
{
	struct sk_sql_token tok;

	if (!toks_next(t, &tok))
		return false;
	if (is_word(&tok, "if")) {
		if (!toks_next(t, &tok) || !is_word(&tok, "exists") || !toks_next(t, &tok))
			return false;
	}
	if (is_word(&tok, "only") && !toks_next(t, &tok))
		return false;
	for (;;) {
		if (!is_name_part(&tok) || !toks_next(t, &tok))
			return false;
		if (!is_punct(&tok, "."))
			break;
		if (!toks_next(t, &tok))
			return false;
	}
	if (is_punct(&tok, "(")) {
		if (!skip_parens(t) || !toks_next(t, &tok))
			return false;
	}
	if (is_word(&tok, "using")) {
		if (!toks_next(t, &tok) || tok.kind != SK_TOK_WORD || !toks_next(t, &tok))
			return false;
	}
	if (!is_word(&tok, "owner") || !toks_next(t, &tok) || !is_word(&tok, "to") || !toks_next(t, &tok))
		return false;
	if (tok.kind != SK_TOK_WORD && tok.kind != SK_TOK_QUOTED_IDENT)
		return false;
	return !toks_next(t, &tok);
}

static bool is_owner_change(const struct sk_sql_stmt *st)
{
	char words[64];

	if (!sk_sql_starts_with(st, "ALTER"))
		return false;
	for (const char *const *k = owner_kinds; *k; k++) {
		struct toks t;
		struct sk_sql_token tok;
		size_t skip = 1 + count_words(*k);
		bool ok = true;

		snprintf(words, sizeof(words), "ALTER %s", *k);
		if (!sk_sql_starts_with(st, words))
			continue;
		toks_init(&t, st);
		for (size_t i = 0; i < skip && ok; i++)
			ok = toks_next(&t, &tok);
		if (ok && owner_tail(&t))
			return true;
	}
	return false;
}

/* The parameter a SET statement sets ("SET [SESSION|LOCAL] name {=|TO}"),
 * or a SELECT [pg_catalog.]set_config('name', ...) call is; false when the
 * statement is neither. */
static bool set_parameter(const struct sk_sql_stmt *st, const char **name, size_t *len)
{
	struct toks t;
	struct sk_sql_token tok, param;

	toks_init(&t, st);
	if (!toks_next(&t, &tok))
		return false;
	if (is_word(&tok, "set")) {
		if (!toks_next(&t, &tok))
			return false;
		if ((is_word(&tok, "session") || is_word(&tok, "local")) && !toks_next(&t, &tok))
			return false;
		if (tok.kind != SK_TOK_WORD)
			return false;
		param = tok;
		if (!toks_next(&t, &tok) || !(is_punct(&tok, "=") || is_word(&tok, "to")))
			return false;
		*name = param.start;
		*len = param.len;
		return true;
	}
	if (!is_word(&tok, "select") || !toks_next(&t, &tok))
		return false;
	if (is_word(&tok, "pg_catalog")) {
		if (!toks_next(&t, &tok) || !is_punct(&tok, ".") || !toks_next(&t, &tok))
			return false;
	}
	if (!is_word(&tok, "set_config") || !toks_next(&t, &tok) || !is_punct(&tok, "(") ||
	    !toks_next(&t, &param) || param.kind != SK_TOK_STRING || param.start[0] != '\'' ||
	    param.len < 2 || !skip_parens(&t) || toks_next(&t, &tok))
		return false;
	*name = param.start + 1;
	*len = param.len - 2;
	return true;
}

static bool is_set_config_call(const struct sk_sql_stmt *st)
{
	const char *name;
	size_t len;

	return sk_sql_starts_with(st, "SELECT") && set_parameter(st, &name, &len);
}

/* A SET of a parameter that servers older than target do not know. */
static bool too_new_for(const struct sk_sql_stmt *st, int target)
{
	const char *name;
	size_t len;

	if (!set_parameter(st, &name, &len))
		return false;
	for (const struct sk_prepare_setting *s = sk_prepare_settings; s->name; s++)
		if (strlen(s->name) == len && caseeq(s->name, name, len))
			return target < s->since;
	return false;
}

/* CREATE SCHEMA public [AUTHORIZATION role] (IF NOT EXISTS cannot go with
 * schema elements) and CREATE EXTENSION name ...: where to insert " IF NOT
 * EXISTS" (just after SCHEMA or EXTENSION), or NULL when not wanted. */
static const char *if_not_exists_point(const struct sk_sql_stmt *st)
{
	struct toks t;
	struct sk_sql_token tok;
	const char *at;
	bool schema = sk_sql_starts_with(st, "CREATE SCHEMA");

	if (!schema && !sk_sql_starts_with(st, "CREATE EXTENSION"))
		return NULL;
	toks_init(&t, st);
	if (!toks_next(&t, &tok) || !toks_next(&t, &tok))
		return NULL;
	at = tok.start + tok.len;
	if (!toks_next(&t, &tok) || is_word(&tok, "if"))
		return NULL;
	if (!schema)
		return at;
	if (!is_word(&tok, "public") &&
	    !(tok.kind == SK_TOK_QUOTED_IDENT && tok.len == 8 && memcmp(tok.start, "\"public\"", 8) == 0))
		return NULL;
	if (!toks_next(&t, &tok))
		return at;
	if (!is_word(&tok, "authorization") || !toks_next(&t, &tok) ||
	    (tok.kind != SK_TOK_WORD && tok.kind != SK_TOK_QUOTED_IDENT) || toks_next(&t, &tok))
		return NULL;
	return at;
}

static enum action classify(const struct sk_sql_stmt *st, const struct sk_prepare_opts *o,
                            const char **insert_at)
{
	if (st->kind == SK_STMT_META)
		return DROP;
	if (st->kind != SK_STMT_SQL)
		return KEEP;
	if (is_owner_change(st) || sk_sql_starts_with(st, "SET SESSION AUTHORIZATION") ||
	    sk_sql_starts_with(st, "RESET SESSION AUTHORIZATION"))
		return DROP;
	if (o->strip_grants && (sk_sql_starts_with(st, "GRANT") || sk_sql_starts_with(st, "REVOKE") ||
	                        sk_sql_starts_with(st, "ALTER DEFAULT PRIVILEGES")))
		return DROP;
	if (o->strip_extension_comments && sk_sql_starts_with(st, "COMMENT ON EXTENSION"))
		return DROP;
	if (o->strip_set && (sk_sql_starts_with(st, "SET") || is_set_config_call(st)))
		return DROP;
	if (o->target_version > 0 && too_new_for(st, o->target_version))
		return DROP;
	*insert_at = if_not_exists_point(st);
	return *insert_at ? INSERT_IF_NOT_EXISTS : KEEP;
}

/* A token scanner that walks the whole input beside the statements, so it
 * reads each token in the context of the whole input, as psql does; a
 * statement re-lexed alone may read otherwise (a byte order mark in the
 * middle of the file is white space at the start of a text of its own). */
struct scan {
	struct sk_sql_lexer lx;
	struct sk_sql_token tok;
	bool have; /* tok is the next token not looked at */
	bool done;
};

/* Moves the scanner to offset `to` (the end of the next statement's span)
 * and returns the first thing it passed that a statement cannot keep, with
 * *what saying which, or NULL:
 *  - a backslash outside strings, identifiers and comments: the lexer reads
 *    a meta-command only at the start of a statement, but psql runs one
 *    wherever it finds an unquoted backslash (in the middle of a statement
 *    that lacks its ';' too), and a backslash is never valid SQL;
 *  - a byte order mark outside strings and comments anywhere but at the
 *    start of the input: the server rejects it, and once the lines before
 *    it are removed it would stand at the start of the script and read as
 *    white space, changing what follows it (the script would no longer
 *    prepare to itself). */
static const char *unkeepable(struct scan *sc, const char *text, size_t to, const char **what)
{
	const char *found = NULL;

	for (;;) {
		if (!sc->have) {
			if (sc->done || sk_sql_lexer_token(&sc->lx, &sc->tok, NULL) <= 0 ||
			    sc->tok.kind == SK_TOK_EOF) {
				sc->done = true;
				return found;
			}
			sc->have = true;
		}
		if ((size_t)(sc->tok.start - text) >= to)
			return found;
		if (!found && sc->tok.kind == SK_TOK_PUNCT) {
			found = memchr(sc->tok.start, '\\', sc->tok.len);
			*what = "psql meta-command inside a statement";
		}
		if (!found && sc->tok.kind == SK_TOK_WORD) {
			found = memmem(sc->tok.start, sc->tok.len, "\xef\xbb\xbf", 3);
			*what = "byte order mark (U+FEFF) inside a statement";
		}
		sc->have = false;
	}
}

/* --- input checks -------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF), or 0. NUL is not valid here. */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
	unsigned char c = s[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xbf;

	if (c == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (left < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

static void locate_offset(struct sk_error *err, const char *path, const char *text, size_t off)
{
	unsigned line = 1, col = 1;

	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	sk_error_locate(err, path, line, col);
}

static int check_text(const char *path, const char *text, size_t len, struct sk_error *err)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	int rc;

	while (i < len) {
		size_t n = utf8_seq(s + i, len - i);

		if (n) {
			i += n;
			continue;
		}
		if (s[i] == 0) {
			rc = sk_error_set(err, SK_ERR_INPUT, "NUL byte in the input");
			sk_error_hint(err, "is it a binary file? expected SQL text such as pg_dump "
			                   "--schema-only output");
		} else {
			rc = sk_error_set(err, SK_ERR_INPUT, "invalid UTF-8 (byte 0x%02x)", s[i]);
			sk_error_hint(err, "convert the dump to UTF-8 first, e.g. with iconv");
		}
		locate_offset(err, path, text, i);
		return rc;
	}
	return 0;
}

/* --- the filter ---------------------------------------------------------- */

static bool is_hspace(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Where the removal of the statement text [s, e) starts and ends; `pos` is
 * how far the output has got. */
static void removal_range(const char *text, size_t len, size_t pos, size_t s, size_t e, size_t *from,
                          size_t *to)
{
	size_t l = s, r = e;
	bool line_start, line_end;

	while (l > pos && (text[l - 1] == ' ' || text[l - 1] == '\t'))
		l--;
	while (r < len && is_hspace(text[r]))
		r++;
	line_start = l == 0 || text[l - 1] == '\n';
	line_end = r == len || text[r] == '\n';
	if (line_start && line_end) {
		/* whole lines: them, their newline, and one blank line after */
		size_t q;

		if (r < len)
			r++;
		q = r;
		while (q < len && is_hspace(text[q]))
			q++;
		if (q < len && text[q] == '\n' && r > 0 && text[r - 1] == '\n')
			r = q + 1;
		*from = l;
		*to = r;
	} else if (line_start) {
		/* something follows on the line: it keeps the indentation */
		*from = s;
		*to = r;
	} else {
		*from = l;
		*to = e;
	}
}

int sk_prepare_init(struct sk_buf *out, const char *path_for_messages, const char *text, size_t len,
                    const struct sk_prepare_opts *opts, struct sk_error *err)
{
	const char *path = path_for_messages ? path_for_messages : "<input>";
	size_t out_len0 = out->len, pos = 0;
	struct sk_sql_lexer lx;
	struct sk_sql_stmt st, prev = {0};
	struct scan sc = {0};
	int rc;

	text = text ? text : "";
	rc = check_text(path, text, len, err);
	if (rc)
		return rc;
	sk_sql_lexer_init(&lx, text, len, SK_SQL_POSTGRES);
	sk_sql_lexer_init(&sc.lx, text, len, SK_SQL_POSTGRES);
	for (;;) {
		const char *insert_at = NULL, *bad, *what = NULL;
		size_t s, e, from, to;
		enum action act;

		rc = sk_sql_lexer_statement(&lx, &st, err);
		if (rc < 0) {
			sk_error_locate(err, path, err ? err->line : 0, err ? err->col : 0);
			goto fail;
		}
		if (rc == 0)
			break;
		if (st.kind == SK_STMT_COPY_DATA && prev.kind == SK_STMT_META) {
			/* the data of "\copy ... from stdin": only psql can load it */
			rc = sk_error_set(err, SK_ERR_INPUT, "psql's \\copy ... from stdin cannot be kept");
			sk_error_detail(err,
			                "psql meta-commands are removed, and its data would be left behind");
			sk_error_hint(err, "write COPY ... FROM stdin; instead");
			sk_error_locate(err, path, prev.line, prev.col);
			goto fail;
		}
		prev = st;
		s = (size_t)(st.start - text);
		e = (size_t)(st.span_start + st.span_len - text);
		act = classify(&st, opts, &insert_at);
		bad = unkeepable(&sc, text, e, &what);
		if (act != DROP && st.kind == SK_STMT_SQL && bad) {
			rc = sk_error_set(err, SK_ERR_INPUT, "%s", what);
			if (*bad == '\\') {
				sk_error_detail(err, "psql would run it in the middle of the statement");
				sk_error_hint(err, "end the statement before it with ';'");
			} else {
				sk_error_detail(err, "only the start of the input may have one");
				sk_error_hint(err, "remove it (were files concatenated?)");
			}
			locate_offset(err, path, text, (size_t)(bad - text));
			goto fail;
		}
		switch (act) {
		case KEEP:
			sk_buf_add(out, text + pos, e - pos);
			pos = e;
			break;
		case INSERT_IF_NOT_EXISTS: {
			size_t at = (size_t)(insert_at - text);

			sk_buf_add(out, text + pos, at - pos);
			/* in the case of the keyword before it: "create schema if not exists" */
			sk_buf_adds(out, text[at - 1] >= 'a' && text[at - 1] <= 'z' ? " if not exists"
			                                                            : " IF NOT EXISTS");
			sk_buf_add(out, text + at, e - at);
			pos = e;
			break;
		}
		case DROP:
			removal_range(text, len, pos, s, e, &from, &to);
			sk_buf_add(out, text + pos, from - pos);
			pos = to;
			break;
		}
	}
	sk_buf_add(out, text + pos, len - pos);
	return 0;
fail:
	sk_buf_setlen(out, out_len0);
	return rc;
}

int sk_prepare_parse_version(int *out, const char *s, struct sk_error *err)
{
	char *end;
	long major, minor = 0;

	*out = 0;
	errno = 0;
	major = strtol(s, &end, 10);
	if (end == s || errno || s[0] < '0' || s[0] > '9')
		goto bad;
	if (*end == '.') {
		const char *m = end + 1;

		if (*m < '0' || *m > '9')
			goto bad;
		minor = strtol(m, &end, 10);
		if (errno || minor > 99)
			goto bad;
	}
	if (*end)
		goto bad;
	if (major >= 10 && major <= 99) {
		*out = (int)major * 10000; /* from 10 on, the first number is the major version */
		return 0;
	}
	if ((major == 8 || major == 9) && end > s && strchr(s, '.')) {
		*out = (int)(major * 10000 + minor * 100);
		return 0;
	}
bad:
	sk_error_set(err, SK_ERR_USAGE, "'%s' is not a PostgreSQL major version", s);
	sk_error_hint(err, "write e.g. 13, 16 or 9.6");
	return -SK_ERR_USAGE;
}

/* --- the command --------------------------------------------------------- */

static int read_stdin(struct sk_buf *in, struct sk_error *err)
{
	char chunk[65536];

	for (;;) {
		ssize_t n = read(STDIN_FILENO, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return sk_error_set(err, SK_ERR_IO, "cannot read standard input: %s",
			                    strerror(errno));
		if (n == 0)
			return 0;
		sk_buf_add(in, chunk, (size_t)n);
	}
}

/* Appends s for a POSIX shell: as is when it is plain, else single-quoted. */
static void add_shell_word(struct sk_buf *b, const char *s)
{
	if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+./:=@,%") ==
	                  strlen(s)) {
		sk_buf_adds(b, s);
		return;
	}
	sk_buf_addch(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sk_buf_adds(b, "'\\''");
		else
			sk_buf_addch(b, *s);
	}
	sk_buf_addch(b, '\'');
}

/* The command that writes `file` with the same filter. */
static void fix_command(struct sk_buf *b, const struct sk_prepare_run_opts *o, const char *file)
{
	sk_buf_adds(b, "schemake-prepare-init");
	if (o->filter.strip_grants)
		sk_buf_adds(b, " --strip-grants");
	if (o->filter.strip_extension_comments)
		sk_buf_adds(b, " --strip-extension-comments");
	if (o->filter.strip_set)
		sk_buf_adds(b, " --strip-set");
	if (o->filter.target_version >= 100000)
		sk_buf_addf(b, " --target-version %d", o->filter.target_version / 10000);
	else if (o->filter.target_version > 0)
		sk_buf_addf(b, " --target-version %d.%d", o->filter.target_version / 10000,
		            o->filter.target_version / 100 % 100);
	sk_buf_addch(b, ' ');
	add_shell_word(b, o->input);
	sk_buf_adds(b, " -o ");
	add_shell_word(b, file);
}

static int check_file(const struct sk_prepare_run_opts *o, const struct sk_buf *script, struct sk_error *err)
{
	struct sk_buf cur = SK_BUF_INIT, cmd = SK_BUF_INIT;
	int rc = 0;

	if (!sk_fs_exists(o->check)) {
		rc = sk_error_set(err, SK_ERR_DIFF, "'%s' does not exist", o->check);
	} else if ((rc = sk_fs_read_file(&cur, o->check, err)) != 0) {
		goto done;
	} else if (cur.len != script->len || memcmp(cur.buf, script->buf, cur.len) != 0) {
		size_t i = 0;
		unsigned line = 1;

		while (i < cur.len && i < script->len && cur.buf[i] == script->buf[i])
			if (cur.buf[i++] == '\n')
				line++;
		rc = sk_error_set(err, SK_ERR_DIFF, "'%s' is out of date", o->check);
		sk_error_detail(err, "first difference at line %u", line);
	}
	if (rc) {
		fix_command(&cmd, o, o->check);
		sk_error_hint(err, "run '%s'", cmd.buf);
	}
done:
	sk_buf_release(&cur);
	sk_buf_release(&cmd);
	return rc;
}

int sk_prepare_run(const struct sk_prepare_run_opts *o, struct sk_buf *out, struct sk_error *err)
{
	struct sk_buf in = SK_BUF_INIT, script = SK_BUF_INIT;
	bool from_stdin = !o->input || !strcmp(o->input, "-");
	int rc;

	rc = from_stdin ? read_stdin(&in, err) : sk_fs_read_file(&in, o->input, err);
	if (rc)
		goto done;
	if (!o->check && !o->output) {
		rc = sk_prepare_init(out, from_stdin ? "<stdin>" : o->input, in.buf, in.len, &o->filter, err);
		goto done;
	}
	rc = sk_prepare_init(&script, from_stdin ? "<stdin>" : o->input, in.buf, in.len, &o->filter, err);
	if (rc)
		goto done;
	if (o->check)
		rc = check_file(o, &script, err);
	else
		rc = sk_fs_write_atomic(o->output, script.buf, script.len, true, NULL, err);
done:
	sk_buf_release(&in);
	sk_buf_release(&script);
	return rc;
}
