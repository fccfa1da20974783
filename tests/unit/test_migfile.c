/* Unit tests of migration files, the migrations directory with its sum file,
 * and targets. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/fs.h"
#include "migrate/migdir.h"
#include "migrate/migfile.h"
#include "migrate/target.h"

static int parse(struct sk_migration *m, const char *text, struct sk_error *err)
{
	return sk_migration_parse(m, "m.sql", text, strlen(text), SK_SQL_POSTGRES, err);
}

static void expect_error(const char *text, size_t len, const char *needle, unsigned line)
{
	struct sk_migration m;
	struct sk_error err = SK_ERROR_INIT;
	int rc = sk_migration_parse(&m, "bad.sql", text, len, SK_SQL_POSTGRES, &err);

	assert_int_equal(rc, -SK_ERR_INPUT);
	if (!strstr(err.message, needle))
		fail_msg("message '%s' lacks '%s'", err.message, needle);
	assert_string_equal(err.file, "bad.sql");
	assert_int_equal(err.line, line);
}

static void test_migfile__sections_and_statements(void **state)
{
	struct sk_migration m;
	struct sk_error err = SK_ERROR_INIT;
	(void)state;
	assert_int_equal(parse(&m,
	                       "-- a comment first\n"
	                       "-- migrate:up\n"
	                       "CREATE TABLE a (x int);\n"
	                       "\n"
	                       "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
	                       "-- migrate:down\n"
	                       "DROP FUNCTION f();\n"
	                       "DROP TABLE a;\n",
	                       &err),
	                 0);
	assert_true(m.up.present);
	assert_true(m.up.transaction);
	assert_int_equal(m.up.marker_line, 2);
	assert_int_equal(m.up.nr, 2);
	assert_int_equal(m.up.stmts[0].line, 3);
	assert_int_equal(m.up.stmts[1].line, 5);
	assert_memory_equal(m.up.stmts[1].start, "CREATE FUNCTION", 15);
	assert_true(m.down.present);
	assert_int_equal(m.down.nr, 2);
	assert_int_equal(m.down.stmts[1].line, 8);
	sk_migration_release(&m);
}

static void test_migfile__transaction_false_option(void **state)
{
	struct sk_migration m;
	struct sk_error err = SK_ERROR_INIT;
	(void)state;
	assert_int_equal(parse(&m,
	                       "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n"
	                       "-- migrate:down\nDROP INDEX i;\n",
	                       &err),
	                 0);
	assert_false(m.up.transaction);
	assert_true(m.down.transaction);
	sk_migration_release(&m);
}

static void test_migfile__marker_inside_body_is_not_a_marker(void **state)
{
	struct sk_migration m;
	struct sk_error err = SK_ERROR_INIT;
	(void)state;
	assert_int_equal(parse(&m,
	                       "-- migrate:up\n"
	                       "CREATE FUNCTION f() RETURNS text AS $body$\n"
	                       "-- migrate:down\n"
	                       "SELECT 'x';\n"
	                       "$body$ LANGUAGE sql;\n"
	                       "INSERT INTO t VALUES ('\n-- migrate:down\n');\n",
	                       &err),
	                 0);
	assert_false(m.down.present);
	assert_int_equal(m.up.nr, 2);
	sk_migration_release(&m);
}

static void test_migfile__down_section_optional_and_up_may_be_empty(void **state)
{
	struct sk_migration m;
	struct sk_error err = SK_ERROR_INIT;
	(void)state;
	assert_int_equal(parse(&m, "-- migrate:up\n\n-- migrate:down\n", &err), 0);
	assert_int_equal(m.up.nr, 0);
	assert_true(m.down.present);
	sk_migration_release(&m);
	assert_int_equal(parse(&m, "--migrate:up\nSELECT 1", &err), 0);
	assert_false(m.down.present);
	assert_int_equal(m.up.nr, 1);
	assert_false(m.up.stmts[0].terminated);
	sk_migration_release(&m);
}

static void test_migfile__malformed_files(void **state)
{
	static const char nul_text[] = "-- migrate:up\nSELECT 1;\n\0garbage\n";
	static const char latin1[] = "-- migrate:up\nSELECT 'caf\xe9';\n";
	(void)state;
	expect_error("CREATE TABLE a (x int);\n", 24, "no '-- migrate:up' marker", 1);
	expect_error("-- just a comment\n", 18, "no '-- migrate:up' marker", 1);
	expect_error("-- migrate:down\nDROP TABLE a;\n", 30, "no '-- migrate:up' marker", 1);
	expect_error("-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;\n", 48, "second '-- migrate:up'", 3);
	expect_error("-- migrate:up\n-- migrate:down\n\n-- migrate:down\n", 47, "second '-- migrate:down'",
	             4);
	expect_error("-- migrate:sideways\n", 20, "unknown marker", 1);
	expect_error("-- migrate:up transaction:maybe\n", 32, "unknown option 'transaction:maybe'", 1);
	expect_error("SELECT 1;\n-- migrate:up\n", 24, "SQL before", 1);
	expect_error("", 0, "empty", 1);
	expect_error(" \n\t\n", 4, "empty", 1);
	expect_error(nul_text, sizeof(nul_text) - 1, "NUL byte", 3);
	expect_error(latin1, sizeof(latin1) - 1, "UTF-8", 2);
	expect_error("-- migrate:up\nSELECT 1;\nCREATE FUNCTION f() AS $x$ SELECT 1;\n", 60, "dollar", 3);
	expect_error("-- migrate:up\n\nINSERT INTO t VALUES ('abc);\n", 44, "unterminated", 3);
	expect_error("-- migrate:up\n\\connect other\n", 29, "meta-command", 2);
}

static void test_migfile__checksum_ignores_bom_and_crlf(void **state)
{
	struct sk_migration a, b;
	struct sk_error err = SK_ERROR_INIT;
	char c1[SK_SHA256_HEX_LEN + 1], c2[SK_SHA256_HEX_LEN + 1];
	const char *lf = "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n";
	const char *crlf = "\xEF\xBB\xBF-- migrate:up\r\nSELECT 1;\r\n-- migrate:down\r\nSELECT 2;\r\n";
	(void)state;
	assert_int_equal(parse(&a, lf, &err), 0);
	assert_int_equal(parse(&b, crlf, &err), 0);
	assert_string_equal(a.checksum, b.checksum);
	assert_int_equal(b.down.stmts[0].line, 4);
	sk_migration_checksum(c1, lf, strlen(lf));
	sk_migration_checksum(c2, "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 3;\n", strlen(lf));
	assert_string_equal(c1, a.checksum);
	assert_string_not_equal(c1, c2);
	sk_migration_release(&a);
	sk_migration_release(&b);
}

static void test_migfile__file_names(void **state)
{
	char *v = NULL, *n = NULL;
	(void)state;
	assert_true(sk_migration_parse_filename("20240101120000_create_users.sql", &v, &n));
	assert_string_equal(v, "20240101120000");
	assert_string_equal(n, "create_users");
	free(v);
	free(n);
	assert_true(sk_migration_parse_filename("1_a.sql", NULL, NULL));
	assert_false(sk_migration_parse_filename("create_users.sql", NULL, NULL));
	assert_false(sk_migration_parse_filename("20240101_.sql", NULL, NULL));
	assert_false(sk_migration_parse_filename("20240101_x.txt", NULL, NULL));
	assert_false(sk_migration_parse_filename("2024x_y.sql", NULL, NULL));
	assert_false(sk_migration_parse_filename("_y.sql", NULL, NULL));
}

static void test_migfile__version_order_is_numeric(void **state)
{
	(void)state;
	assert_true(sk_version_cmp("9", "10") < 0);
	assert_true(sk_version_cmp("20240101000000", "20240101000001") < 0);
	assert_int_equal(sk_version_cmp("007", "7"), 0);
	assert_true(sk_version_cmp("100", "99") > 0);
}

static char *make_dir(void)
{
	char tmpl[] = "/tmp/sk-migdir-XXXXXX";
	return sk_xstrdup(mkdtemp(tmpl));
}

static void put(const char *dir, const char *name, const char *text)
{
	struct sk_error err = SK_ERROR_INIT;
	char *p = sk_fs_join(dir, name);
	assert_int_equal(sk_fs_write_atomic(p, text, strlen(text), false, NULL, &err), 0);
	free(p);
}

static void rm_dir(char *dir)
{
	struct sk_fs_names names = SK_FS_NAMES_INIT;
	struct sk_error err = SK_ERROR_INIT;
	if (sk_fs_list_dir(&names, dir, &err) == 0) {
		for (size_t i = 0; i < names.nr; i++) {
			char *p = sk_fs_join(dir, names.names[i]);
			unlink(p);
			free(p);
		}
	}
	sk_fs_names_release(&names);
	rmdir(dir);
	free(dir);
}

static void test_migfile__directory_sorted_and_sum_file(void **state)
{
	struct sk_migdir md = SK_MIGDIR_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf problems = SK_BUF_INIT;
	char *dir = make_dir();
	bool exists, changed;
	(void)state;

	put(dir, "10_b.sql", "-- migrate:up\nSELECT 10;\n");
	put(dir, "9_a.sql", "-- migrate:up\nSELECT 9;\n");
	put(dir, "README.md", "not a migration");
	assert_int_equal(sk_migdir_load(&md, dir, SK_SQL_POSTGRES, &err), 0);
	assert_int_equal(md.nr, 2);
	assert_string_equal(md.migs[0].filename, "9_a.sql");
	assert_string_equal(md.migs[1].filename, "10_b.sql");
	assert_int_equal(sk_migdir_sum_check(&md, &exists, NULL, &err), 0);
	assert_false(exists);
	assert_int_equal(sk_migdir_sum_write(&md, &changed, &err), 0);
	assert_true(changed);
	assert_int_equal(sk_migdir_sum_check(&md, &exists, NULL, &err), 0);
	assert_true(exists);
	sk_migdir_release(&md);

	/* An edit makes it stale, naming the file. */
	put(dir, "9_a.sql", "-- migrate:up\nSELECT 99;\n");
	assert_int_equal(sk_migdir_load(&md, dir, SK_SQL_POSTGRES, &err), 0);
	assert_int_equal(sk_migdir_sum_check(&md, &exists, &problems, &err), -SK_ERR_INPUT);
	assert_non_null(strstr(err.message, "9_a.sql was edited"));
	assert_non_null(strstr(err.message, "schemake.sum"));
	sk_migdir_release(&md);

	/* An added file and a removed file are both named. */
	put(dir, "11_c.sql", "-- migrate:up\nSELECT 11;\n");
	{
		char *p = sk_fs_join(dir, "10_b.sql");
		unlink(p);
		free(p);
	}
	sk_buf_reset(&problems);
	assert_int_equal(sk_migdir_load(&md, dir, SK_SQL_POSTGRES, &err), 0);
	assert_int_equal(sk_migdir_sum_check(&md, &exists, &problems, &err), -SK_ERR_INPUT);
	assert_non_null(strstr(problems.buf, "11_c.sql is not in the sum file"));
	assert_non_null(strstr(problems.buf, "10_b.sql is in the sum file but missing"));
	assert_int_equal(sk_migdir_sum_write(&md, &changed, &err), 0);
	assert_int_equal(sk_migdir_sum_check(&md, &exists, NULL, &err), 0);
	sk_migdir_release(&md);
	sk_buf_release(&problems);
	rm_dir(dir);
}

