#ifndef SK_JSON_H
#define SK_JSON_H
/*
 * A strict JSON (RFC 8259) pull reader over a text in memory: the caller
 * asks for the next value, member or element and gets it without any
 * document being built, so a reader can put what it wants straight into its
 * own structures (the snapshot reader fills a model's arena). It checks the
 * syntax, nothing else.
 *
 * Every call returns 0 (or 1/0 for the iterators) or -1 on a syntax error,
 * after which j->err_at is the offending byte (the end of the text for a
 * premature end) and j->err_what says what was wrong ("unexpected end of
 * data", "expected ',' or '}'", ...). The reader is then spent.
 *
 * A NUL byte is an error wherever it is ("NUL byte"). Not its job: the
 * meaning of values, UTF-8 validity of strings (bytes pass through as they
 * are).
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"

/* Containers open at once; the next one is an error ("nesting too deep"). */
#define SK_JSON_MAX_DEPTH 32

enum sk_json_type {
	SK_JSON_NULL,
	SK_JSON_BOOL,
	SK_JSON_INT,      /* a number without fraction or exponent */
	SK_JSON_FRACTION, /* any other number */
	SK_JSON_STRING,
	SK_JSON_ARRAY,
	SK_JSON_OBJECT
};

struct sk_json {
	const char *text, *p, *end;
	int depth;
	const char *err_at;   /* NULL until a syntax error */
	const char *err_what; /* a static description of it */
	struct sk_buf str;    /* the value of a string with escapes */
};

void sk_json_init(struct sk_json *j, const char *text, size_t len);
void sk_json_release(struct sk_json *j);

/* The type of the next value, which is not consumed. */
int sk_json_peek(struct sk_json *j, enum sk_json_type *out);

/*
 * Consume the next value, which must be of that type (peek first). A
 * string's bytes stay valid until the next call; *has_nul tells whether it
 * holds a \u0000 (its length counts it). An integer outside int64 is a
 * syntax error ("integer out of range"), at its first byte.
 */
int sk_json_string(struct sk_json *j, const char **s, size_t *len, bool *has_nul);
int sk_json_int(struct sk_json *j, long long *out);
int sk_json_bool(struct sk_json *j, bool *out);
/* null, a fractional number, or any value with all it contains */
int sk_json_skip(struct sk_json *j);

/*
 * Containers: enter the next value, an object or an array (peek tells
 * which; anything else is an error), with *first = true, then call member
 * or element until it returns 0 (the closing bracket, consumed). member returns 1 with the key (valid until the
 * next call) and the reader before its value; element returns 1 with the
 * reader before the next element.
 */
int sk_json_enter(struct sk_json *j);
int sk_json_member(struct sk_json *j, bool *first, const char **key, size_t *klen);
int sk_json_element(struct sk_json *j, bool *first);

/* Nothing but white space may follow the value read. */
int sk_json_end(struct sk_json *j);

/* Checks that text is one JSON value and nothing else. */
int sk_json_validate(struct sk_json *j);

#endif
