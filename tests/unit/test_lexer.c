/*
 * Unit tests of the SQL lexer (src/sql/lexer.c): token kinds, statement
 * boundaries, positions, spans and errors, for PostgreSQL and SQLite.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/error.h"
#include "sql/lexer.h"

#include "common/banned.h"

#define PG SK_SQL_POSTGRES
#define LITE SK_SQL_SQLITE
#define MAX_STMTS 64

struct split {
	struct sk_sql_stmt st[MAX_STMTS];
	size_t n;
	int rc; /* last return: 0 at the end, or the error */
	struct sk_error err;
	char *copy; /* the input in a buffer of exactly its size (ASan sees over-reads) */
	size_t len;
};

/* Splits `len` bytes of src into statements, from an exactly sized copy. */
static void split_n(struct split *s, const char *src, size_t len, enum sk_sql_dialect_hint dialect)
{
	struct sk_sql_lexer lx;

	memset(s, 0, sizeof(*s));
	sk_error_init(&s->err);
	s->copy = malloc(len ? len : 1);
	assert_non_null(s->copy);
	if (len)
		memcpy(s->copy, src, len);
	s->len = len;
	sk_sql_lexer_init(&lx, s->copy, len, dialect);
	for (;;) {
		struct sk_sql_stmt st;

		s->rc = sk_sql_lexer_statement(&lx, &st, &s->err);
		if (s->rc <= 0)
			break;
		assert_true(s->n < MAX_STMTS);
		s->st[s->n++] = st;
	}
}

static void split(struct split *s, const char *src, enum sk_sql_dialect_hint dialect)
{
	split_n(s, src, strlen(src), dialect);
}

static void split_release(struct split *s)
{
	free(s->copy);
	s->copy = NULL;
}

static void assert_text(const char *p, size_t len, const char *want)
{
	if (len != strlen(want) || memcmp(p, want, len) != 0)
		fail_msg("got \"%.*s\", want \"%s\"", (int)len, p, want);
}

static void assert_stmt(const struct split *s, size_t i, enum sk_sql_stmt_kind kind, const char *text)
{
	assert_true(i < s->n);
	assert_int_equal(s->st[i].kind, kind);
	assert_text(s->st[i].start, s->st[i].len, text);
}

static void assert_stmt_at(const struct split *s, size_t i, unsigned line, unsigned col)
{
	assert_true(i < s->n);
	assert_int_equal(s->st[i].line, line);
	assert_int_equal(s->st[i].col, col);
}

/* Spans are contiguous from the start of the input, each holds its statement
 * text, and spans + trailing text give back the input byte for byte. */
static void assert_reconstructs(const struct split *s)
{
	struct sk_buf sb = SK_BUF_INIT;
	const char *next = s->copy;
	const char *end = s->copy + s->len;

	assert_int_equal(s->rc, 0);
	for (size_t i = 0; i < s->n; i++) {
		const struct sk_sql_stmt *st = &s->st[i];

		assert_ptr_equal(st->span_start, next);
		assert_true(st->start >= st->span_start);
		assert_true(st->start + st->len <= st->span_start + st->span_len);
		sk_buf_add(&sb, st->span_start, st->span_len);
		next = st->span_start + st->span_len;
	}
	assert_true(next <= end);
	sk_buf_add(&sb, next, (size_t)(end - next));
	assert_int_equal(sb.len, s->len);
	assert_memory_equal(sb.buf, s->copy, s->len);
	sk_buf_release(&sb);
}

static void assert_error_at(const struct split *s, unsigned line, unsigned col, const char *msg_part)
{
	assert_int_equal(s->rc, -SK_ERR_INPUT);
	assert_int_equal(s->err.code, SK_ERR_INPUT);
	assert_int_equal(s->err.line, line);
	assert_int_equal(s->err.col, col);
	if (!strstr(s->err.message, msg_part))
		fail_msg("message \"%s\" lacks \"%s\"", s->err.message, msg_part);
}

#define MAX_TOKS 256

struct toks {
	struct sk_sql_token t[MAX_TOKS];
	size_t n;
	int rc;
	struct sk_error err;
};

/* All tokens of src (without the EOF token). */
static void tokenize(struct toks *tk, const char *src, enum sk_sql_dialect_hint dialect)
{
	struct sk_sql_lexer lx;

	memset(tk, 0, sizeof(*tk));
	sk_error_init(&tk->err);
	sk_sql_lexer_init(&lx, src, strlen(src), dialect);
	for (;;) {
		struct sk_sql_token t;

		tk->rc = sk_sql_lexer_token(&lx, &t, &tk->err);
		if (tk->rc <= 0)
			break;
		assert_true(tk->n < MAX_TOKS);
		tk->t[tk->n++] = t;
	}
}

/* The first token of the given kind whose text is `text`, or fails. */
static const struct sk_sql_token *find_tok(const struct toks *tk, enum sk_sql_token_kind kind,
                                           const char *text)
{
	for (size_t i = 0; i < tk->n; i++)
		if (tk->t[i].kind == kind && tk->t[i].len == strlen(text) &&
		    memcmp(tk->t[i].start, text, tk->t[i].len) == 0)
			return &tk->t[i];
	fail_msg("no token of kind %d with text \"%s\"", (int)kind, text);
	return NULL;
}

static size_t count_kind(const struct toks *tk, enum sk_sql_token_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < tk->n; i++)
		n += tk->t[i].kind == kind;
	return n;
}

/* ---- statement splitting ---- */

static void test_lexer__splits_on_semicolons(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1; SELECT 2;\nSELECT 3;", PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 3);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT 1");
	assert_stmt(&s, 1, SK_STMT_SQL, "SELECT 2");
	assert_stmt(&s, 2, SK_STMT_SQL, "SELECT 3");
	for (size_t i = 0; i < 3; i++)
		assert_true(s.st[i].terminated);
	assert_text(s.st[1].span_start, s.st[1].span_len, " SELECT 2;");
	assert_reconstructs(&s);
	split_release(&s);
}

