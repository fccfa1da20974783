/* libFuzzer target: schemake-prepare-init's filter. The first byte picks the
 * options, the rest is the dump. Checks the promises of prepare.h: preparing
 * a prepared script changes nothing; the output holds no psql meta-command
 * (an unquoted backslash) outside strings, quoted identifiers, comments and
 * COPY data; a failure leaves the output buffer as it was and says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prepare/prepare.h"
#include "sql/lexer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int versions[] = {0, 90300, 90600, 120000, 130000, 140000, 170000, 0};

/* Aborts when the text holds a backslash outside strings, identifiers,
 * comments and COPY data: psql reads one as a meta-command wherever it
 * stands (a meta-command line, or one in the middle of a statement). */
static void no_meta_lines(const char *text, size_t len)
{
	struct sk_sql_lexer lx;
	struct sk_sql_token tok;
	struct sk_error err = SK_ERROR_INIT;
	int rc;

	sk_sql_lexer_init(&lx, text, len, SK_SQL_POSTGRES);
	while ((rc = sk_sql_lexer_token(&lx, &tok, &err)) > 0 && tok.kind != SK_TOK_EOF) {
		if (tok.kind == SK_TOK_META)
			abort(); /* a meta-command line survived */
		if (tok.kind == SK_TOK_PUNCT && memchr(tok.start, '\\', tok.len))
			abort(); /* psql would read a command here */
	}
	if (rc < 0)
		abort(); /* the output must lex: the input did */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sk_prepare_opts o = SK_PREPARE_OPTS_INIT;
	struct sk_buf out = SK_BUF_INIT, again = SK_BUF_INIT;
	struct sk_error err = SK_ERROR_INIT;
	char *text;
	size_t len;

	if (size == 0)
		return 0;
	o.strip_grants = data[0] & 1;
	o.strip_extension_comments = data[0] & 2;
	o.strip_set = data[0] & 4;
	o.target_version = versions[(data[0] >> 3) & 7];
	len = size - 1;
	/* An exact-size copy, so reading one byte past the end is caught. */
	text = malloc(len ? len : 1);
	memcpy(text, data + 1, len);

	sk_buf_adds(&out, "KEEP");
	if (sk_prepare_init(&out, "fuzz.sql", text, len, &o, &err) != 0) {
		if (strcmp(out.buf, "KEEP") != 0)
			abort(); /* on error out is left as it was */
		if (!err.message[0])
			abort(); /* every failure says why */
	} else {
		const char *script = out.buf + 4;
		size_t slen = out.len - 4;

		if (slen > len + (len / 2) + 64)
			abort(); /* only IF NOT EXISTS is ever added */
		no_meta_lines(script, slen);
		if (sk_prepare_init(&again, "fuzz.sql", script, slen, &o, &err) != 0)
			abort(); /* a prepared script is valid input */
		if (again.len != slen || memcmp(again.buf, script, slen) != 0)
			abort(); /* idempotent */
	}
	sk_buf_release(&out);
	sk_buf_release(&again);
	free(text);
	return 0;
}
