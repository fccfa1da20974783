/*
 * Unit tests of config/url.c: every accepted URL form parsed into libpq
 * keywords or a SQLite path, percent-encoding rules, and masking (the
 * password never shows in a mask or in an error message).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "config/url.h"

#include "common/banned.h"

/* Parses url, which must succeed, into ci. */
static void parse_ok(struct sk_conninfo *ci, const char *url)
{
	struct sk_error err = SK_ERROR_INIT;
	int rc = sk_conninfo_parse(ci, url, &err);

	if (rc)
		fail_msg("parsing '%s' failed: %s", url, err.message);
	assert_int_equal(err.code, SK_ERR_OK);
}

/* Asserts the exact keyword/value list, in order: kv = { k1, v1, k2, v2, ..., NULL }. */
static void assert_pg(const struct sk_conninfo *ci, const char *const *kv)
{
	size_t n = 0;

	assert_int_equal(ci->dialect, SK_DIALECT_POSTGRES);
	assert_non_null(ci->pg_keywords);
	assert_non_null(ci->pg_values);
	for (; kv[2 * n]; n++) {
		assert_true(n < ci->pg_nr);
		assert_string_equal(ci->pg_keywords[n], kv[2 * n]);
		assert_string_equal(ci->pg_values[n], kv[2 * n + 1]);
	}
	assert_int_equal(ci->pg_nr, n);
	assert_null(ci->pg_keywords[n]);
	assert_null(ci->pg_values[n]);
	assert_null(ci->sqlite_path);
}

static void assert_pg_url(const char *url, const char *const *kv)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	parse_ok(&ci, url);
	assert_pg(&ci, kv);
	sk_conninfo_release(&ci);
}

static void assert_sqlite_url(const char *url, const char *path)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	parse_ok(&ci, url);
	assert_int_equal(ci.dialect, SK_DIALECT_SQLITE);
	assert_non_null(ci.sqlite_path);
	assert_string_equal(ci.sqlite_path, path);
	assert_int_equal(ci.pg_nr, 0);
	sk_conninfo_release(&ci);
}

/* Parses url, which must fail with SK_ERR_CONFIG; copies the error out. */
static void parse_fails(const char *url, struct sk_error *err)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	int rc;

	sk_error_init(err);
	rc = sk_conninfo_parse(&ci, url, err);
	if (rc == 0)
		fail_msg("parsing '%s' should have failed", url);
	assert_int_equal(rc, -SK_ERR_CONFIG);
	assert_int_equal(err->code, SK_ERR_CONFIG);
	assert_null(ci.pg_keywords);
	assert_null(ci.sqlite_path);
	assert_null(strchr(err->message, '\n'));
	assert_true(strlen(err->hint) > 0);
}

static void mask_equal(const struct sk_conninfo *ci, const char *expected)
{
	struct sk_buf sb = SK_BUF_INIT;

	sk_conninfo_mask(&sb, ci);
	assert_string_equal(sb.buf, expected);
	sk_buf_release(&sb);
}

static void url_mask_equal(const char *url, const char *expected)
{
	struct sk_buf sb = SK_BUF_INIT;

	sk_url_mask(&sb, url);
	assert_string_equal(sb.buf, expected);
	sk_buf_release(&sb);
}

/* ---- PostgreSQL URL forms ---- */

static void test_url__postgresql_all_parts(void **state)
{
	(void)state;
	assert_pg_url("postgresql://alice:s3cret@db.example.com:5433/app?sslmode=require&application_name=mig"
	              "&connect_timeout=5",
	              (const char *const[]){"user", "alice", "password", "s3cret", "connect_timeout", "5",
	                                    "dbname", "app", "host", "db.example.com", "port", "5433",
	                                    "application_name", "mig", "sslmode", "require", NULL});
}

static void test_url__postgres_scheme(void **state)
{
	(void)state;
	assert_pg_url("postgres://bob@localhost/shop",
	              (const char *const[]){"user", "bob", "dbname", "shop", "host", "localhost", NULL});
}

static void test_url__driver_suffix_ignored(void **state)
{
	(void)state;
	assert_pg_url("postgresql+psycopg2://u:pw@h:5432/db",
	              (const char *const[]){"user", "u", "password", "pw", "dbname", "db", "host", "h",
	                                    "port", "5432", NULL});
	assert_pg_url("postgres+asyncpg://h/db", (const char *const[]){"dbname", "db", "host", "h", NULL});
}