static void test_lexer__final_statement_without_semicolon(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1;\nSELECT 2 -- no end\n  \n", PG);
	assert_int_equal(s.n, 2);
	assert_true(s.st[0].terminated);
	assert_false(s.st[1].terminated);
	assert_stmt(&s, 1, SK_STMT_SQL, "SELECT 2");
	assert_text(s.st[1].span_start, s.st[1].span_len, "\nSELECT 2");
	assert_reconstructs(&s);
	split_release(&s);
}

static void test_lexer__empty_statements_are_skipped(void **state)
{
	struct split s;

	(void)state;
	split(&s, ";;\n SELECT 1;;  ;\nSELECT 2;\n;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT 1");
	assert_stmt(&s, 1, SK_STMT_SQL, "SELECT 2");
	/* the lone ';' go with the next span */
	assert_text(s.st[0].span_start, s.st[0].span_len, ";;\n SELECT 1;");
	assert_text(s.st[1].span_start, s.st[1].span_len, ";  ;\nSELECT 2;");
	assert_reconstructs(&s);
	split_release(&s);
}

static void test_lexer__only_comments_and_space_is_no_statement(void **state)
{
	struct split s;

	(void)state;
	split(&s, "-- a ; comment\n/* b; */ ;\n\t\n", PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 0);
	assert_reconstructs(&s);
	split_release(&s);
	split(&s, "", PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 0);
	split_release(&s);
}

static void test_lexer__semicolon_before_terminator_keeps_text(void **state)
{
	struct split s;

	(void)state;
	/* the text runs up to the ';', comments before it included */
	split(&s, "SELECT 1 -- c\n;", PG);
	assert_int_equal(s.n, 1);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT 1 -- c\n");
	split_release(&s);
}

/* ---- comments ---- */

static void test_lexer__line_comment_hides_semicolon_and_quote(void **state)
{
	struct split s;
	struct toks tk;

	(void)state;
	split(&s, "SELECT 1 -- not the end; it's fine\n + 1; SELECT 2;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT 1 -- not the end; it's fine\n + 1");
	split_release(&s);
	tokenize(&tk, "a -- x\r\nb", PG);
	find_tok(&tk, SK_TOK_LINE_COMMENT, "-- x");
	find_tok(&tk, SK_TOK_SPACE, "\r\n");
}

static void test_lexer__nested_block_comments(void **state)
{
	struct split s;
	struct toks tk;

	(void)state;
	split(&s, "/* outer /* inner; 'x */ still; \"y $$ */ SELECT 1; SELECT /* ; */ 2;", PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT 1");
	assert_stmt(&s, 1, SK_STMT_SQL, "SELECT /* ; */ 2");
	assert_stmt_at(&s, 0, 1, 42);
	split_release(&s);
	tokenize(&tk, "/* a /* b */ c */x", PG);
	assert_int_equal(tk.t[0].kind, SK_TOK_BLOCK_COMMENT);
	assert_text(tk.t[0].start, tk.t[0].len, "/* a /* b */ c */");
}

static void test_lexer__sqlite_block_comments_do_not_nest(void **state)
{
	struct split s;

	(void)state;
	split(&s, "/* a /* b */ SELECT 1;", LITE);
	assert_int_equal(s.n, 1);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT 1");
	split_release(&s);
}

/* ---- strings and identifiers ---- */

static void test_lexer__string_quote_doubling(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 'it''s; fine', ''''; SELECT 2;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT 'it''s; fine', ''''");
	split_release(&s);
}

static void test_lexer__backslash_is_ordinary_in_standard_strings(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 'a\\'; SELECT 2;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT 'a\\'");
	split_release(&s);
}

static void test_lexer__e_string_backslash_escapes(void **state)
{
	struct split s;
	struct toks tk;

	(void)state;
	split(&s, "SELECT E'it\\'s; still', e'\\\\', E'a''b;'; SELECT 2;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT E'it\\'s; still', e'\\\\', E'a''b;'");
	split_release(&s);
	tokenize(&tk, "E'x\\'y' z", PG);
	assert_int_equal(tk.t[0].kind, SK_TOK_STRING);
	assert_text(tk.t[0].start, tk.t[0].len, "E'x\\'y'");
}

static void test_lexer__e_prefix_is_not_special_in_sqlite(void **state)
{
	struct split s;

	(void)state;
	/* in SQLite E is a word and the backslash is ordinary */
	split(&s, "SELECT E'a\\'; SELECT 2;", LITE);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT E'a\\'");
	split_release(&s);
}

static void test_lexer__prefixed_strings(void **state)
{
	struct toks tk;

	(void)state;
	tokenize(&tk, "B'10;1' X'ff' x'0A' N'n;' U&'d\\0061t' u&\"x\"\";y\" b", PG);
	assert_int_equal(tk.rc, 0);
	find_tok(&tk, SK_TOK_STRING, "B'10;1'");
	find_tok(&tk, SK_TOK_STRING, "X'ff'");
	find_tok(&tk, SK_TOK_STRING, "x'0A'");
	find_tok(&tk, SK_TOK_STRING, "N'n;'");
	find_tok(&tk, SK_TOK_STRING, "U&'d\\0061t'");
	find_tok(&tk, SK_TOK_QUOTED_IDENT, "u&\"x\"\";y\"");
	find_tok(&tk, SK_TOK_WORD, "b");
	assert_int_equal(count_kind(&tk, SK_TOK_SEMICOLON), 0);
	/* a prefix letter inside a word is not a prefix */
	tokenize(&tk, "abe'x'", PG);
	find_tok(&tk, SK_TOK_WORD, "abe");
	find_tok(&tk, SK_TOK_STRING, "'x'");
}

static void test_lexer__quoted_identifier_doubling(void **state)
{
	struct split s;
	struct toks tk;

	(void)state;
	split(&s, "SELECT \"a\"\";b\" FROM \"t;\"; SELECT 2;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT \"a\"\";b\" FROM \"t;\"");
	split_release(&s);
	tokenize(&tk, "\"a\"\"b\"", PG);
	assert_int_equal(tk.n, 1);
	assert_int_equal(tk.t[0].kind, SK_TOK_QUOTED_IDENT);
}

static void test_lexer__sqlite_bracket_and_backtick_identifiers(void **state)
{
	struct split s;
	struct toks tk;

	(void)state;
	split(&s, "CREATE TABLE [my;t] (`a``;b` int, \"c\"\";\" text); SELECT 2;", LITE);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "CREATE TABLE [my;t] (`a``;b` int, \"c\"\";\" text)");
	split_release(&s);
	tokenize(&tk, "[a\"b] `x``y`", LITE);
	find_tok(&tk, SK_TOK_QUOTED_IDENT, "[a\"b]");
	find_tok(&tk, SK_TOK_QUOTED_IDENT, "`x``y`");
	/* in PostgreSQL a bracket is punctuation */
	tokenize(&tk, "a[1]", PG);
	find_tok(&tk, SK_TOK_PUNCT, "[");
	find_tok(&tk, SK_TOK_NUMBER, "1");
}

