#ifndef SK_SQL_LEXER_H
#define SK_SQL_LEXER_H
/*
 * SQL lexer for PostgreSQL and SQLite scripts. It allocates nothing: tokens
 * and statements are <pointer, length> views into the caller's text, which
 * must outlive them.
 *
 * Understood: '...' strings with '' doubling, E'...' strings with backslash
 * escapes, "..." identifiers with "" doubling, $tag$...$tag$ bodies, --
 * comments, nested block comments, psql meta-command lines (a backslash
 * command at the start of a statement, e.g. \restrict, \connect, \set,
 * running to the end of its line), and the data block that follows
 * COPY ... FROM stdin, up to and including its "\." line.
 *
 * Two levels:
 *  - sk_sql_lexer_token(): one token at a time (used by filters that must not
 *    look inside strings, bodies or comments, such as prepare-init);
 *  - sk_sql_lexer_statement(): one statement at a time with its start line,
 *    split on top-level semicolons (used by runners).
 *
 * Lines and columns are 1-based; columns count bytes. Only '\n' starts a
 * line ("\r\n" counts once, a lone '\r' is white space). A UTF-8 byte order
 * mark at the very start is part of the first SPACE token and takes no
 * column. NUL and other stray bytes are one-byte PUNCT tokens; the text need
 * not be NUL-terminated and nothing past src + len is read.
 *
 * Statements end at a ';' outside strings, comments and, for PostgreSQL,
 * parentheses (as in psql). A ';' does not end a statement inside the body of
 * CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END (PostgreSQL)
 * or CREATE [TEMP|TEMPORARY] TRIGGER ... BEGIN ... END (SQLite); CASE ... END
 * is counted inside those bodies. The data of COPY ... FROM stdin (or of a
 * "\copy ... from stdin" meta-command) starts on the line after the ';'; only
 * white space and comments may follow the ';' on its line.
 *
 * SQLite dialect: [..] and `..` are quoted identifiers too; ?, ?NNN, :name,
 * @name, #name and $name are parameters; block comments do not nest; there
 * are no E'' strings, dollar quotes, meta-commands or COPY.
 * PostgreSQL: standard_conforming_strings is assumed on ('\' is ordinary in
 * '...'); a backslash is a meta-command only at the start of a statement.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"

enum sk_sql_token_kind {
	SK_TOK_EOF = 0,
	SK_TOK_SPACE,        /* spaces, tabs, newlines */
	SK_TOK_LINE_COMMENT, /* -- ... up to, not including, the newline */
	SK_TOK_BLOCK_COMMENT, /* slash-star ... star-slash, nesting */
	SK_TOK_WORD,         /* keyword or unquoted identifier (letters, digits, _, $) */
	SK_TOK_QUOTED_IDENT, /* "..." */
	SK_TOK_STRING,       /* '...', E'...', also B'...', X'...', N'...', U&'...' */
	SK_TOK_DOLLAR_STRING, /* $tag$...$tag$ */
	SK_TOK_NUMBER,
	SK_TOK_PARAM,        /* $1, ?1, :name, @name */
	SK_TOK_PUNCT,        /* ( ) , . [ ] and operators; one token per operator run */
	SK_TOK_SEMICOLON,
	SK_TOK_META,         /* psql backslash command line, without its newline ("\n" or "\r\n") */
	SK_TOK_COPY_DATA     /* COPY FROM stdin data, including the final "\." line but
	                      * not the newline after it: always ends in "\.", so the
	                      * data proper is the first len - 2 bytes */
};

struct sk_sql_token {
	enum sk_sql_token_kind kind;
	const char *start;
	size_t len;
	unsigned line; /* of the first byte */
	unsigned col;
};

enum sk_sql_stmt_kind {
	SK_STMT_SQL = 1, /* an SQL statement */
	SK_STMT_META,    /* a psql meta-command line */
	SK_STMT_COPY_DATA /* the data block of the preceding COPY ... FROM stdin */
};

struct sk_sql_stmt {
	enum sk_sql_stmt_kind kind;
	/* The statement text from its first significant token (leading white
	 * space and comments are skipped) up to, not including, the terminating
	 * semicolon; for META the line without its newline; for COPY_DATA the
	 * data lines including the "\." line. */
	const char *start;
	size_t len;
	unsigned line;      /* line of `start` */
	unsigned col;
	bool terminated;    /* SQL: ended by ';' (false for the last statement of a script without one);
	                     * always true for META and COPY_DATA */
	/* The full span in the source including leading comments/space and the
	 * ';' (for byte-exact filters): [span_start, span_start + span_len).
	 * Spans are contiguous: each starts where the previous one ended, and
	 * the lone ';' of skipped empty statements belongs to the next span. An
	 * unterminated last statement's text and span end at its last token.
	 * What follows the last span (white space, comments, ';') is "trailing
	 * text": the spans plus it reproduce the input byte for byte. */
	const char *span_start;
	size_t span_len;
};

enum sk_sql_dialect_hint {
	SK_SQL_POSTGRES = 0,
	SK_SQL_SQLITE
};

struct sk_sql_lexer {
	const char *src;
	size_t len;
	size_t pos;
	unsigned line;
	unsigned col;
	enum sk_sql_dialect_hint dialect;
	/* statement-level state */
	bool at_statement_start; /* no significant token yet in the current statement */
	bool copy_from_stdin_pending; /* the statement being scanned is COPY ... FROM stdin */
	bool in_copy_data;       /* next thing is a COPY data block */
	/* helpers for the COPY detector */
	int copy_state;
	/* internal bookkeeping of sk_sql_lexer_token(); set by
	 * sk_sql_lexer_init(), not for callers */
	int head_state;          /* how the current statement begins (CREATE TRIGGER, ...) */
	int paren_depth;         /* PostgreSQL: ';' inside parentheses does not end a statement (as in psql) */
	int block_depth;         /* BEGIN ATOMIC / trigger BEGIN ... END nesting, CASE ... END included */
	bool begin_pending;      /* saw BEGIN, ATOMIC may follow */
	bool copy_line_pending;  /* after COPY ... FROM stdin;: data starts after this line's newline */
	bool ended_statement;    /* the token just returned ended a statement (';', META, COPY_DATA) */
};

void sk_sql_lexer_init(struct sk_sql_lexer *lx, const char *src, size_t len, enum sk_sql_dialect_hint dialect);

/* Returns 1 with *out filled, 0 at end of input, or a negative error code
 * (SK_ERR_INPUT: unterminated string, quoted identifier, dollar quote, block
 * comment or COPY data) with err's line and col set to where the unterminated
 * construct began (err->file is left for the caller). */
int sk_sql_lexer_token(struct sk_sql_lexer *lx, struct sk_sql_token *out, struct sk_error *err);

/* Returns 1 with *out filled, 0 at end of input (only white space and
 * comments remained), or a negative error code as above. Empty statements
 * (a lone ';') are skipped. */
int sk_sql_lexer_statement(struct sk_sql_lexer *lx, struct sk_sql_stmt *out, struct sk_error *err);

/* Helpers over one statement's text. */
/* True when the statement's first words are `words` (space separated,
 * case-insensitive), skipping comments; e.g. sk_sql_starts_with(s, "ALTER TABLE"). */
bool sk_sql_starts_with(const struct sk_sql_stmt *stmt, const char *words);

#endif