static void test_url__scheme_case_insensitive_and_trimmed(void **state)
{
	(void)state;
	assert_pg_url("  PostgreSQL://h/db\n", (const char *const[]){"dbname", "db", "host", "h", NULL});
}

static void test_url__keyword_string(void **state)
{
	(void)state;
	assert_pg_url("host=/var/run/postgresql dbname=app user=bob password='a b' port=5432",
	              (const char *const[]){"user", "bob", "password", "a b", "dbname", "app", "host",
	                                    "/var/run/postgresql", "port", "5432", NULL});
}

static void test_url__keyword_string_percent_is_literal(void **state)
{
	(void)state;
	assert_pg_url("dbname=app password=50%41off",
	              (const char *const[]){"password", "50%41off", "dbname", "app", NULL});
}

static void test_url__bare_scheme_sets_nothing(void **state)
{
	/* everything falls back to libpq's environment (PGHOST, ...) */
	(void)state;
	assert_pg_url("postgresql://", (const char *const[]){NULL});
}

static void test_url__unix_socket_hosts(void **state)
{
	(void)state;
	assert_pg_url("postgresql:///app?host=/run/postgresql",
	              (const char *const[]){"dbname", "app", "host", "/run/postgresql", NULL});
	assert_pg_url("postgresql://%2Frun%2Fpostgresql/app",
	              (const char *const[]){"dbname", "app", "host", "/run/postgresql", NULL});
}

static void test_url__ipv6_and_multiple_hosts(void **state)
{
	(void)state;
	assert_pg_url("postgresql://[::1]:6543/db",
	              (const char *const[]){"dbname", "db", "host", "::1", "port", "6543", NULL});
	assert_pg_url("postgresql://h1:5432,h2:5433/db",
	              (const char *const[]){"dbname", "db", "host", "h1,h2", "port", "5432,5433", NULL});
}

/* ---- percent-encoding ---- */

static void test_url__valid_escapes_decoded(void **state)
{
	/* '@', ':' and '/' percent-encoded in the password, ' ' in the dbname */
	(void)state;
	assert_pg_url("postgresql://us%65r:p%40ss%3Aw%2Frd@h/my%20db",
	              (const char *const[]){"user", "user", "password", "p@ss:w/rd", "dbname", "my db",
	                                    "host", "h", NULL});
}

static void test_url__stray_percent_literal_in_password(void **state)
{
	(void)state;
	assert_pg_url("postgresql://u:100%pure@h/db",
	              (const char *const[]){"user", "u", "password", "100%pure", "dbname", "db", "host", "h",
	                                    NULL});
	assert_pg_url("postgresql://u:%zz%4@h/db", (const char *const[]){"user", "u", "password", "%zz%4",
	                                                                 "dbname", "db", "host", "h", NULL});
	assert_pg_url("postgresql://u:abc%@h/db", (const char *const[]){"user", "u", "password", "abc%",
	                                                                "dbname", "db", "host", "h", NULL});
	/* valid and stray side by side */
	assert_pg_url("postgresql://u:p%41%@h/db", (const char *const[]){"user", "u", "password", "pA%",
	                                                                 "dbname", "db", "host", "h", NULL});
	/* a literal "%41" needs its '%' encoded */
	assert_pg_url("postgresql://u:%2541@h/db", (const char *const[]){"user", "u", "password", "%41",
	                                                                 "dbname", "db", "host", "h", NULL});
}

static void test_url__stray_percent_literal_elsewhere(void **state)
{
	(void)state;
	assert_pg_url(
	        "postgresql://h/50%off?application_name=100%25%",
	        (const char *const[]){"dbname", "50%off", "host", "h", "application_name", "100%%", NULL});
}

static void test_url__raw_at_and_colon_in_password(void **state)
{
	/* the last '@' ends the userinfo; ':' after the first belongs to the password */
	(void)state;
	assert_pg_url("postgresql://u:p@ss@h/db", (const char *const[]){"user", "u", "password", "p@ss",
	                                                                "dbname", "db", "host", "h", NULL});
	assert_pg_url("postgresql://u:a:b@h:5432/db",
	              (const char *const[]){"user", "u", "password", "a:b", "dbname", "db", "host", "h",
	                                    "port", "5432", NULL});
	/* '?' and '#' before the '@' belong to the password, as in libpq */
	assert_pg_url(
	        "postgresql://u:a?b#c@d@h/db",
	        (const char *const[]){"user", "u", "password", "a?b#c@d", "dbname", "db", "host", "h", NULL});
}