static void test_migfile__sum_total_depends_on_order_and_content(void **state)
{
	struct sk_migdir md = SK_MIGDIR_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf a = SK_BUF_INIT, b = SK_BUF_INIT;
	char *dir = make_dir();
	(void)state;
	put(dir, "1_a.sql", "-- migrate:up\nSELECT 1;\n");
	assert_int_equal(sk_migdir_load(&md, dir, SK_SQL_POSTGRES, &err), 0);
	sk_migdir_sum_render(&a, &md);
	sk_migdir_release(&md);
	put(dir, "2_b.sql", "-- migrate:up\nSELECT 2;\n");
	assert_int_equal(sk_migdir_load(&md, dir, SK_SQL_POSTGRES, &err), 0);
	sk_migdir_sum_render(&b, &md);
	sk_migdir_release(&md);
	/* The total line (third line) changes when a migration is added. */
	assert_non_null(strstr(a.buf, "\ntotal "));
	assert_memory_not_equal(strstr(a.buf, "\ntotal "), strstr(b.buf, "\ntotal "), 70);
	assert_non_null(strstr(b.buf, "\n1_a.sql "));
	assert_true(strstr(b.buf, "\n1_a.sql ") < strstr(b.buf, "\n2_b.sql "));
	sk_buf_release(&a);
	sk_buf_release(&b);
	rm_dir(dir);
}

