/*
 * lexer.c: tokens and statement boundaries of PostgreSQL and SQLite scripts.
 * It knows enough about quoting, comments, psql meta-commands, COPY data and
 * routine/trigger bodies to split a script where psql and the sqlite3 shell
 * would; it does not parse SQL, check syntax or allocate.
 *
 * Every scanner bounds its reads by lx->len: the text may hold NUL bytes and
 * need not be NUL-terminated.
 */
#include "sql/lexer.h"

#include <string.h>

#include "common/banned.h"

/* How the current statement begins: only the few prefixes that change where
 * it ends are told apart. */
enum head {
	HEAD_NONE = 0, /* no significant token yet */
	HEAD_OTHER,
	HEAD_COPY, /* PostgreSQL COPY: watch for FROM stdin */
	HEAD_CREATE,
	HEAD_CREATE_OR,
	HEAD_CREATE_OR_REPLACE,
	HEAD_CREATE_TEMP,
	HEAD_ROUTINE, /* PostgreSQL CREATE [OR REPLACE] FUNCTION|PROCEDURE */
	HEAD_TRIGGER  /* SQLite CREATE [TEMP|TEMPORARY] TRIGGER */
};

/* copy_state values */
enum copy_state { COPY_NONE = 0, COPY_WANT_FROM, COPY_WANT_STDIN, COPY_STDIN };

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Bytes >= 0x80 are taken as letters, so UTF-8 identifiers are words. */
static bool is_ident_start(unsigned char c)
{
	return is_alpha(c) || c == '_' || c >= 0x80;
}

static bool is_ident_cont(unsigned char c)
{
	return is_ident_start(c) || is_digit(c) || c == '$';
}

/* Dollar-quote tags: like identifiers, but without '$'. */
static bool is_tag_cont(unsigned char c)
{
	return is_ident_start(c) || is_digit(c);
}

static bool is_op_char(const struct sk_sql_lexer *lx, unsigned char c)
{
	if (lx->dialect == SK_SQL_SQLITE)
		return strchr("+-*/<>=~!|&%^", c) != NULL && c != '\0';
	return strchr("+-*/<>=~!@#%^&|`?", c) != NULL && c != '\0';
}

static unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static bool caseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return false;
	return true;
}

static bool word_is(const struct sk_sql_token *t, const char *w)
{
	size_t n = strlen(w);

	return t->kind == SK_TOK_WORD && t->len == n && caseeq(t->start, w, n);
}

/* Byte at pos + off, or -1 past the end. */
static int peek(const struct sk_sql_lexer *lx, size_t off)
{
	if (off >= lx->len - lx->pos)
		return -1;
	return (unsigned char)lx->src[lx->pos + off];
}

static void reset_statement(struct sk_sql_lexer *lx)
{
	lx->at_statement_start = true;
	lx->copy_from_stdin_pending = false;
	lx->copy_state = COPY_NONE;
	lx->head_state = HEAD_NONE;
	lx->paren_depth = 0;
	lx->block_depth = 0;
	lx->begin_pending = false;
}

void sk_sql_lexer_init(struct sk_sql_lexer *lx, const char *src, size_t len, enum sk_sql_dialect_hint dialect)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src ? src : "";
	lx->len = src ? len : 0;
	lx->line = 1;
	lx->col = 1;
	lx->dialect = dialect;
	reset_statement(lx);
}

/* Moves to `end`, keeping line and col: only '\n' starts a line, so "\r\n"
 * counts once and a lone '\r' is an ordinary byte. */
static void advance_to(struct sk_sql_lexer *lx, size_t end)
{
	for (size_t i = lx->pos; i < end; i++) {
		if (lx->src[i] == '\n') {
			lx->line++;
			lx->col = 1;
		} else {
			lx->col++;
		}
	}
	lx->pos = end;
}

static int emit(struct sk_sql_lexer *lx, struct sk_sql_token *out, enum sk_sql_token_kind kind, size_t end)
{
	out->kind = kind;
	out->start = lx->src + lx->pos;
	out->len = end - lx->pos;
	out->line = lx->line;
	out->col = lx->col;
	advance_to(lx, end);
	return 1;
}