static void test_url__raw_slash_in_password_is_an_error(void **state)
{
	struct sk_error err;

	(void)state;
	parse_fails("postgresql://u:pa/ss@h/db", &err);
	assert_non_null(strstr(err.message, "port"));
	assert_null(strstr(err.message, "pa/ss"));
	assert_null(strstr(err.message, "pa"));
	assert_non_null(strstr(err.message, "postgresql://u:****@h/db"));
	assert_non_null(strstr(err.hint, "%2F"));
}

/* ---- SQLite ---- */

static void test_url__sqlite_relative(void **state)
{
	(void)state;
	assert_sqlite_url("sqlite:relative/path.db", "relative/path.db");
	assert_sqlite_url("sqlite://relative.db", "relative.db");
	assert_sqlite_url("sqlite3:data/app.sqlite3", "data/app.sqlite3");
	assert_sqlite_url("SQLite:x.db", "x.db");
}

static void test_url__sqlite_absolute(void **state)
{
	(void)state;
	assert_sqlite_url("sqlite:///abs/path.db", "/abs/path.db");
	assert_sqlite_url("sqlite:////abs/path.db", "/abs/path.db");
	assert_sqlite_url("sqlite:/abs/path.db", "/abs/path.db");
	assert_sqlite_url("sqlite3:///var/lib/x.db", "/var/lib/x.db");
}

static void test_url__sqlite_memory(void **state)
{
	(void)state;
	assert_sqlite_url("sqlite::memory:", ":memory:");
	assert_sqlite_url("sqlite://:memory:", ":memory:");
	assert_sqlite_url("sqlite3::memory:", ":memory:");
}

static void test_url__sqlite_path_literal(void **state)
{
	(void)state;
	assert_sqlite_url("sqlite:my%20file.db", "my%20file.db");
}

static void test_url__sqlite_errors(void **state)
{
	struct sk_error err;

	(void)state;
	parse_fails("sqlite:", &err);
	assert_non_null(strstr(err.message, "no database file"));
	parse_fails("sqlite://", &err);
	/* SQLAlchemy reads sqlite+pysqlite:///x.db as relative: refuse */
	parse_fails("sqlite+pysqlite:///x.db", &err);
	assert_non_null(strstr(err.message, "+driver"));
}

/* ---- errors ---- */

static void test_url__empty_is_error(void **state)
{
	struct sk_error err;
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	(void)state;
	parse_fails("", &err);
	assert_string_equal(err.message, "empty database URL");
	parse_fails("   \t", &err);
	sk_error_init(&err);
	assert_int_equal(sk_conninfo_parse(&ci, NULL, &err), -SK_ERR_CONFIG);
}

static void test_url__unknown_scheme_is_error(void **state)
{
	struct sk_error err;

	(void)state;
	parse_fails("mysql://root:hunter2@h/db", &err);
	assert_non_null(strstr(err.message, "unknown scheme"));
	assert_non_null(strstr(err.message, "mysql://root:****@h/db"));
	assert_null(strstr(err.message, "hunter2"));
	assert_non_null(strstr(err.hint, "sqlite:"));
	assert_non_null(strstr(err.hint, "postgresql://"));

	parse_fails("localhost", &err);
	assert_non_null(strstr(err.message, "'localhost'"));
	parse_fails("postgresql:h/db", &err);
}

static void test_url__libpq_error_shown_when_safe(void **state)
{
	struct sk_error err;

	(void)state;
	parse_fails("postgresql://h/db?nosuchoption=1", &err);
	assert_non_null(strstr(err.message, "nosuchoption"));
	assert_non_null(strstr(err.message, "postgresql://h/db?nosuchoption=1"));
}