/* ---- dollar quotes and parameters ---- */

static void test_lexer__dollar_quote_with_semicolons_and_inner_tag(void **state)
{
	static const char body[] = "$body$\nBEGIN\n  PERFORM 1; -- ;\n  x := $x$ inner; $ $$ $x$ || 'q'' \"r'"
	                           ";\nEND\n$body$";
	struct sk_buf sql = SK_BUF_INIT;
	struct split s;
	struct toks tk;

	(void)state;
	sk_buf_addf(&sql, "CREATE FUNCTION f() RETURNS int AS %s LANGUAGE plpgsql;\nSELECT 2;", body);
	split(&s, sql.buf, PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 2);
	assert_true(sk_sql_starts_with(&s.st[0], "CREATE FUNCTION"));
	assert_stmt(&s, 1, SK_STMT_SQL, "SELECT 2");
	assert_int_equal(s.st[1].line, 7);
	split_release(&s);
	tokenize(&tk, sql.buf, PG);
	find_tok(&tk, SK_TOK_DOLLAR_STRING, body);
	sk_buf_release(&sql);
}

static void test_lexer__empty_tag_dollar_quote(void **state)
{
	struct split s;

	(void)state;
	split(&s, "DO $$ BEGIN RAISE NOTICE 'a;b'; END $$; SELECT 1;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "DO $$ BEGIN RAISE NOTICE 'a;b'; END $$");
	split_release(&s);
}

static void test_lexer__positional_params_are_not_dollar_quotes(void **state)
{
	struct split s;
	struct toks tk;

	(void)state;
	split(&s, "SELECT $1, $2 FROM t WHERE a = $1; SELECT $12;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT $1, $2 FROM t WHERE a = $1");
	assert_stmt(&s, 1, SK_STMT_SQL, "SELECT $12");
	split_release(&s);
	tokenize(&tk, "$1$2", PG);
	assert_int_equal(tk.t[0].kind, SK_TOK_PARAM);
	assert_text(tk.t[0].start, tk.t[0].len, "$1");
}

static void test_lexer__dollar_inside_identifier_is_not_a_quote(void **state)
{
	struct split s;
	struct toks tk;

	(void)state;
	split(&s, "SELECT a$b$c, x$ FROM t; SELECT $q$ ; $q$;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT a$b$c, x$ FROM t");
	assert_stmt(&s, 1, SK_STMT_SQL, "SELECT $q$ ; $q$");
	split_release(&s);
	tokenize(&tk, "a$b$c", PG);
	assert_int_equal(tk.n, 1);
	assert_int_equal(tk.t[0].kind, SK_TOK_WORD);
}

static void test_lexer__sqlite_dollar_is_a_parameter(void **state)
{
	struct split s;
	struct toks tk;

	(void)state;
	split(&s, "SELECT $a$; SELECT 2;", LITE);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT $a$");
	split_release(&s);
	tokenize(&tk, "?1 ? :n @m $v #h", LITE);
	find_tok(&tk, SK_TOK_PARAM, "?1");
	find_tok(&tk, SK_TOK_PARAM, "?");
	find_tok(&tk, SK_TOK_PARAM, ":n");
	find_tok(&tk, SK_TOK_PARAM, "@m");
	find_tok(&tk, SK_TOK_PARAM, "$v");
	find_tok(&tk, SK_TOK_PARAM, "#h");
}

static void test_lexer__token_kinds(void **state)
{
	static const enum sk_sql_token_kind want[] = {
	        SK_TOK_WORD,  SK_TOK_SPACE,     SK_TOK_WORD,         SK_TOK_PUNCT, SK_TOK_WORD,
	        SK_TOK_PUNCT, SK_TOK_SPACE,     SK_TOK_NUMBER,       SK_TOK_PUNCT, SK_TOK_SPACE,
	        SK_TOK_WORD,  SK_TOK_PUNCT,     SK_TOK_WORD,         SK_TOK_PUNCT, SK_TOK_SPACE,
	        SK_TOK_PARAM, SK_TOK_SPACE,     SK_TOK_LINE_COMMENT, SK_TOK_SPACE, SK_TOK_WORD,
	        SK_TOK_SPACE, SK_TOK_WORD,      SK_TOK_SPACE,        SK_TOK_PUNCT, SK_TOK_SPACE,
	        SK_TOK_PARAM, SK_TOK_SEMICOLON,
	};
	struct toks tk;

	(void)state;
	tokenize(&tk, "SELECT a.b, 1.5e-3, x::int, :v -- c\n WHERE y >= $1;", PG);
	assert_int_equal(tk.rc, 0);
	assert_int_equal(tk.n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < tk.n; i++)
		assert_int_equal(tk.t[i].kind, want[i]);
	find_tok(&tk, SK_TOK_NUMBER, "1.5e-3");
	find_tok(&tk, SK_TOK_PUNCT, "::");
	find_tok(&tk, SK_TOK_PUNCT, ">=");
	/* tokens tile the input */
	assert_ptr_equal(tk.t[tk.n - 1].start + 1, tk.t[0].start + strlen(tk.t[0].start));
}

static void test_lexer__operator_run_stops_at_comment(void **state)
{
	struct toks tk;

	(void)state;
	tokenize(&tk, "1 +-- c\n-/* x */2", PG);
	find_tok(&tk, SK_TOK_PUNCT, "+");
	find_tok(&tk, SK_TOK_LINE_COMMENT, "-- c");
	find_tok(&tk, SK_TOK_PUNCT, "-");
	find_tok(&tk, SK_TOK_BLOCK_COMMENT, "/* x */");
}

static void test_lexer__token_positions(void **state)
{
	struct toks tk;
	const struct sk_sql_token *t;

	(void)state;
	tokenize(&tk, "a\n  'x\ny' b\r\n\tc", PG);
	t = find_tok(&tk, SK_TOK_STRING, "'x\ny'");
	assert_int_equal(t->line, 2);
	assert_int_equal(t->col, 3);
	t = find_tok(&tk, SK_TOK_WORD, "b");
	assert_int_equal(t->line, 3);
	assert_int_equal(t->col, 4);
	t = find_tok(&tk, SK_TOK_WORD, "c");
	assert_int_equal(t->line, 4);
	assert_int_equal(t->col, 2);
}

/* ---- psql meta-commands ---- */

static void test_lexer__meta_command_lines(void **state)
{
	struct split s;

	(void)state;
	split(&s,
	      "\\restrict k3yAbC123\nSET x = 1;\n  \\connect db\n\\set ON_ERROR_STOP on\r\nSELECT 1;\n"
	      "\\unrestrict k3yAbC123\n",
	      PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 6);
	assert_stmt(&s, 0, SK_STMT_META, "\\restrict k3yAbC123");
	assert_stmt(&s, 1, SK_STMT_SQL, "SET x = 1");
	assert_stmt(&s, 2, SK_STMT_META, "\\connect db");
	assert_stmt_at(&s, 2, 3, 3);
	assert_stmt(&s, 3, SK_STMT_META, "\\set ON_ERROR_STOP on");
	assert_stmt(&s, 4, SK_STMT_SQL, "SELECT 1");
	assert_stmt_at(&s, 4, 5, 1);
	assert_stmt(&s, 5, SK_STMT_META, "\\unrestrict k3yAbC123");
	assert_true(sk_sql_starts_with(&s.st[0], "\\restrict"));
	assert_reconstructs(&s);
	split_release(&s);
}

static void test_lexer__meta_after_statement_on_same_line(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1; \\connect db\nSELECT 2;", PG);
	assert_int_equal(s.n, 3);
	assert_stmt(&s, 1, SK_STMT_META, "\\connect db");
	assert_stmt(&s, 2, SK_STMT_SQL, "SELECT 2");
	split_release(&s);
	/* after a comment, still at the start of a statement; at the end, no newline */
	split(&s, "/* c */ \\set x 1", PG);
	assert_int_equal(s.n, 1);
	assert_stmt(&s, 0, SK_STMT_META, "\\set x 1");
	assert_reconstructs(&s);
	split_release(&s);
}

static void test_lexer__backslash_inside_string_or_body_is_not_meta(void **state)
{
	struct split s;

	(void)state;
	split(&s,
	      "SELECT '\n\\connect x\n';\nCREATE FUNCTION f() RETURNS void AS $$\n\\set y\n$$ LANGUAGE sql;\n"
	      "SELECT E'\\\n\\q';\nSELECT 1\n\\g x;\n/* \n\\quit */ SELECT 2;",
	      PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 5);
	for (size_t i = 0; i < s.n; i++)
		assert_int_equal(s.st[i].kind, SK_STMT_SQL);
	assert_stmt(&s, 3, SK_STMT_SQL, "SELECT 1\n\\g x");
	split_release(&s);
}

static void test_lexer__sqlite_has_no_meta_commands_or_copy(void **state)
{
	struct split s;

	(void)state;
	split(&s, "\\x;\nSELECT 1;", LITE);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "\\x");
	split_release(&s);
	split(&s, "COPY t FROM stdin;\nSELECT 1;", LITE);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 1, SK_STMT_SQL, "SELECT 1");
	split_release(&s);
}