/* An error located at the current position (the start of the construct). */
static int fail_here(const struct sk_sql_lexer *lx, struct sk_error *err, const char *what)
{
	int rc = sk_error_set(err, SK_ERR_INPUT, "%s", what);

	sk_error_locate(err, NULL, lx->line, lx->col);
	return rc;
}

/* Index just past the closing quote `q` of a quoted run whose body starts
 * at p, or 0 when the input ends first. `doubling`: qq stands for q;
 * `backslash`: a backslash escapes the next byte (E'' strings). */
static size_t scan_quoted(const struct sk_sql_lexer *lx, size_t p, char q, bool doubling, bool backslash)
{
	while (p < lx->len) {
		char c = lx->src[p];

		if (backslash && c == '\\') {
			p += 2;
			continue;
		}
		if (c == q) {
			if (doubling && p + 1 < lx->len && lx->src[p + 1] == q) {
				p += 2;
				continue;
			}
			return p + 1;
		}
		p++;
	}
	return 0;
}

static int scan_space(struct sk_sql_lexer *lx, struct sk_sql_token *out)
{
	size_t p = lx->pos;
	struct sk_sql_token tok;

	tok.line = lx->line;
	tok.col = lx->col;
	tok.start = lx->src + p;
	/* A UTF-8 byte order mark is invisible: it takes no column. */
	if (p == 0 && lx->len >= 3 && memcmp(lx->src, "\xef\xbb\xbf", 3) == 0) {
		p = 3;
		lx->pos = 3;
	}
	while (p < lx->len && is_space((unsigned char)lx->src[p])) {
		if (lx->src[p++] == '\n' && lx->copy_line_pending) {
			/* the COPY data starts on the next line */
			lx->copy_line_pending = false;
			lx->in_copy_data = true;
			break;
		}
	}
	advance_to(lx, p);
	tok.kind = SK_TOK_SPACE;
	tok.len = (size_t)(lx->src + p - tok.start);
	*out = tok;
	return 1;
}

static int scan_line_comment(struct sk_sql_lexer *lx, struct sk_sql_token *out)
{
	size_t p = lx->pos + 2;

	/* PostgreSQL also ends a comment at '\r' (its non_newline is [^\n\r]) */
	while (p < lx->len && lx->src[p] != '\n' && !(lx->src[p] == '\r' && lx->dialect == SK_SQL_POSTGRES))
		p++;
	return emit(lx, out, SK_TOK_LINE_COMMENT, p);
}

static int scan_block_comment(struct sk_sql_lexer *lx, struct sk_sql_token *out, struct sk_error *err)
{
	size_t p = lx->pos + 2;
	unsigned depth = 1;
	bool nest = lx->dialect == SK_SQL_POSTGRES; /* SQLite comments do not nest */

	while (p + 1 < lx->len) {
		if (lx->src[p] == '*' && lx->src[p + 1] == '/') {
			p += 2;
			if (--depth == 0)
				return emit(lx, out, SK_TOK_BLOCK_COMMENT, p);
		} else if (nest && lx->src[p] == '/' && lx->src[p + 1] == '*') {
			p += 2;
			depth++;
		} else {
			p++;
		}
	}
	return fail_here(lx, err, "unterminated block comment");
}

/* "\copy ... from stdin" reads its data from the script, like COPY. */
static bool meta_is_copy_from_stdin(const char *s, size_t len)
{
	size_t p = 0;
	int depth = 0;
	bool after_from = false;

	if (len < 5 || memcmp(s, "\\copy", 5) != 0 || (len > 5 && is_ident_cont((unsigned char)s[5])))
		return false;
	p = 5;
	while (p < len) {
		unsigned char c = (unsigned char)s[p];
		size_t w;

		if (c == '(' || c == ')') {
			depth += c == '(' ? 1 : -1;
			after_from = false;
			p++;
			continue;
		}
		if (!is_ident_cont(c)) {
			if (!is_space(c))
				after_from = false;
			p++;
			continue;
		}
		w = p;
		while (p < len && is_ident_cont((unsigned char)s[p]))
			p++;
		if (after_from && p - w == 5 && caseeq(s + w, "stdin", 5))
			return true;
		after_from = depth == 0 && p - w == 4 && caseeq(s + w, "from", 4);
	}
	return false;
}