static void test_url__password_never_in_errors(void **state)
{
	static const char *bad[] = {
	        "postgresql://u:Sup3rS3cret@[::1/db",
	        "postgresql://u:Sup3rS3cret@h:notaport/db",
	        "postgresql://u:Sup3rS3cret@h/db?nosuchoption=1",
	        "postgresql://u:Sup3rS3cret@h/db?password=Sup3rS3cret=x",
	        "postgresql://h/db?password=Sup3rS3cret%00",
	        "postgresql://u:Sup3rS3cret%00@h/db",
	        "postgresql://u:Sup3r/S3cret@h/db",
	        "postgresql://u:Sup3r?S3cret@h:x/db",
	        "postgresql://u:Sup3r#S3cret@h:x/db",
	        "mysql://u:Sup3rS3cret@h/db",
	        "postgresql:u:Sup3rS3cret@h/db",
	        "host=h password=Sup3rS3cret dbname",
	        "host=h password='Sup3rS3cret",
	        "host=h password Sup3rS3cret",
	        "host=h bogus=1 password=Sup3rS3cret",
	        "host=h PASSWORD=Sup3rS3cret",
	        "postgresql://u:Sup3rS3cret@h/db?sslpassword=Sup3rS3cret&foo=bar",
	        "PostgreSQL+x://u:Sup3rS3cret@h:99999x/db",
	        "postgresql://u:Sup3rS3cret@h/db?application_name=a@b&x=1",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sk_error err;
		struct sk_buf all = SK_BUF_INIT;

		parse_fails(bad[i], &err);
		sk_buf_addf(&all, "%s\n%s\n%s", err.message, err.detail, err.hint);
		if (strstr(all.buf, "Sup3r") || strstr(all.buf, "S3cret"))
			fail_msg("password leaked for '%s': %s", bad[i], all.buf);
		assert_non_null(strstr(err.message, "****"));
		sk_buf_release(&all);
	}
}

/* ---- masking ---- */

static void test_url__mask_full_url(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	(void)state;
	parse_ok(&ci, "postgresql://alice:s3cret@db.example.com:5433/app?sslmode=require&connect_timeout=5");
	mask_equal(&ci, "postgresql://alice:****@db.example.com:5433/app?connect_timeout=5&sslmode=require");
	sk_conninfo_release(&ci);
}

static void test_url__mask_omits_unset_parts(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	(void)state;
	parse_ok(&ci, "postgresql://bob@h/db");
	mask_equal(&ci, "postgresql://bob@h/db");
	sk_conninfo_release(&ci);
	parse_ok(&ci, "postgresql:///db");
	mask_equal(&ci, "postgresql:///db");
	sk_conninfo_release(&ci);
	parse_ok(&ci, "postgresql://");
	mask_equal(&ci, "postgresql://");
	sk_conninfo_release(&ci);
}

static void test_url__mask_socket_host_and_lists(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	(void)state;
	parse_ok(&ci, "host=/var/run/postgresql dbname=app user=bob password='a b' port=5432");
	mask_equal(&ci, "postgresql://bob:****@/app?host=/var/run/postgresql&port=5432");
	sk_conninfo_release(&ci);
	parse_ok(&ci, "postgresql://h1:5432,h2:5433/db");
	mask_equal(&ci, "postgresql:///db?host=h1,h2&port=5432,5433");
	sk_conninfo_release(&ci);
	parse_ok(&ci, "postgresql://[::1]:6543/db");
	mask_equal(&ci, "postgresql://[::1]:6543/db");
	sk_conninfo_release(&ci);
}

static void test_url__mask_never_shows_passwords(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_buf sb = SK_BUF_INIT;

	(void)state;
	parse_ok(&ci, "postgresql://u:p%40ss@h/db?sslpassword=keypass&application_name=x");
	sk_conninfo_mask(&sb, &ci);
	assert_string_equal(sb.buf, "postgresql://u:****@h/db?application_name=x&sslpassword=****");
	assert_null(strstr(sb.buf, "p@ss"));
	assert_null(strstr(sb.buf, "keypass"));
	sk_buf_release(&sb);
	sk_conninfo_release(&ci);

	/* a password without a user still shows that one is set */
	parse_ok(&ci, "password=zzz host=h");
	mask_equal(&ci, "postgresql://:****@h");
	sk_conninfo_release(&ci);
}

static void test_url__mask_encodes_special_characters(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	(void)state;
	parse_ok(&ci, "postgresql://a%40b@h/my%20db?options=-c%20x%3Dy");
	mask_equal(&ci, "postgresql://a%40b@h/my%20db?options=-c%20x%3Dy");
	sk_conninfo_release(&ci);
}

static void test_url__mask_sqlite(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	(void)state;
	parse_ok(&ci, "sqlite:rel/x.db");
	mask_equal(&ci, "sqlite:rel/x.db");
	sk_conninfo_release(&ci);
	parse_ok(&ci, "sqlite:///abs/x.db");
	mask_equal(&ci, "sqlite:/abs/x.db");
	sk_conninfo_release(&ci);
	parse_ok(&ci, "sqlite::memory:");
	mask_equal(&ci, "sqlite::memory:");
	sk_conninfo_release(&ci);
}