/* ---- COPY ... FROM stdin ---- */

static void test_lexer__copy_from_stdin_data(void **state)
{
	struct split s;

	(void)state;
	split(&s, "COPY public.t (a, b) FROM stdin;\n1\tx;y\n2\t'q\"\n\\.\nSELECT 1;\n", PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 3);
	assert_stmt(&s, 0, SK_STMT_SQL, "COPY public.t (a, b) FROM stdin");
	assert_stmt(&s, 1, SK_STMT_COPY_DATA, "1\tx;y\n2\t'q\"\n\\.");
	assert_stmt_at(&s, 1, 2, 1);
	assert_stmt(&s, 2, SK_STMT_SQL, "SELECT 1");
	assert_stmt_at(&s, 2, 5, 1);
	assert_reconstructs(&s);
	split_release(&s);
	/* data lines may be empty or start with white space */
	split(&s, "COPY t FROM stdin;\n\n\t\\N\n  x\n\\.\n", PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 1, SK_STMT_COPY_DATA, "\n\t\\N\n  x\n\\.");
	assert_stmt_at(&s, 1, 2, 1);
	split_release(&s);
}

static void test_lexer__copy_from_stdin_case_options_crlf(void **state)
{
	struct split s;

	(void)state;
	split(&s, "copy t from STDIN with (format csv); -- note\r\na,\"b;c\"\r\n\\.\r\nSELECT 1;", PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 3);
	assert_stmt(&s, 1, SK_STMT_COPY_DATA, "a,\"b;c\"\r\n\\.");
	assert_stmt(&s, 2, SK_STMT_SQL, "SELECT 1");
	assert_stmt_at(&s, 2, 4, 1);
	assert_reconstructs(&s);
	split_release(&s);
}