static int scan_meta(struct sk_sql_lexer *lx, struct sk_sql_token *out)
{
	size_t p = lx->pos;

	while (p < lx->len && lx->src[p] != '\n')
		p++;
	if (p < lx->len && p > lx->pos && lx->src[p - 1] == '\r')
		p--;
	emit(lx, out, SK_TOK_META, p);
	if (meta_is_copy_from_stdin(out->start, out->len))
		lx->copy_line_pending = true;
	/* a meta-command is a statement of its own: the next one starts afresh */
	reset_statement(lx);
	lx->ended_statement = true;
	return 1;
}

static int scan_copy_data(struct sk_sql_lexer *lx, struct sk_sql_token *out, struct sk_error *err)
{
	size_t p = lx->pos;

	while (p < lx->len) {
		size_t eol = p, end;

		while (eol < lx->len && lx->src[eol] != '\n')
			eol++;
		end = eol;
		if (end > p && lx->src[end - 1] == '\r')
			end--;
		if (end - p == 2 && lx->src[p] == '\\' && lx->src[p + 1] == '.') {
			lx->in_copy_data = false;
			emit(lx, out, SK_TOK_COPY_DATA, p + 2);
			reset_statement(lx);
			lx->ended_statement = true;
			return 1;
		}
		p = eol + 1;
	}
	return fail_here(lx, err, "unterminated copy data: no line \"\\.\" after copy ... from stdin");
}

/* Length of the "$tag$" opening at pos, or 0 when '$' does not open one. */
static size_t dollar_tag_len(const struct sk_sql_lexer *lx)
{
	size_t p = lx->pos + 1;

	if (p < lx->len && lx->src[p] == '$')
		return 2;
	if (p >= lx->len || !is_ident_start((unsigned char)lx->src[p]))
		return 0;
	while (p < lx->len && is_tag_cont((unsigned char)lx->src[p]))
		p++;
	if (p < lx->len && lx->src[p] == '$')
		return p + 1 - lx->pos;
	return 0;
}

static int scan_dollar(struct sk_sql_lexer *lx, struct sk_sql_token *out, struct sk_error *err)
{
	size_t tag = dollar_tag_len(lx);
	const char *open = lx->src + lx->pos;
	size_t p;
	int rc;

	if (tag == 0) {
		p = lx->pos + 1;
		if (p < lx->len && is_digit((unsigned char)lx->src[p])) {
			while (p < lx->len && is_digit((unsigned char)lx->src[p]))
				p++;
			return emit(lx, out, SK_TOK_PARAM, p);
		}
		return emit(lx, out, SK_TOK_PUNCT, p);
	}
	for (p = lx->pos + tag; p + tag <= lx->len; p++) {
		if (lx->src[p] == '$' && memcmp(lx->src + p, open, tag) == 0)
			return emit(lx, out, SK_TOK_DOLLAR_STRING, p + tag);
	}
	rc = sk_error_set(err, SK_ERR_INPUT, "unterminated dollar-quoted string starting with %.*s", (int)tag,
	                  open);
	sk_error_locate(err, NULL, lx->line, lx->col);
	return rc;
}

/* A quoted string or identifier whose opening quote is at pos + prefix. */
static int scan_string(struct sk_sql_lexer *lx, struct sk_sql_token *out, struct sk_error *err, size_t prefix,
                       bool backslash)
{
	char q = lx->src[lx->pos + prefix];
	size_t end;

	if (q == '[')
		end = scan_quoted(lx, lx->pos + prefix + 1, ']', false, false);
	else
		end = scan_quoted(lx, lx->pos + prefix + 1, q, true, backslash);
	if (end == 0)
		return fail_here(lx, err,
		                 q == '\'' ? "unterminated quoted string" : "unterminated quoted identifier");
	return emit(lx, out, q == '\'' ? SK_TOK_STRING : SK_TOK_QUOTED_IDENT, end);
}

static int scan_number(struct sk_sql_lexer *lx, struct sk_sql_token *out)
{
	size_t p = lx->pos;
	bool dot = false;
	bool hex = peek(lx, 0) == '0' && (peek(lx, 1) == 'x' || peek(lx, 1) == 'X');

	while (p < lx->len) {
		unsigned char c = (unsigned char)lx->src[p];

		if (is_digit(c) || is_alpha(c) || c == '_') {
			if (!hex && (c == 'e' || c == 'E') && p + 2 < lx->len &&
			    (lx->src[p + 1] == '+' || lx->src[p + 1] == '-') &&
			    is_digit((unsigned char)lx->src[p + 2]))
				p += 2;
			p++;
		} else if (c == '.' && !dot && !hex && !(p + 1 < lx->len && lx->src[p + 1] == '.')) {
			dot = true;
			p++;
		} else {
			break;
		}
	}
	return emit(lx, out, SK_TOK_NUMBER, p);
}