/* sk_migdir_scan reads and checksums without lexing; sk_migdir_lex finds
 * what sk_migdir_load would have found, and the checksums agree. */
static void test_migfile__scan_lexes_on_demand(void **state)
{
	struct sk_migdir md = SK_MIGDIR_INIT, full = SK_MIGDIR_INIT;
	struct sk_error err = SK_ERROR_INIT;
	char *dir = make_dir();
	(void)state;

	put(dir, "1_a.sql", "-- migrate:up\r\nSELECT 1;\r\nSELECT 2;\r\n-- migrate:down\r\nSELECT 3;\r\n");
	put(dir, "2_bad.sql", "-- migrate:up\nSELECT 'oops;\n");
	assert_int_equal(sk_migdir_load(&full, dir, SK_SQL_POSTGRES, &err), -SK_ERR_INPUT);
	assert_int_equal(sk_migdir_scan(&md, dir, SK_SQL_POSTGRES, &err), 0);
	assert_int_equal(md.nr, 2);
	assert_false(md.migs[0].lexed);
	assert_int_equal(md.migs[0].up.nr, 0);
	assert_int_equal(sk_migdir_lex(&md, 0, &err), 0);
	assert_true(md.migs[0].lexed);
	assert_int_equal(md.migs[0].up.nr, 2);
	assert_true(md.migs[0].down.present);
	assert_int_equal(sk_migdir_lex(&md, 0, &err), 0); /* again: a no-op */
	assert_int_equal(md.migs[0].up.nr, 2);
	assert_int_equal(sk_migdir_lex(&md, 1, &err), -SK_ERR_INPUT);
	assert_non_null(strstr(err.file, "2_bad.sql"));
	assert_int_equal(err.line, 2);
	assert_false(md.migs[1].lexed);
	assert_int_equal(sk_migdir_lex_all(&md, &err), -SK_ERR_INPUT);
	sk_migdir_release(&md);

	put(dir, "2_bad.sql", "-- migrate:up\nSELECT 'fixed';\n");
	assert_int_equal(sk_migdir_load(&full, dir, SK_SQL_POSTGRES, &err), 0);
	assert_int_equal(sk_migdir_scan(&md, dir, SK_SQL_POSTGRES, &err), 0);
	for (size_t i = 0; i < md.nr; i++)
		assert_string_equal(md.migs[i].checksum, full.migs[i].checksum);
	/* CR LF became LF before the checksum, a lone CR stays */
	assert_null(strchr(md.migs[0].content, '\r'));
	sk_migdir_release(&md);
	sk_migdir_release(&full);
	rm_dir(dir);
}