static void test_lexer__copy_data_tokens(void **state)
{
	struct toks tk;

	(void)state;
	tokenize(&tk, "COPY t FROM stdin;\n\\.\n", PG);
	assert_int_equal(tk.rc, 0);
	assert_int_equal(tk.t[tk.n - 3].kind, SK_TOK_SPACE);
	assert_int_equal(tk.t[tk.n - 2].kind, SK_TOK_COPY_DATA);
	assert_text(tk.t[tk.n - 2].start, tk.t[tk.n - 2].len, "\\.");
	assert_int_equal(tk.t[tk.n - 2].line, 2);
	assert_int_equal(tk.t[tk.n - 1].kind, SK_TOK_SPACE);
	/* a "\." inside a line, or with more on its line, does not end the data */
	tokenize(&tk, "COPY t FROM stdin;\na\\.\n\\. \n\\.", PG);
	assert_int_equal(tk.rc, 0);
	find_tok(&tk, SK_TOK_COPY_DATA, "a\\.\n\\. \n\\.");
}

static void test_lexer__copy_without_stdin_has_no_data(void **state)
{
	struct split s;

	(void)state;
	split(&s,
	      "COPY t FROM '/tmp/f';\nSELECT 1;\nCOPY (SELECT * FROM stdin) TO stdout;\nSELECT 2;\n"
	      "COPY t TO stdout;\nSELECT 3;",
	      PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 6);
	for (size_t i = 0; i < s.n; i++)
		assert_int_equal(s.st[i].kind, SK_STMT_SQL);
	split_release(&s);
}

static void test_lexer__meta_copy_from_stdin_data(void **state)
{
	struct split s;

	(void)state;
	split(&s, "\\copy t (a) from stdin with csv\n1;2\n\\.\nSELECT 1;", PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 3);
	assert_stmt(&s, 0, SK_STMT_META, "\\copy t (a) from stdin with csv");
	assert_stmt(&s, 1, SK_STMT_COPY_DATA, "1;2\n\\.");
	assert_stmt(&s, 2, SK_STMT_SQL, "SELECT 1");
	split_release(&s);
	/* from stdin inside the query of \\copy (...) to is no data source */
	split(&s, "\\copy (SELECT 1 FROM stdin) TO stdout\nSELECT 1;", PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 1, SK_STMT_SQL, "SELECT 1");
	split_release(&s);
}

static void test_lexer__text_after_copy_on_same_line_is_an_error(void **state)
{
	struct split s;

	(void)state;
	split(&s, "COPY t FROM stdin; SELECT 1;\n\\.\n", PG);
	assert_int_equal(s.n, 1);
	assert_error_at(&s, 1, 20, "copy");
	split_release(&s);
}

/* ---- bodies with semicolons ---- */

static void test_lexer__sqlite_trigger_body(void **state)
{
	static const char trigger[] = "CREATE TEMP TRIGGER tr AFTER INSERT ON t\n"
	                              "BEGIN\n"
	                              "  UPDATE t SET x = CASE WHEN 1 THEN 2 END;\n"
	                              "  INSERT INTO log VALUES ('end;');\n"
	                              "END";
	struct sk_buf sql = SK_BUF_INIT;
	struct split s;

	(void)state;
	sk_buf_addf(&sql, "%s;\n", trigger);
	sk_buf_adds(
	        &sql,
	        "CREATE TRIGGER IF NOT EXISTS t2 BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no'); END;\n");
	sk_buf_adds(&sql, "SELECT 1;");
	split(&s, sql.buf, LITE);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 3);
	assert_stmt(&s, 0, SK_STMT_SQL, trigger);
	assert_true(sk_sql_starts_with(&s.st[1], "CREATE TRIGGER"));
	assert_stmt(&s, 2, SK_STMT_SQL, "SELECT 1");
	assert_stmt_at(&s, 2, 7, 1);
	split_release(&s);
	sk_buf_release(&sql);
	/* a transaction BEGIN outside a trigger is a statement of its own */
	split(&s, "BEGIN; SELECT 1; END;", LITE);
	assert_int_equal(s.n, 3);
	split_release(&s);
}

static void test_lexer__pg_begin_atomic_with_case(void **state)
{
	static const char function[] = "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql\n"
	                               "BEGIN ATOMIC\n"
	                               "  SELECT CASE WHEN x > 0 THEN 1 END;\n"
	                               "  SELECT (CASE WHEN x > 1 THEN 2 END);\n"
	                               "END";
	static const char procedure[] =
	        "CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END";
	struct sk_buf sql = SK_BUF_INIT;
	struct split s;

	(void)state;
	sk_buf_addf(&sql, "%s;\n%s;\nSELECT 3;", function, procedure);
	split(&s, sql.buf, PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 3);
	assert_stmt(&s, 0, SK_STMT_SQL, function);
	assert_stmt(&s, 1, SK_STMT_SQL, procedure);
	assert_stmt(&s, 2, SK_STMT_SQL, "SELECT 3");
	assert_stmt_at(&s, 2, 7, 1);
	split_release(&s);
	sk_buf_release(&sql);
}