static int scan_operator(struct sk_sql_lexer *lx, struct sk_sql_token *out)
{
	size_t p = lx->pos + 1;

	/* a run of operator characters, stopping where a comment starts */
	while (p < lx->len && is_op_char(lx, (unsigned char)lx->src[p])) {
		if (p + 1 < lx->len && ((lx->src[p] == '-' && lx->src[p + 1] == '-') ||
		                        (lx->src[p] == '/' && lx->src[p + 1] == '*')))
			break;
		p++;
	}
	return emit(lx, out, SK_TOK_PUNCT, p);
}

/* Scans one significant token (not space, comment, meta or COPY data). */
static int scan_significant(struct sk_sql_lexer *lx, struct sk_sql_token *out, struct sk_error *err)
{
	bool pg = lx->dialect == SK_SQL_POSTGRES;
	int c = peek(lx, 0), c1 = peek(lx, 1), c2 = peek(lx, 2);
	size_t p;

	switch (c) {
	case '\'':
	case '"':
		return scan_string(lx, out, err, 0, false);
	case '[':
	case '`':
		if (!pg)
			return scan_string(lx, out, err, 0, false);
		return emit(lx, out, SK_TOK_PUNCT, lx->pos + 1);
	case ';':
		return emit(lx, out, SK_TOK_SEMICOLON, lx->pos + 1);
	case '$':
		if (pg)
			return scan_dollar(lx, out, err);
		break;
	case ':':
		if (c1 == ':' || c1 == '=')
			return emit(lx, out, SK_TOK_PUNCT, lx->pos + 2);
		break;
	case '?':
		if (!pg) {
			p = lx->pos + 1;
			while (p < lx->len && is_digit((unsigned char)lx->src[p]))
				p++;
			return emit(lx, out, SK_TOK_PARAM, p);
		}
		break;
	case '.':
		if (c1 >= 0 && is_digit((unsigned char)c1))
			return scan_number(lx, out);
		return emit(lx, out, SK_TOK_PUNCT, lx->pos + 1);
	default:
		break;
	}

	/* :name, and in SQLite also @name, #name, $name */
	if ((c == ':' || (!pg && (c == '@' || c == '#' || c == '$'))) && c1 >= 0 &&
	    is_ident_cont((unsigned char)c1)) {
		p = lx->pos + 1;
		while (p < lx->len && is_ident_cont((unsigned char)lx->src[p]))
			p++;
		return emit(lx, out, SK_TOK_PARAM, p);
	}
	if (is_digit((unsigned char)c))
		return scan_number(lx, out);
	if (is_ident_start((unsigned char)c)) {
		/* prefixed strings: E'' (PostgreSQL), B'', X'', N'', U&'' and U&"" */
		if (c1 == '\'') {
			if (pg && (c == 'e' || c == 'E'))
				return scan_string(lx, out, err, 1, true);
			if (strchr("bBxXnN", c))
				return scan_string(lx, out, err, 1, false);
		}
		if ((c == 'u' || c == 'U') && c1 == '&' && (c2 == '\'' || c2 == '"'))
			return scan_string(lx, out, err, 2, false);
		p = lx->pos + 1;
		while (p < lx->len && is_ident_cont((unsigned char)lx->src[p]))
			p++;
		return emit(lx, out, SK_TOK_WORD, p);
	}
	if (is_op_char(lx, (unsigned char)c))
		return scan_operator(lx, out);
	/* ( ) , and anything else, NUL and stray bytes included */
	return emit(lx, out, SK_TOK_PUNCT, lx->pos + 1);
}