static void test_url__mask_raw_strings(void **state)
{
	(void)state;
	url_mask_equal("postgresql://u:secret@h/db", "postgresql://u:****@h/db");
	url_mask_equal("postgresql://u@h/db", "postgresql://u@h/db");
	url_mask_equal("postgresql://h:5432/db", "postgresql://h:5432/db");
	url_mask_equal("postgresql://u:p@ss@h/db", "postgresql://u:****@h/db");
	url_mask_equal("postgresql://u:pa/ss@h/db", "postgresql://u:****@h/db");
	url_mask_equal("postgresql://u:a?b#c@d@h/db", "postgresql://u:****@h/db");
	url_mask_equal("postgresql:u:secret@h/db", "postgresql:u:****@h/db");
	url_mask_equal("host=h password=secret dbname=d", "host=h password=**** dbname=d");
	url_mask_equal("password = 'se cr\\'et' host=h", "password = **** host=h");
	url_mask_equal("postgresql://h/db?password=secret&sslmode=require",
	               "postgresql://h/db?password=****&sslmode=require");
	url_mask_equal("postgresql://h/db?sslpassword=k&Password=p",
	               "postgresql://h/db?sslpassword=****&Password=****");
	url_mask_equal("sqlite:x.db", "sqlite:x.db");
	url_mask_equal("not a url at all", "not a url at all");
	url_mask_equal("postgresql://u:s\ne@h/db\n", "postgresql://u:****@h/db?");
	/* "passwordless" is not a password key, "mypassword" is */
	url_mask_equal("passwordless=1 mypassword=x", "passwordless=1 mypassword=****");
}

/* ---- editing ---- */

static void test_url__set_keeps_libpq_order(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	(void)state;
	parse_ok(&ci, "postgresql://u@h:5432/db");
	sk_conninfo_set(&ci, "password", "from-file");
	assert_pg(&ci, (const char *const[]){"user", "u", "password", "from-file", "dbname", "db", "host",
	                                     "h", "port", "5432", NULL});
	sk_conninfo_set(&ci, "dbname", "postgres");
	assert_string_equal(sk_conninfo_get(&ci, "dbname"), "postgres");
	sk_conninfo_set(&ci, "dbname", sk_conninfo_get(&ci, "dbname"));
	assert_string_equal(sk_conninfo_get(&ci, "dbname"), "postgres");
	sk_conninfo_set(&ci, "sslmode", "disable");
	assert_string_equal(ci.pg_keywords[ci.pg_nr - 1], "sslmode");
	sk_conninfo_set(&ci, "password", NULL);
	assert_null(sk_conninfo_get(&ci, "password"));
	assert_pg(&ci, (const char *const[]){"user", "u", "dbname", "postgres", "host", "h", "port", "5432",
	                                     "sslmode", "disable", NULL});
	sk_conninfo_release(&ci);
	assert_null(ci.pg_keywords);
	assert_int_equal(ci.pg_nr, 0);
}

static void test_url__set_on_empty_conninfo(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	(void)state;
	assert_null(sk_conninfo_get(&ci, "host"));
	sk_conninfo_set(&ci, "dbname", "schemake");
	sk_conninfo_set(&ci, "host", "/tmp/sock");
	sk_conninfo_set(&ci, "user", "postgres");
	assert_pg(&ci,
	          (const char *const[]){"user", "postgres", "dbname", "schemake", "host", "/tmp/sock", NULL});
	sk_conninfo_release(&ci);
}

static void test_url__copy_is_deep(void **state)
{
	struct sk_conninfo a = SK_CONNINFO_INIT, b = SK_CONNINFO_INIT;

	(void)state;
	parse_ok(&a, "postgresql://u:pw@h/db");
	sk_conninfo_copy(&b, &a);
	sk_conninfo_set(&b, "dbname", "other");
	assert_string_equal(sk_conninfo_get(&a, "dbname"), "db");
	assert_string_equal(sk_conninfo_get(&b, "dbname"), "other");
	assert_string_equal(sk_conninfo_get(&b, "password"), "pw");
	sk_conninfo_release(&a);
	assert_string_equal(sk_conninfo_get(&b, "user"), "u");
	sk_conninfo_release(&b);

	parse_ok(&a, "sqlite:x.db");
	sk_conninfo_copy(&b, &a);
	assert_int_equal(b.dialect, SK_DIALECT_SQLITE);
	assert_string_equal(b.sqlite_path, "x.db");
	assert_ptr_not_equal(a.sqlite_path, b.sqlite_path);
	sk_conninfo_release(&a);
	sk_conninfo_release(&b);
}