static void test_lexer__pg_transaction_begin_is_not_a_body(void **state)
{
	struct split s;

	(void)state;
	split(&s,
	      "BEGIN;\nSELECT CASE WHEN true THEN 1 END;\nEND;\nCREATE TABLE atomic (begin int);\nSELECT 1;",
	      PG);
	assert_int_equal(s.n, 5);
	assert_stmt(&s, 4, SK_STMT_SQL, "SELECT 1");
	split_release(&s);
	/* like psql, BEGIN ATOMIC counts only outside parentheses */
	split(&s, "CREATE FUNCTION f(begin atomic) RETURNS int LANGUAGE sql RETURN 1;\nSELECT 2;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 1, SK_STMT_SQL, "SELECT 2");
	split_release(&s);
}

static void test_lexer__pg_semicolon_inside_parentheses(void **state)
{
	struct split s;

	(void)state;
	/* psql does not end a statement inside parentheses; SQLite's shell does */
	split(&s, "SELECT (1; SELECT 2);\nSELECT 3;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT (1; SELECT 2)");
	split_release(&s);
	split(&s, "SELECT (1; SELECT 2);\nSELECT 3;", LITE);
	assert_int_equal(s.n, 3);
	split_release(&s);
	/* a stray ')' does not make the depth negative */
	split(&s, "SELECT 1); SELECT 2;", PG);
	assert_int_equal(s.n, 2);
	split_release(&s);
}

/* ---- positions ---- */

static void test_lexer__statement_lines_and_columns(void **state)
{
	struct split s;

	(void)state;
	split(&s, "\n\n  SELECT\n1;\n/* c\n */ SELECT 2; -- x\n\tSELECT 'a\nb'; SELECT 3", PG);
	assert_int_equal(s.n, 4);
	assert_stmt_at(&s, 0, 3, 3);
	assert_stmt_at(&s, 1, 6, 5);
	assert_stmt_at(&s, 2, 7, 2);
	assert_stmt_at(&s, 3, 8, 5);
	split_release(&s);
}

static void test_lexer__crlf_line_numbers(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1;\r\n\r\n  SELECT 2;\r\nSELECT 'a\r\nb';\r\n-- c\r\nSELECT 3;", PG);
	assert_int_equal(s.n, 4);
	assert_stmt_at(&s, 0, 1, 1);
	assert_stmt_at(&s, 1, 3, 3);
	assert_stmt_at(&s, 2, 4, 1);
	assert_stmt_at(&s, 3, 7, 1);
	assert_reconstructs(&s);
	split_release(&s);
	/* a lone '\r' is white space, not a newline */
	split(&s, "SELECT 1;\r\rSELECT 2;", PG);
	assert_int_equal(s.n, 2);
	assert_stmt_at(&s, 1, 1, 12);
	split_release(&s);
}

static void test_lexer__utf8_bom(void **state)
{
	struct split s;
	struct toks tk;

	(void)state;
	split(&s, "\xef\xbb\xbfSELECT 1;\nSELECT 2;", PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 2);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT 1");
	assert_stmt_at(&s, 0, 1, 1);
	assert_ptr_equal(s.st[0].span_start, s.copy);
	assert_reconstructs(&s);
	split_release(&s);
	tokenize(&tk, "\xef\xbb\xbf\\restrict k\n", PG);
	assert_int_equal(tk.t[0].kind, SK_TOK_SPACE);
	assert_int_equal(tk.t[0].len, 3);
	assert_int_equal(tk.t[1].kind, SK_TOK_META);
	assert_int_equal(tk.t[1].col, 1);
	/* a BOM later in the text is not white space */
	tokenize(&tk, "a\xef\xbb\xbf", PG);
	assert_int_equal(count_kind(&tk, SK_TOK_SPACE), 0);
}

/* ---- spans ---- */

static const char *const pg_pieces[] = {
        "SELECT 1;\n",
        "-- comment ; 'x\n",
        "/* a /* nested ; */ \" */\n",
        "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $x$ ; $x$ $body$ LANGUAGE sql;\n",
        "SELECT 'it''s;', E'\\';', \"q\"\";\" FROM t;\r\n",
        "\\restrict abcDEF123\n",
        "COPY t (a) FROM stdin;\n1;x\n'\n\\.\n",
        ";;\n",
        "CREATE FUNCTION g(x int) RETURNS int BEGIN ATOMIC SELECT CASE WHEN x>0 THEN 1 END; END;\n",
        "SELECT $1, a$b FROM u;",
        "  \t\n",
        "\\connect db\r\n",
        "INSERT INTO t VALUES (B'1', X'2', U&'3');\n",
};

static const char *const lite_pieces[] = {
        "SELECT 1;\n",
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN 1 THEN 2 END; SELECT 3; END;\n",
        "SELECT [a;b], `c``;` FROM \"t;\";\r\n",
        "-- comment\n/* c */;\n",
        "SELECT ?1, :a, @b, $c;",
        "\n",
};

static void build_mixed(struct sk_buf *sb, const char *const *pieces, size_t npieces, size_t count)
{
	unsigned seed = 12345;

	for (size_t i = 0; i < count; i++) {
		seed = seed * 1103515245u + 12345u;
		sk_buf_adds(sb, pieces[(seed >> 16) % npieces]);
	}
}

static void assert_large_reconstructs(const char *const *pieces, size_t npieces, enum sk_sql_dialect_hint d)
{
	struct sk_buf sb = SK_BUF_INIT;
	struct sk_sql_lexer lx;
	struct sk_sql_stmt st;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf out = SK_BUF_INIT;
	const char *next;
	size_t n = 0;
	int rc;

	build_mixed(&sb, pieces, npieces, 2000);
	sk_buf_adds(&sb, "SELECT 'last' -- no semicolon\n");
	sk_sql_lexer_init(&lx, sb.buf, sb.len, d);
	next = sb.buf;
	while ((rc = sk_sql_lexer_statement(&lx, &st, &err)) > 0) {
		assert_ptr_equal(st.span_start, next);
		assert_true(st.len > 0);
		sk_buf_add(&out, st.span_start, st.span_len);
		next = st.span_start + st.span_len;
		n++;
	}
	assert_int_equal(rc, 0);
	assert_true(n > 1000);
	assert_false(st.terminated);
	sk_buf_add(&out, next, (size_t)(sb.buf + sb.len - next));
	assert_int_equal(out.len, sb.len);
	assert_memory_equal(out.buf, sb.buf, sb.len);
	sk_buf_release(&out);
	sk_buf_release(&sb);
}

static void test_lexer__spans_reconstruct_large_mixed_input(void **state)
{
	(void)state;
	assert_large_reconstructs(pg_pieces, sizeof(pg_pieces) / sizeof(pg_pieces[0]), PG);
	assert_large_reconstructs(lite_pieces, sizeof(lite_pieces) / sizeof(lite_pieces[0]), LITE);
}

/* ---- errors ---- */

static void test_lexer__unterminated_string(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1;\nSELECT 'abc''\n;", PG);
	assert_int_equal(s.n, 1);
	assert_error_at(&s, 2, 8, "unterminated quoted string");
	split_release(&s);
	split(&s, "SELECT\n  E'abc\\'", PG);
	assert_error_at(&s, 2, 3, "unterminated quoted string");
	split_release(&s);
	split(&s, "SELECT E'abc\\", PG);
	assert_error_at(&s, 1, 8, "unterminated quoted string");
	split_release(&s);
}

static void test_lexer__unterminated_quoted_identifier(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT\r\n  \"ab\"\"c", PG);
	assert_error_at(&s, 2, 3, "unterminated quoted identifier");
	split_release(&s);
	split(&s, "SELECT 1;\n SELECT [abc", LITE);
	assert_int_equal(s.n, 1);
	assert_error_at(&s, 2, 9, "unterminated quoted identifier");
	split_release(&s);
	split(&s, "SELECT `a``", LITE);
	assert_error_at(&s, 1, 8, "unterminated quoted identifier");
	split_release(&s);
}