/* The statement-level bookkeeping for one significant token. */
static void note_head(struct sk_sql_lexer *lx, const struct sk_sql_token *t)
{
	bool pg = lx->dialect == SK_SQL_POSTGRES;

	switch (lx->head_state) {
	case HEAD_NONE:
		if (pg && word_is(t, "copy")) {
			lx->head_state = HEAD_COPY;
			lx->copy_state = COPY_WANT_FROM;
		} else {
			lx->head_state = word_is(t, "create") ? HEAD_CREATE : HEAD_OTHER;
		}
		break;
	case HEAD_CREATE:
		if (pg && word_is(t, "or"))
			lx->head_state = HEAD_CREATE_OR;
		else if (pg && (word_is(t, "function") || word_is(t, "procedure")))
			lx->head_state = HEAD_ROUTINE;
		else if (!pg && (word_is(t, "temp") || word_is(t, "temporary")))
			lx->head_state = HEAD_CREATE_TEMP;
		else if (!pg && word_is(t, "trigger"))
			lx->head_state = HEAD_TRIGGER;
		else
			lx->head_state = HEAD_OTHER;
		break;
	case HEAD_CREATE_OR:
		lx->head_state = word_is(t, "replace") ? HEAD_CREATE_OR_REPLACE : HEAD_OTHER;
		break;
	case HEAD_CREATE_OR_REPLACE:
		lx->head_state =
		        (word_is(t, "function") || word_is(t, "procedure")) ? HEAD_ROUTINE : HEAD_OTHER;
		break;
	case HEAD_CREATE_TEMP:
		lx->head_state = word_is(t, "trigger") ? HEAD_TRIGGER : HEAD_OTHER;
		break;
	case HEAD_COPY:
		if (lx->copy_state == COPY_WANT_STDIN) {
			if (word_is(t, "stdin")) {
				lx->copy_state = COPY_STDIN;
				lx->copy_from_stdin_pending = true;
				break;
			}
			lx->copy_state = COPY_WANT_FROM;
		}
		if (lx->copy_state == COPY_WANT_FROM && lx->paren_depth == 0 && word_is(t, "from"))
			lx->copy_state = COPY_WANT_STDIN;
		break;
	case HEAD_ROUTINE:
		/* SQL-standard bodies: BEGIN ATOMIC ... END, with CASE ... END
		 * inside; like psql, only outside parentheses */
		if (lx->begin_pending) {
			lx->begin_pending = false;
			if (word_is(t, "atomic")) {
				lx->block_depth = 1;
				break;
			}
		}
		if (lx->paren_depth != 0)
			break;
		if (lx->block_depth == 0) {
			lx->begin_pending = word_is(t, "begin");
		} else if (word_is(t, "case")) {
			lx->block_depth++;
		} else if (word_is(t, "end")) {
			lx->block_depth--;
		}
		break;
	case HEAD_TRIGGER:
		/* SQLite trigger bodies: BEGIN ... END, with CASE ... END inside */
		if (lx->block_depth == 0) {
			if (word_is(t, "begin"))
				lx->block_depth = 1;
		} else if (word_is(t, "case")) {
			lx->block_depth++;
		} else if (word_is(t, "end")) {
			lx->block_depth--;
		}
		break;
	default:
		break;
	}
}

static void note_significant(struct sk_sql_lexer *lx, const struct sk_sql_token *t)
{
	bool pg = lx->dialect == SK_SQL_POSTGRES;

	if (t->kind == SK_TOK_SEMICOLON && lx->block_depth == 0 && (!pg || lx->paren_depth == 0)) {
		bool copy = lx->copy_from_stdin_pending;

		reset_statement(lx);
		lx->ended_statement = true;
		lx->copy_line_pending = copy;
		return;
	}
	lx->at_statement_start = false;
	if (pg && t->kind == SK_TOK_PUNCT && t->len == 1) {
		if (t->start[0] == '(')
			lx->paren_depth++;
		else if (t->start[0] == ')' && lx->paren_depth > 0)
			lx->paren_depth--;
	}
	note_head(lx, t);
}