/* The sum check compares line by line; a damaged total line, a missing
 * final newline or an extra line are stale too. */
static void test_migfile__sum_check_is_exact(void **state)
{
	struct sk_migdir md = SK_MIGDIR_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf good = SK_BUF_INIT, bad = SK_BUF_INIT;
	char *dir = make_dir();
	bool exists;
	(void)state;

	put(dir, "1_a.sql", "-- migrate:up\nSELECT 1;\n");
	put(dir, "2_b.sql", "-- migrate:up\nSELECT 2;\n");
	assert_int_equal(sk_migdir_scan(&md, dir, SK_SQL_POSTGRES, &err), 0);
	sk_migdir_sum_render(&good, &md);
	put(dir, "schemake.sum", good.buf);
	assert_int_equal(sk_migdir_sum_check(&md, &exists, NULL, &err), 0);

	sk_buf_adds(&bad, good.buf);
	{
		char *total = strstr(bad.buf, "\ntotal ") + 7;
		*total = *total == '0' ? '1' : '0';
	}
	put(dir, "schemake.sum", bad.buf);
	assert_int_equal(sk_migdir_sum_check(&md, &exists, NULL, &err), -SK_ERR_INPUT);
	assert_non_null(strstr(err.message, "out of order or damaged"));

	sk_buf_reset(&bad);
	sk_buf_add(&bad, good.buf, good.len - 1);
	put(dir, "schemake.sum", bad.buf);
	assert_int_equal(sk_migdir_sum_check(&md, &exists, NULL, &err), -SK_ERR_INPUT);

	sk_buf_reset(&bad);
	sk_buf_addf(&bad, "%s# trailing\n", good.buf);
	put(dir, "schemake.sum", bad.buf);
	assert_int_equal(sk_migdir_sum_check(&md, &exists, NULL, &err), -SK_ERR_INPUT);

	sk_buf_release(&good);
	sk_buf_release(&bad);
	sk_migdir_release(&md);
	rm_dir(dir);
}