static void test_lexer__unterminated_dollar_quote(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1;\nCREATE FUNCTION f() AS $body$\nSELECT 1; $body\n", PG);
	assert_int_equal(s.n, 1);
	assert_error_at(&s, 2, 24, "unterminated dollar-quoted string starting with $body$");
	assert_string_equal(s.err.message, "unterminated dollar-quoted string starting with $body$");
	split_release(&s);
	split(&s, "DO $$ x $", PG);
	assert_error_at(&s, 1, 4, "starting with $$");
	split_release(&s);
}

static void test_lexer__unterminated_block_comment(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1; /* a /* b */\nSELECT 2;", PG);
	assert_int_equal(s.n, 1);
	assert_error_at(&s, 1, 11, "unterminated block comment");
	split_release(&s);
	split(&s, "SELECT 1\n  /*", LITE);
	assert_error_at(&s, 2, 3, "unterminated block comment");
	split_release(&s);
}

static void test_lexer__unterminated_copy_data(void **state)
{
	struct split s;

	(void)state;
	split(&s, "SELECT 1;\nCOPY t FROM stdin;\n1\n\\.x\n", PG);
	assert_int_equal(s.n, 2);
	assert_error_at(&s, 3, 1, "unterminated copy data");
	split_release(&s);
	/* the data would start after the end of the line, which never comes */
	split(&s, "COPY t FROM stdin;", PG);
	assert_error_at(&s, 1, 19, "unterminated copy data");
	split_release(&s);
}

static void test_lexer__never_reads_past_len(void **state)
{
	struct split s;

	(void)state;
	/* the length cuts constructs short: each must see its end at len */
	split_n(&s, "SELECT 'abc';", 10, PG);
	assert_error_at(&s, 1, 8, "unterminated quoted string");
	split_release(&s);
	split_n(&s, "SELECT $a$ $a$;", 13, PG);
	assert_error_at(&s, 1, 8, "unterminated dollar-quoted string starting with $a$");
	split_release(&s);
	split_n(&s, "/* */", 4, PG);
	assert_error_at(&s, 1, 1, "unterminated block comment");
	split_release(&s);
	split_n(&s, "SELECT 1; -- x", 9, PG);
	assert_int_equal(s.n, 1);
	assert_reconstructs(&s);
	split_release(&s);
	split_n(&s, "SELECT $1", 8, PG);
	assert_int_equal(s.n, 1);
	assert_stmt(&s, 0, SK_STMT_SQL, "SELECT $");
	split_release(&s);
}

/* ---- hostile input ---- */

static void test_lexer__nul_bytes_are_punctuation(void **state)
{
	static const char src[] = "SELECT '\0'; SELECT\0 2;\0";
	struct split s;
	struct toks tk;

	(void)state;
	split_n(&s, src, sizeof(src) - 1, PG);
	assert_int_equal(s.rc, 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.st[0].len, 10);
	assert_int_equal(s.st[1].len, 9);
	assert_int_equal(s.st[2].len, 1);
	assert_false(s.st[2].terminated);
	assert_reconstructs(&s);
	split_release(&s);
	memset(&tk, 0, sizeof(tk));
	{
		struct sk_sql_lexer lx;
		struct sk_sql_token t;
		struct sk_error err = SK_ERROR_INIT;

		sk_sql_lexer_init(&lx, "a\0b", 3, PG);
		assert_int_equal(sk_sql_lexer_token(&lx, &t, &err), 1);
		assert_int_equal(sk_sql_lexer_token(&lx, &t, &err), 1);
		assert_int_equal(t.kind, SK_TOK_PUNCT);
		assert_int_equal(t.len, 1);
		assert_int_equal(t.col, 2);
		assert_int_equal(sk_sql_lexer_token(&lx, &t, &err), 1);
		assert_int_equal(t.kind, SK_TOK_WORD);
		assert_int_equal(sk_sql_lexer_token(&lx, &t, &err), 0);
		assert_int_equal(t.kind, SK_TOK_EOF);
	}
}

/* Tokens of random bytes tile the input or stop at an error; statements too. */
static void fuzz_one(const char *buf, size_t len, enum sk_sql_dialect_hint d)
{
	struct sk_sql_lexer lx;
	struct sk_sql_token t;
	struct sk_sql_stmt st;
	struct sk_error err = SK_ERROR_INIT;
	size_t covered = 0, steps = 0;
	int rc;

	sk_sql_lexer_init(&lx, buf, len, d);
	while ((rc = sk_sql_lexer_token(&lx, &t, &err)) > 0) {
		assert_ptr_equal(t.start, buf + covered);
		assert_true(t.len > 0);
		covered += t.len;
		assert_true(++steps <= len);
	}
	if (rc == 0)
		assert_int_equal(covered, len);
	else
		assert_int_equal(err.code, SK_ERR_INPUT);

	steps = 0;
	sk_sql_lexer_init(&lx, buf, len, d);
	while ((rc = sk_sql_lexer_statement(&lx, &st, &err)) > 0) {
		assert_true(st.span_start + st.span_len <= buf + len);
		assert_true(++steps <= len);
	}
	assert_true(rc == 0 || rc == -SK_ERR_INPUT);
}

