/* libFuzzer target: the SQL lexer, both levels, both dialects. Checks the
 * promise that spans plus the trailing text rebuild the input exactly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sql/lexer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void statements(const char *src, size_t len, enum sk_sql_dialect_hint d)
{
	struct sk_sql_lexer lx;
	struct sk_sql_stmt st;
	struct sk_error err = SK_ERROR_INIT;
	size_t covered = 0;
	int rc;

	sk_sql_lexer_init(&lx, src, len, d);
	while ((rc = sk_sql_lexer_statement(&lx, &st, &err)) > 0) {
		if (st.span_start != src + covered)
			abort(); /* spans must be contiguous */
		covered += st.span_len;
		if (st.start < st.span_start || st.start + st.len > st.span_start + st.span_len)
			abort();
		(void)sk_sql_starts_with(&st, "CREATE TABLE");
	}
	if (covered > len)
		abort();
}

static void tokens(const char *src, size_t len, enum sk_sql_dialect_hint d)
{
	struct sk_sql_lexer lx;
	struct sk_sql_token tok;
	struct sk_error err = SK_ERROR_INIT;
	size_t covered = 0;

	sk_sql_lexer_init(&lx, src, len, d);
	while (sk_sql_lexer_token(&lx, &tok, &err) > 0 && tok.kind != SK_TOK_EOF) {
		if (tok.start != src + covered || tok.len == 0)
			abort(); /* tokens cover the input, each moves forward */
		covered += tok.len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so reading one byte past the end is caught. */
	char *src = malloc(size ? size : 1);
	memcpy(src, data, size);
	statements(src, size, SK_SQL_POSTGRES);
	statements(src, size, SK_SQL_SQLITE);
	tokens(src, size, SK_SQL_POSTGRES);
	tokens(src, size, SK_SQL_SQLITE);
	free(src);
	return 0;
}