static void test_migfile__directory_errors(void **state)
{
	struct sk_migdir md = SK_MIGDIR_INIT;
	struct sk_error err = SK_ERROR_INIT;
	char *dir = make_dir();
	(void)state;
	assert_int_equal(sk_migdir_load(&md, "/nonexistent/migrations", SK_SQL_POSTGRES, &err), -SK_ERR_IO);
	assert_non_null(strstr(err.message, "'/nonexistent/migrations' does not exist"));

	put(dir, "create_users.sql", "-- migrate:up\n");
	assert_int_equal(sk_migdir_load(&md, dir, SK_SQL_POSTGRES, &err), -SK_ERR_INPUT);
	assert_non_null(strstr(err.message, "bad migration file name 'create_users.sql'"));
	rm_dir(dir);

	dir = make_dir();
	put(dir, "1_a.sql", "-- migrate:up\n");
	put(dir, "001_b.sql", "-- migrate:up\n");
	assert_int_equal(sk_migdir_load(&md, dir, SK_SQL_POSTGRES, &err), -SK_ERR_INPUT);
	assert_non_null(strstr(err.message, "two migrations have version"));
	rm_dir(dir);
}

static void test_migfile__targets(void **state)
{
	const char *v[] = {"20240101000000", "20240102000000", "20240201000000"};
	struct sk_target t = SK_TARGET_INIT;
	struct sk_error err = SK_ERROR_INIT;
	(void)state;
	assert_int_equal(sk_target_parse(&t, "head", v, 3, &err), 0);
	assert_int_equal(t.kind, SK_TARGET_HEAD);
	assert_int_equal(sk_target_parse(&t, "base", v, 3, &err), 0);
	assert_int_equal(t.kind, SK_TARGET_BASE);
	assert_int_equal(sk_target_parse(&t, "+2", v, 3, &err), 0);
	assert_int_equal(t.kind, SK_TARGET_RELATIVE);
	assert_int_equal(t.steps, 2);
	assert_int_equal(sk_target_parse(&t, "-1", v, 3, &err), 0);
	assert_int_equal(t.steps, -1);
	assert_int_equal(sk_target_parse(&t, "202402", v, 3, &err), 0);
	assert_int_equal(t.kind, SK_TARGET_VERSION);
	assert_string_equal(t.version, "20240201000000");
	sk_target_release(&t);
	assert_int_equal(sk_target_parse(&t, "20240102000000_anything", v, 3, &err), 0);
	assert_string_equal(t.version, "20240102000000");
	sk_target_release(&t);
	assert_int_equal(sk_target_parse(&t, "202401", v, 3, &err), -SK_ERR_USAGE);
	assert_non_null(strstr(err.message, "ambiguous"));
	assert_non_null(strstr(err.message, "20240101000000"));
	assert_non_null(strstr(err.message, "20240102000000"));
	assert_int_equal(sk_target_parse(&t, "2023", v, 3, &err), -SK_ERR_USAGE);
	assert_non_null(strstr(err.message, "unknown revision '2023'"));
	assert_int_equal(sk_target_parse(&t, "latest", v, 3, &err), -SK_ERR_USAGE);
	assert_int_equal(sk_target_parse(&t, "+0", v, 3, &err), -SK_ERR_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_migfile__sections_and_statements),
	        cmocka_unit_test(test_migfile__transaction_false_option),
	        cmocka_unit_test(test_migfile__marker_inside_body_is_not_a_marker),
	        cmocka_unit_test(test_migfile__down_section_optional_and_up_may_be_empty),
	        cmocka_unit_test(test_migfile__malformed_files),
	        cmocka_unit_test(test_migfile__checksum_ignores_bom_and_crlf),
	        cmocka_unit_test(test_migfile__file_names),
	        cmocka_unit_test(test_migfile__version_order_is_numeric),
	        cmocka_unit_test(test_migfile__directory_sorted_and_sum_file),
	        cmocka_unit_test(test_migfile__sum_total_depends_on_order_and_content),
	        cmocka_unit_test(test_migfile__scan_lexes_on_demand),
	        cmocka_unit_test(test_migfile__sum_check_is_exact),
	        cmocka_unit_test(test_migfile__directory_errors),
	        cmocka_unit_test(test_migfile__targets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
