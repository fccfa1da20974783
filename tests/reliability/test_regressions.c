/*
 * Unit tests for the defects the reliability suite found (fuzzing, fault
 * injection, concurrency): each test names what broke and checks the fix
 * where it lives. Defects seen only across processes are checked by the
 * CLI tests next to this file (concurrency.sh).
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
#include "prepare/prepare.h"

#include "common/banned.h"

static int prep(struct sk_buf *out, const char *in, struct sk_error *err)
{
	struct sk_prepare_opts o = SK_PREPARE_OPTS_INIT;
	size_t len = strlen(in);
	char *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, in, len);
	rc = sk_prepare_init(out, "dump.sql", copy, len, &o, err);
	free(copy);
	return rc;
}

/* fuzz_prepare, tests/fuzz/regressions/prepare/meta-line-inside-statement:
 * a meta-command line inside a statement that lacks its ';' was kept, and
 * psql runs it ("\connect" in the middle of a CREATE TABLE). */
static void test_prepare__meta_command_inside_a_statement_is_an_error(void **state)
{
	struct sk_buf out = SK_BUF_INIT;
	struct sk_error err = SK_ERROR_INIT;

	(void)state;
	sk_buf_adds(&out, "before");
	assert_int_equal(prep(&out, "SET x = 1;\nCREATE TABLE a (x int)\n\\connect other\n;\n", &err),
	                 -SK_ERR_INPUT);
	assert_string_equal(err.message, "psql meta-command inside a statement");
	assert_string_equal(err.file, "dump.sql");
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 1);
	assert_string_equal(out.buf, "before"); /* nothing half-written */

	/* the fuzzer's input: anywhere on a line, after any statement start */
	sk_error_init(&err);
	assert_int_equal(prep(&out, "9\n\\", &err), -SK_ERR_INPUT);
	sk_error_init(&err);
	assert_int_equal(prep(&out, "SELECT 1 \\gset\n", &err), -SK_ERR_INPUT);
	assert_int_equal(err.col, 10);
	sk_buf_release(&out);
}

/* fuzz_prepare, tests/fuzz/regressions/prepare/bom-before-meta-command and
 * bom-dollar-before-backslash: a
 * byte order mark in the middle of the file (psql reads it as part of a
 * word) right before a meta-command line hid the command from the check
 * above, so "\connect" was kept. */
static void test_prepare__meta_command_after_a_bom_inside_the_file_is_an_error(void **state)
{
	struct sk_buf out = SK_BUF_INIT;
	struct sk_error err = SK_ERROR_INIT;

	(void)state;
	assert_int_equal(prep(&out, "SELECT 1;\n\xef\xbb\xbf\\connect other\n", &err), -SK_ERR_INPUT);
	/* (the byte order mark is reported first, see below) */
	assert_string_equal(err.message, "byte order mark (U+FEFF) inside a statement");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 1);
	assert_int_equal(out.len, 0);
	sk_error_init(&err);
	assert_int_equal(prep(&out, "\n\xef\xbb\xbf\\", &err), -SK_ERR_INPUT);
	/* bom-dollar-before-backslash: re-lexed alone, "<BOM>$$\\" opens a
	 * dollar quote and hid the backslash; the whole input is scanned now */
	sk_error_init(&err);
	assert_int_equal(prep(&out, ";\xef\xbb\xbf$$\\", &err), -SK_ERR_INPUT);
	assert_int_equal(err.col, 2);
	/* at the very start a BOM is white space: the line is a meta-command, removed */
	assert_int_equal(prep(&out, "\xef\xbb\xbf\\connect other\nSELECT 1;\n", &err), 0);
	assert_string_equal(out.buf, "\xef\xbb\xbf\nSELECT 1;\n");
	sk_buf_release(&out);
}

/* fuzz_prepare, tests/fuzz/regressions/prepare/bom-after-removed-line: a
 * byte order mark after a removed meta-command line stood at the start of
 * the script, where it reads as white space: "\\x\\n<BOM>$$" became
 * "<BOM>$$", an unterminated dollar quote, and preparing the script again
 * failed. A byte order mark outside strings and comments anywhere but at
 * the start is an error now (the server would reject it anyway). */
static void test_prepare__bom_inside_the_file_is_an_error(void **state)
{
	struct sk_buf out = SK_BUF_INIT;
	struct sk_error err = SK_ERROR_INIT;

	(void)state;
	assert_int_equal(prep(&out, "\\x\n\xef\xbb\xbf$$", &err), -SK_ERR_INPUT);
	assert_string_equal(err.message, "byte order mark (U+FEFF) inside a statement");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 1);
	sk_error_init(&err);
	assert_int_equal(prep(&out, "SELECT 1;\n\xef\xbb\xbfSELECT 2;\n", &err), -SK_ERR_INPUT);
	/* at the start, in strings and in comments it is fine */
	assert_int_equal(prep(&out, "\xef\xbb\xbfSELECT '\xef\xbb\xbf'; -- \xef\xbb\xbf\n", &err), 0);
	assert_string_equal(out.buf, "\xef\xbb\xbfSELECT '\xef\xbb\xbf'; -- \xef\xbb\xbf\n");
	sk_buf_release(&out);
}

/* What stays allowed: backslashes in strings, identifiers, comments, COPY
 * data and dollar quotes, and meta-command lines between statements (they
 * are removed). */
static void test_prepare__backslashes_where_psql_ignores_them(void **state)
{
	static const char in[] = "\\restrict k\n"
	                         "CREATE TABLE \"a\\b\" (x text DEFAULT E'\\\\set' /* \\x */);\n"
	                         "-- \\connect\n"
	                         "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; -- \\q\n"
	                         "COPY \"a\\b\" (x) FROM stdin;\n"
	                         "\\N\n"
	                         "\\.\n"
	                         "\\unrestrict k\n";
	static const char want[] = "CREATE TABLE \"a\\b\" (x text DEFAULT E'\\\\set' /* \\x */);\n"
	                           "-- \\connect\n"
	                           "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; -- \\q\n"
	                           "COPY \"a\\b\" (x) FROM stdin;\n"
	                           "\\N\n"
	                           "\\.\n";
	struct sk_buf out = SK_BUF_INIT;
	struct sk_error err = SK_ERROR_INIT;

	(void)state;
	assert_int_equal(prep(&out, in, &err), 0);
	assert_string_equal(out.buf, want);
	sk_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_prepare__meta_command_inside_a_statement_is_an_error),
	        cmocka_unit_test(test_prepare__meta_command_after_a_bom_inside_the_file_is_an_error),
	        cmocka_unit_test(test_prepare__bom_inside_the_file_is_an_error),
	        cmocka_unit_test(test_prepare__backslashes_where_psql_ignores_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