static void test_url__dialects(void **state)
{
	(void)state;
	assert_string_equal(sk_dialect_name(SK_DIALECT_POSTGRES), "postgres");
	assert_string_equal(sk_dialect_name(SK_DIALECT_SQLITE), "sqlite");
	assert_int_equal(sk_dialect_parse("postgresql"), SK_DIALECT_POSTGRES);
	assert_int_equal(sk_dialect_parse("pg"), SK_DIALECT_POSTGRES);
	assert_int_equal(sk_dialect_parse("SQLite3"), SK_DIALECT_SQLITE);
	assert_int_equal(sk_dialect_parse("mysql"), -1);
	assert_int_equal(sk_dialect_parse(NULL), -1);
	assert_int_equal(sk_url_dialect("sqlite:x.db"), SK_DIALECT_SQLITE);
	assert_int_equal(sk_url_dialect(" sqlite3:///x.db"), SK_DIALECT_SQLITE);
	assert_int_equal(sk_url_dialect("postgresql://h/db"), SK_DIALECT_POSTGRES);
	assert_int_equal(sk_url_dialect("host=h"), SK_DIALECT_POSTGRES);
}

/* Found by fuzz_url: a scheme with a byte that is not a scheme character
 * made the URL look like a keyword string, and its password was shown. */
static void test_url__mistyped_scheme_hides_password(void **state)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf masked = SK_BUF_INIT;
	(void)state;
	assert_int_not_equal(sk_conninfo_parse(&ci, "postgres\xf9l://u:ZZsecretZZ@h:5432/db", &err), 0);
	assert_null(strstr(err.message, "ZZsecret"));
	assert_null(strstr(err.detail, "ZZsecret"));
	assert_null(strstr(err.hint, "ZZsecret"));
	sk_url_mask(&masked, "my-scheme://u:ZZsecretZZ@h/db");
	assert_null(strstr(masked.buf, "ZZsecret"));
	assert_non_null(strstr(masked.buf, "u:****@h"));
	sk_buf_release(&masked);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_url__mistyped_scheme_hides_password),
		cmocka_unit_test(test_url__postgresql_all_parts),
	        cmocka_unit_test(test_url__postgres_scheme),
	        cmocka_unit_test(test_url__driver_suffix_ignored),
	        cmocka_unit_test(test_url__scheme_case_insensitive_and_trimmed),
	        cmocka_unit_test(test_url__keyword_string),
	        cmocka_unit_test(test_url__keyword_string_percent_is_literal),
	        cmocka_unit_test(test_url__bare_scheme_sets_nothing),
	        cmocka_unit_test(test_url__unix_socket_hosts),
	        cmocka_unit_test(test_url__ipv6_and_multiple_hosts),
	        cmocka_unit_test(test_url__valid_escapes_decoded),
	        cmocka_unit_test(test_url__stray_percent_literal_in_password),
	        cmocka_unit_test(test_url__stray_percent_literal_elsewhere),
	        cmocka_unit_test(test_url__raw_at_and_colon_in_password),
	        cmocka_unit_test(test_url__raw_slash_in_password_is_an_error),
	        cmocka_unit_test(test_url__sqlite_relative),
	        cmocka_unit_test(test_url__sqlite_absolute),
	        cmocka_unit_test(test_url__sqlite_memory),
	        cmocka_unit_test(test_url__sqlite_path_literal),
	        cmocka_unit_test(test_url__sqlite_errors),
	        cmocka_unit_test(test_url__empty_is_error),
	        cmocka_unit_test(test_url__unknown_scheme_is_error),
	        cmocka_unit_test(test_url__libpq_error_shown_when_safe),
	        cmocka_unit_test(test_url__password_never_in_errors),
	        cmocka_unit_test(test_url__mask_full_url),
	        cmocka_unit_test(test_url__mask_omits_unset_parts),
	        cmocka_unit_test(test_url__mask_socket_host_and_lists),
	        cmocka_unit_test(test_url__mask_never_shows_passwords),
	        cmocka_unit_test(test_url__mask_encodes_special_characters),
	        cmocka_unit_test(test_url__mask_sqlite),
	        cmocka_unit_test(test_url__mask_raw_strings),
	        cmocka_unit_test(test_url__set_keeps_libpq_order),
	        cmocka_unit_test(test_url__set_on_empty_conninfo),
	        cmocka_unit_test(test_url__copy_is_deep),
	        cmocka_unit_test(test_url__dialects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