int sk_sql_lexer_token(struct sk_sql_lexer *lx, struct sk_sql_token *out, struct sk_error *err)
{
	int c, c1, rc;

	lx->ended_statement = false;
	if (lx->in_copy_data)
		return scan_copy_data(lx, out, err);
	if (lx->pos >= lx->len) {
		if (lx->copy_line_pending)
			return fail_here(lx, err,
			                 "unterminated copy data: no line \"\\.\" after copy ... from stdin");
		out->kind = SK_TOK_EOF;
		out->start = lx->src + lx->pos;
		out->len = 0;
		out->line = lx->line;
		out->col = lx->col;
		return 0;
	}
	c = peek(lx, 0);
	c1 = peek(lx, 1);
	if (is_space((unsigned char)c) || (lx->pos == 0 && c == 0xef && c1 == 0xbb && peek(lx, 2) == 0xbf))
		return scan_space(lx, out);
	if (c == '-' && c1 == '-')
		return scan_line_comment(lx, out);
	if (c == '/' && c1 == '*')
		return scan_block_comment(lx, out, err);
	if (lx->copy_line_pending)
		return fail_here(lx, err, "unsupported text after \"copy ... from stdin;\" on the same line");
	if (c == '\\' && lx->at_statement_start && lx->dialect == SK_SQL_POSTGRES)
		return scan_meta(lx, out);
	rc = scan_significant(lx, out, err);
	if (rc > 0)
		note_significant(lx, out);
	return rc;
}

int sk_sql_lexer_statement(struct sk_sql_lexer *lx, struct sk_sql_stmt *out, struct sk_error *err)
{
	const char *span = lx->src + lx->pos;
	const char *last_end = NULL;
	struct sk_sql_token tok;
	bool have = false;
	int rc;

	memset(out, 0, sizeof(*out));
	for (;;) {
		rc = sk_sql_lexer_token(lx, &tok, err);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			if (!have)
				return 0;
			/* the last statement, without ';': trailing space and
			 * comments are left out of it and of its span */
			out->len = (size_t)(last_end - out->start);
			out->span_start = span;
			out->span_len = (size_t)(last_end - span);
			out->terminated = false;
			return 1;
		}
		switch (tok.kind) {
		case SK_TOK_SPACE:
		case SK_TOK_LINE_COMMENT:
		case SK_TOK_BLOCK_COMMENT:
			continue;
		case SK_TOK_META:
		case SK_TOK_COPY_DATA:
			/* only ever at the start of a statement */
			out->kind = tok.kind == SK_TOK_META ? SK_STMT_META : SK_STMT_COPY_DATA;
			out->start = tok.start;
			out->len = tok.len;
			out->line = tok.line;
			out->col = tok.col;
			out->terminated = true;
			out->span_start = span;
			out->span_len = (size_t)(tok.start + tok.len - span);
			return 1;
		default:
			break;
		}
		if (tok.kind == SK_TOK_SEMICOLON && lx->ended_statement) {
			if (!have)
				continue; /* empty statement: its ';' joins the next span */
			out->len = (size_t)(tok.start - out->start);
			out->terminated = true;
			out->span_start = span;
			out->span_len = (size_t)(tok.start + 1 - span);
			return 1;
		}
		if (!have) {
			have = true;
			out->kind = SK_STMT_SQL;
			out->start = tok.start;
			out->line = tok.line;
			out->col = tok.col;
		}
		last_end = tok.start + tok.len;
	}
}

/* Past white space and comments from p. */
static const char *skip_space_comments(const char *p, const char *end)
{
	while (p < end) {
		if (is_space((unsigned char)*p)) {
			p++;
		} else if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			while (p < end && *p != '\n')
				p++;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			unsigned depth = 1;

			p += 2;
			while (p < end && depth > 0) {
				if (end - p >= 2 && p[0] == '*' && p[1] == '/') {
					depth--;
					p += 2;
				} else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
					depth++;
					p += 2;
				} else {
					p++;
				}
			}
		} else {
			break;
		}
	}
	return p;
}

bool sk_sql_starts_with(const struct sk_sql_stmt *stmt, const char *words)
{
	const char *p = stmt->start ? stmt->start : "";
	const char *end = stmt->start ? stmt->start + stmt->len : p;

	for (;;) {
		size_t n;

		while (*words == ' ')
			words++;
		if (!*words)
			return true;
		n = strcspn(words, " ");
		p = skip_space_comments(p, end);
		if ((size_t)(end - p) < n || !caseeq(p, words, n))
			return false;
		p += n;
		/* whole words only: "CREATE TABLE" does not match "CREATE TABLESPACE" */
		if (is_ident_cont((unsigned char)words[n - 1]) && p < end && is_ident_cont((unsigned char)*p))
			return false;
		words += n;
	}
}