static void test_lexer__random_bytes_do_not_crash(void **state)
{
	static const char alphabet[] = "'\"$;-/*\\\n\r\t ()[]`Ee&Uu?:@#.0aZ_\xef\xbb\xbf\x80\xff\0";
	uint32_t seed = 42;

	(void)state;
	for (int round = 0; round < 3000; round++) {
		size_t len;
		char *buf;

		seed = seed * 1664525u + 1013904223u;
		len = (seed >> 8) % 200;
		buf = malloc(len ? len : 1);
		assert_non_null(buf);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1664525u + 1013904223u;
			/* half the rounds from SQL-ish bytes, half from any byte */
			if (round % 2)
				buf[i] = (char)(seed >> 24);
			else
				buf[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		fuzz_one(buf, len, PG);
		fuzz_one(buf, len, LITE);
		free(buf);
	}
}

/* ---- sk_sql_starts_with ---- */

static void test_lexer__starts_with(void **state)
{
	struct split s;

	(void)state;
	split(&s, "/* c */ create -- x\n  TABLE t (a int);", PG);
	assert_int_equal(s.n, 1);
	assert_true(sk_sql_starts_with(&s.st[0], "CREATE TABLE"));
	assert_true(sk_sql_starts_with(&s.st[0], "create table t"));
	assert_true(sk_sql_starts_with(&s.st[0], ""));
	assert_false(sk_sql_starts_with(&s.st[0], "CREATE TAB"));
	assert_false(sk_sql_starts_with(&s.st[0], "CREATE INDEX"));
	assert_false(sk_sql_starts_with(&s.st[0], "CREATE TABLE t (a int) x"));
	split_release(&s);
	split(&s, "CREATE TABLESPACE x;", PG);
	assert_false(sk_sql_starts_with(&s.st[0], "CREATE TABLE"));
	split_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_lexer__splits_on_semicolons),
	        cmocka_unit_test(test_lexer__final_statement_without_semicolon),
	        cmocka_unit_test(test_lexer__empty_statements_are_skipped),
	        cmocka_unit_test(test_lexer__only_comments_and_space_is_no_statement),
	        cmocka_unit_test(test_lexer__semicolon_before_terminator_keeps_text),
	        cmocka_unit_test(test_lexer__line_comment_hides_semicolon_and_quote),
	        cmocka_unit_test(test_lexer__nested_block_comments),
	        cmocka_unit_test(test_lexer__sqlite_block_comments_do_not_nest),
	        cmocka_unit_test(test_lexer__string_quote_doubling),
	        cmocka_unit_test(test_lexer__backslash_is_ordinary_in_standard_strings),
	        cmocka_unit_test(test_lexer__e_string_backslash_escapes),
	        cmocka_unit_test(test_lexer__e_prefix_is_not_special_in_sqlite),
	        cmocka_unit_test(test_lexer__prefixed_strings),
	        cmocka_unit_test(test_lexer__quoted_identifier_doubling),
	        cmocka_unit_test(test_lexer__sqlite_bracket_and_backtick_identifiers),
	        cmocka_unit_test(test_lexer__dollar_quote_with_semicolons_and_inner_tag),
	        cmocka_unit_test(test_lexer__empty_tag_dollar_quote),
	        cmocka_unit_test(test_lexer__positional_params_are_not_dollar_quotes),
	        cmocka_unit_test(test_lexer__dollar_inside_identifier_is_not_a_quote),
	        cmocka_unit_test(test_lexer__sqlite_dollar_is_a_parameter),
	        cmocka_unit_test(test_lexer__token_kinds),
	        cmocka_unit_test(test_lexer__operator_run_stops_at_comment),
	        cmocka_unit_test(test_lexer__token_positions),
	        cmocka_unit_test(test_lexer__meta_command_lines),
	        cmocka_unit_test(test_lexer__meta_after_statement_on_same_line),
	        cmocka_unit_test(test_lexer__backslash_inside_string_or_body_is_not_meta),
	        cmocka_unit_test(test_lexer__sqlite_has_no_meta_commands_or_copy),
	        cmocka_unit_test(test_lexer__copy_from_stdin_data),
	        cmocka_unit_test(test_lexer__copy_from_stdin_case_options_crlf),
	        cmocka_unit_test(test_lexer__copy_data_tokens),
	        cmocka_unit_test(test_lexer__copy_without_stdin_has_no_data),
	        cmocka_unit_test(test_lexer__meta_copy_from_stdin_data),
	        cmocka_unit_test(test_lexer__text_after_copy_on_same_line_is_an_error),
	        cmocka_unit_test(test_lexer__sqlite_trigger_body),
	        cmocka_unit_test(test_lexer__pg_begin_atomic_with_case),
	        cmocka_unit_test(test_lexer__pg_transaction_begin_is_not_a_body),
	        cmocka_unit_test(test_lexer__pg_semicolon_inside_parentheses),
	        cmocka_unit_test(test_lexer__statement_lines_and_columns),
	        cmocka_unit_test(test_lexer__crlf_line_numbers),
	        cmocka_unit_test(test_lexer__utf8_bom),
	        cmocka_unit_test(test_lexer__spans_reconstruct_large_mixed_input),
	        cmocka_unit_test(test_lexer__unterminated_string),
	        cmocka_unit_test(test_lexer__unterminated_quoted_identifier),
	        cmocka_unit_test(test_lexer__unterminated_dollar_quote),
	        cmocka_unit_test(test_lexer__unterminated_block_comment),
	        cmocka_unit_test(test_lexer__unterminated_copy_data),
	        cmocka_unit_test(test_lexer__never_reads_past_len),
	        cmocka_unit_test(test_lexer__nul_bytes_are_punctuation),
	        cmocka_unit_test(test_lexer__random_bytes_do_not_crash),
	        cmocka_unit_test(test_lexer__starts_with),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
