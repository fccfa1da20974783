/*
 * Unit tests of the prepare-init filter (src/prepare/prepare.c): each rule,
 * bodies, strings and comments that only look like what is removed,
 * byte-for-byte preservation, idempotence, errors, and the command's
 * output and --check.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/error.h"
#include "common/fs.h"
#include "prepare/prepare.h"

#include "common/banned.h"

static const struct sk_prepare_opts no_flags = SK_PREPARE_OPTS_INIT;

/* Prepares len bytes of `in` (from an exactly sized copy, so ASan sees any
 * over-read); returns the return code, the output in *out (free() it). */
static int prep_n(char **out, const char *in, size_t len, const struct sk_prepare_opts *o,
                  struct sk_error *err)
{
	struct sk_buf b = SK_BUF_INIT;
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	memcpy(copy, in, len);
	rc = sk_prepare_init(&b, "dump.sql", copy, len, o ? o : &no_flags, err);
	free(copy);
	*out = sk_buf_detach(&b, NULL);
	return rc;
}

/* The prepared text of a NUL-terminated input; fails the test on an error. */
static char *prep(const char *in, const struct sk_prepare_opts *o)
{
	struct sk_error err = SK_ERROR_INIT;
	char *out;
	int rc = prep_n(&out, in, strlen(in), o, &err);

	if (rc != 0)
		fail_msg("sk_prepare_init failed: %s:%u:%u: %s", err.file, err.line, err.col, err.message);
	return out;
}

static void expect_prep(const char *in, const struct sk_prepare_opts *o, const char *want)
{
	char *got = prep(in, o);

	assert_string_equal(got, want);
	free(got);
}

static void expect_unchanged(const char *in, const struct sk_prepare_opts *o)
{
	expect_prep(in, o, in);
}

static struct sk_prepare_opts all_flags(void)
{
	struct sk_prepare_opts o = SK_PREPARE_OPTS_INIT;

	o.strip_grants = true;
	o.strip_extension_comments = true;
	o.strip_set = true;
	o.target_version = 90400;
	return o;
}

/* A pg_dump --schema-only of PostgreSQL 15 (with its \restrict key) and the
 * same dump as pg_dump --no-owner writes it. */
static const char pg_dump_text[] =
        "--\n"
        "-- PostgreSQL database dump\n"
        "--\n"
        "\n"
        "\\restrict exSQEQ9hKlacZlbMsQ2s1hppycl0OziXWdfWrkFP4wET5qDtBhYpqXUyEw0JiC7\n"
        "\n"
        "-- Dumped from database version 15.18\n"
        "\n"
        "SET statement_timeout = 0;\n"
        "SET lock_timeout = 0;\n"
        "SET idle_in_transaction_session_timeout = 0;\n"
        "SELECT pg_catalog.set_config('search_path', '', false);\n"
        "SET row_security = off;\n"
        "\n"
        "--\n"
        "-- Name: app; Type: SCHEMA; Schema: -; Owner: postgres\n"
        "--\n"
        "\n"
        "CREATE SCHEMA app;\n"
        "\n"
        "\n"
        "ALTER SCHEMA app OWNER TO postgres;\n"
        "\n"
        "--\n"
        "-- Name: touch(); Type: FUNCTION; Schema: app; Owner: postgres\n"
        "--\n"
        "\n"
        "CREATE FUNCTION app.touch() RETURNS trigger\n"
        "    LANGUAGE plpgsql\n"
        "    AS $$\n"
        "DECLARE\n"
        "  msg text := '\n"
        "\\restrict not-a-meta-command\n"
        "ALTER TABLE app.items OWNER TO nobody;\n"
        "';\n"
        "BEGIN\n"
        "  -- ALTER TABLE app.users OWNER TO someone;\n"
        "  RETURN NEW;\n"
        "END\n"
        "$$;\n"
        "\n"
        "\n"
        "ALTER FUNCTION app.touch() OWNER TO postgres;\n"
        "\n"
        "SET default_table_access_method = heap;\n"
        "\n"
        "--\n"
        "-- Name: items; Type: TABLE; Schema: app; Owner: postgres\n"
        "--\n"
        "\n"
        "CREATE TABLE app.items (\n"
        "    id integer NOT NULL,\n"
        "    owner text DEFAULT 'ALTER TABLE x OWNER TO y;'::text\n"
        ");\n"
        "\n"
        "\n"
        "ALTER TABLE app.items OWNER TO postgres;\n"
        "\n"
        "--\n"
        "-- Name: TABLE items; Type: ACL; Schema: app; Owner: postgres\n"
        "--\n"
        "\n"
        "GRANT SELECT ON TABLE app.items TO sk_reader;\n"
        "\n"
        "\n"
        "--\n"
        "-- PostgreSQL database dump complete\n"
        "--\n"
        "\n"
        "\\unrestrict exSQEQ9hKlacZlbMsQ2s1hppycl0OziXWdfWrkFP4wET5qDtBhYpqXUyEw0JiC7\n"
        "\n";

/* What pg_dump 15 before \restrict wrote with --no-owner (but our Owner:
 * comments, which we keep). */
static const char pg_dump_no_owner[] = "--\n"
                                       "-- PostgreSQL database dump\n"
                                       "--\n"
                                       "\n"
                                       "-- Dumped from database version 15.18\n"
                                       "\n"
                                       "SET statement_timeout = 0;\n"
                                       "SET lock_timeout = 0;\n"
                                       "SET idle_in_transaction_session_timeout = 0;\n"
                                       "SELECT pg_catalog.set_config('search_path', '', false);\n"
                                       "SET row_security = off;\n"
                                       "\n"
                                       "--\n"
                                       "-- Name: app; Type: SCHEMA; Schema: -; Owner: postgres\n"
                                       "--\n"
                                       "\n"
                                       "CREATE SCHEMA app;\n"
                                       "\n"
                                       "\n"
                                       "--\n"
                                       "-- Name: touch(); Type: FUNCTION; Schema: app; Owner: postgres\n"
                                       "--\n"
                                       "\n"
                                       "CREATE FUNCTION app.touch() RETURNS trigger\n"
                                       "    LANGUAGE plpgsql\n"
                                       "    AS $$\n"
                                       "DECLARE\n"
                                       "  msg text := '\n"
                                       "\\restrict not-a-meta-command\n"
                                       "ALTER TABLE app.items OWNER TO nobody;\n"
                                       "';\n"
                                       "BEGIN\n"
                                       "  -- ALTER TABLE app.users OWNER TO someone;\n"
                                       "  RETURN NEW;\n"
                                       "END\n"
                                       "$$;\n"
                                       "\n"
                                       "\n"
                                       "SET default_table_access_method = heap;\n"
                                       "\n"
                                       "--\n"
                                       "-- Name: items; Type: TABLE; Schema: app; Owner: postgres\n"
                                       "--\n"
                                       "\n"
                                       "CREATE TABLE app.items (\n"
                                       "    id integer NOT NULL,\n"
                                       "    owner text DEFAULT 'ALTER TABLE x OWNER TO y;'::text\n"
                                       ");\n"
                                       "\n"
                                       "\n"
                                       "--\n"
                                       "-- Name: TABLE items; Type: ACL; Schema: app; Owner: postgres\n"
                                       "--\n"
                                       "\n"
                                       "GRANT SELECT ON TABLE app.items TO sk_reader;\n"
                                       "\n"
                                       "\n"
                                       "--\n"
                                       "-- PostgreSQL database dump complete\n"
                                       "--\n"
                                       "\n";

/* --- preservation -------------------------------------------------------- */

static void test_prepare__nothing_to_strip_is_byte_identical(void **state)
{
	(void)state;
	expect_unchanged("", NULL);
	expect_unchanged("\n\n  \t\n", NULL);
	expect_unchanged("-- only a comment", NULL);
	expect_unchanged("/* block\n * comment */\n", NULL);
	expect_unchanged("\xef\xbb\xbf-- a byte order mark\nCREATE TABLE t (id int);\n", NULL);
	expect_unchanged("CREATE TABLE t (\r\n\tid int\r\n);\r\n\r\n-- crlf\r\n", NULL);
	expect_unchanged("CREATE TABLE \"Weird \"\"name\"\"\" (x int)   ;  -- trailing\n\n\n", NULL);
	expect_unchanged("SELECT 1;;; ;\nSELECT 2", NULL);
	expect_unchanged("CREATE VIEW v AS SELECT 'é ü ß 日本' AS x;\n", NULL);
	expect_unchanged("COPY t (a, b) FROM stdin;\n1\tALTER TABLE x OWNER TO "
	                 "y;\n\\N\t\\restrict\n\\.\n\nSELECT 1;\n",
	                 NULL);
	/* everything the flags would remove, without the flags */
	expect_unchanged("SET x = 1;\nGRANT SELECT ON t TO r;\nCOMMENT ON EXTENSION plpgsql IS 'x';\n", NULL);
}

static void test_prepare__pg_dump_comes_out_as_no_owner(void **state)
{
	(void)state;
	expect_prep(pg_dump_text, NULL, pg_dump_no_owner);
}

/* --- the rules ----------------------------------------------------------- */

static void test_prepare__removes_restrict_and_every_meta_command(void **state)
{
	(void)state;
	expect_prep("\\restrict abc\n\nCREATE TABLE t (id int);\n\n\\unrestrict abc\n", NULL,
	            "CREATE TABLE t (id int);\n\n");
	expect_prep("\\connect app\nSET x = 1;\n\\set ON_ERROR_STOP on\n\\pset pager off\nSELECT 1;\n", NULL,
	            "SET x = 1;\nSELECT 1;\n");
	/* CRLF line ends go with the line */
	expect_prep("\\connect app\r\nSELECT 1;\r\n", NULL, "SELECT 1;\r\n");
	/* the last line, without a newline */
	expect_prep("SELECT 1;\n\\unrestrict k", NULL, "SELECT 1;\n");
}

static void test_prepare__removes_owner_changes_of_every_kind(void **state)
{
	static const char *const stmts[] = {
	        "ALTER TABLE public.t OWNER TO postgres;",
	        "ALTER TABLE ONLY public.t OWNER TO postgres;",
	        "ALTER TABLE IF EXISTS public.t OWNER TO postgres;",
	        "ALTER SEQUENCE public.s OWNER TO postgres;",
	        "ALTER VIEW public.v OWNER TO \"Mixed Case\";",
	        "ALTER MATERIALIZED VIEW public.mv OWNER TO postgres;",
	        "ALTER FOREIGN TABLE public.ft OWNER TO postgres;",
	        "ALTER FUNCTION public.f(a integer, b text DEFAULT 'x') OWNER TO postgres;",
	        "ALTER FUNCTION public.f OWNER TO CURRENT_USER;",
	        "ALTER PROCEDURE app.p() OWNER TO postgres;",
	        "ALTER ROUTINE app.p() OWNER TO postgres;",
	        "ALTER AGGREGATE app.mysum(integer) OWNER TO postgres;",
	        "ALTER AGGREGATE app.cnt(*) OWNER TO postgres;",
	        "ALTER TYPE app.mood OWNER TO postgres;",
	        "ALTER DOMAIN app.posint OWNER TO postgres;",
	        "ALTER SCHEMA app OWNER TO postgres;",
	        "ALTER SCHEMA public OWNER TO pg_database_owner;",
	        "ALTER DATABASE app OWNER TO postgres;",
	        "ALTER COLLATION app.c OWNER TO postgres;",
	        "ALTER CONVERSION app.c OWNER TO postgres;",
	        "ALTER OPERATOR app.=== (integer, integer) OWNER TO postgres;",
	        "ALTER OPERATOR app.- (NONE, integer) OWNER TO postgres;",
	        "ALTER OPERATOR CLASS app.ops USING btree OWNER TO postgres;",
	        "ALTER OPERATOR FAMILY app.ops USING gist OWNER TO postgres;",
	        "ALTER TEXT SEARCH CONFIGURATION app.cfg OWNER TO postgres;",
	        "ALTER TEXT SEARCH DICTIONARY app.d OWNER TO postgres;",
	        "ALTER STATISTICS app.st OWNER TO postgres;",
	        "ALTER LARGE OBJECT 16403 OWNER TO postgres;",
	        "ALTER LANGUAGE plperl OWNER TO postgres;",
	        "ALTER PROCEDURAL LANGUAGE plperl OWNER TO postgres;",
	        "ALTER EVENT TRIGGER et OWNER TO postgres;",
	        "ALTER FOREIGN DATA WRAPPER w OWNER TO postgres;",
	        "ALTER SERVER s OWNER TO postgres;",
	        "ALTER PUBLICATION pub OWNER TO postgres;",
	        "ALTER SUBSCRIPTION sub OWNER TO postgres;",
	        "ALTER TABLESPACE ts OWNER TO postgres;",
	        "alter table \"Odd\".\"Name\" owner to postgres;",
	        "ALTER /* c */ TABLE -- c\n t\n OWNER TO postgres;",
	        "ALTER TABLE owner OWNER TO owner;",
	        NULL,
	};

	(void)state;
	for (const char *const *s = stmts; *s; s++) {
		struct sk_buf in = SK_BUF_INIT;
		char *got;

		sk_buf_addf(&in, "SELECT 1;\n%s\nSELECT 2;\n", *s);
		got = prep(in.buf, NULL);
		if (strcmp(got, "SELECT 1;\nSELECT 2;\n") != 0)
			fail_msg("not removed: %s -> %s", *s, got);
		free(got);
		sk_buf_release(&in);
	}
}

static void test_prepare__keeps_statements_that_only_look_like_owner_changes(void **state)
{
	(void)state;
	expect_unchanged("ALTER TABLE t RENAME owner TO x;\n"
	                 "ALTER TABLE t RENAME COLUMN owner TO x;\n"
	                 "ALTER TABLE t RENAME CONSTRAINT owner TO x;\n"
	                 "ALTER TYPE t RENAME ATTRIBUTE owner TO x;\n"
	                 "ALTER TABLE t ADD COLUMN owner text;\n"
	                 "ALTER TABLE t OWNER TO x, ADD COLUMN y int;\n"
	                 "ALTER TABLE ONLY t ALTER COLUMN owner SET DEFAULT 'OWNER TO x';\n"
	                 "ALTER SEQUENCE s OWNED BY t.owner;\n"
	                 "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO owner;\n"
	                 "ALTER ROLE owner RENAME TO x;\n"
	                 "COMMENT ON TABLE t IS 'ALTER TABLE t OWNER TO x;';\n"
	                 "CREATE TABLE owner (owner text);\n"
	                 "SELECT 'ALTER TABLE t OWNER TO x';\n",
	                 NULL);
}

static void test_prepare__dollar_quoted_bodies_stay_byte_for_byte(void **state)
{
	static const char in[] = "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\n"
	                         "BEGIN\n"
	                         "  EXECUTE 'ALTER TABLE x OWNER TO y';\n"
	                         "  ALTER TABLE x OWNER TO y;\n"
	                         "  GRANT SELECT ON x TO y;\n"
	                         "  SET transaction_timeout = 0;\n"
	                         "\\restrict key\n"
	                         "\\connect other\n"
	                         "END\n"
	                         "$$;\n"
	                         "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$\n"
	                         "SELECT $x$ ALTER TABLE x OWNER TO y; $x$\n"
	                         "$body$;\n"
	                         "DO $do$ BEGIN ALTER TABLE x OWNER TO y; END $do$;\n";
	struct sk_prepare_opts o = all_flags();

	(void)state;
	expect_unchanged(in, NULL);
	expect_unchanged(in, &o);
}

static void test_prepare__strings_and_comments_stay_byte_for_byte(void **state)
{
	static const char in[] = "-- \\restrict in a line comment\n"
	                         "/* block comment\n"
	                         "\\restrict key\n"
	                         "ALTER TABLE x OWNER TO y;\n"
	                         "   /* nested */ GRANT ALL ON t TO r;\n"
	                         "*/\n"
	                         "SELECT 'a string\n"
	                         "\\restrict key\n"
	                         "ALTER TABLE x OWNER TO y;\n"
	                         "';\n"
	                         "SELECT E'escaped \\' quote\n"
	                         "\\unrestrict key\\\\\n"
	                         "ALTER TABLE x OWNER TO y;';\n"
	                         "SELECT e'\\\\';\n"
	                         "SELECT \"col\n"
	                         "\\restrict\" FROM t;\n"
	                         "COMMENT ON FUNCTION f() IS 'SET transaction_timeout = 0;';\n";
	struct sk_prepare_opts o = all_flags();

	(void)state;
	expect_unchanged(in, NULL);
	expect_unchanged(in, &o);
}

static void test_prepare__removal_takes_its_lines_and_one_blank_line(void **state)
{
	(void)state;
	/* whole lines: the line, its newline and one blank line after */
	expect_prep("CREATE TABLE t (id int);\n\n\nALTER TABLE t OWNER TO u;\n\n--\n", NULL,
	            "CREATE TABLE t (id int);\n\n\n--\n");
	/* only one blank line goes, and a blank line of spaces counts */
	expect_prep("A;\nALTER TABLE t OWNER TO u;\n \t\n\nB;\n", NULL, "A;\n\nB;\n");
	/* a statement over several lines, indented, with space after its ';' */
	expect_prep("A;\n  ALTER TABLE t\n    OWNER TO u;  \nB;\n", NULL, "A;\nB;\n");
	/* the leading comment block stays */
	expect_prep("--\n-- Name: t; Owner: u\n--\n\nALTER TABLE t OWNER TO u;\n\nB;\n", NULL,
	            "--\n-- Name: t; Owner: u\n--\n\nB;\n");
	/* sharing a line: the statement and the space between it and its neighbour */
	expect_prep("A; ALTER TABLE t OWNER TO u;\nB;\n", NULL, "A;\nB;\n");
	expect_prep("ALTER TABLE t OWNER TO u; B;\n", NULL, "B;\n");
	expect_prep("  ALTER TABLE t OWNER TO u;\tB;\n", NULL, "  B;\n");
	expect_prep("A; ALTER TABLE t OWNER TO u; B;\n", NULL, "A; B;\n");
	expect_prep("ALTER TABLE t OWNER TO u; -- why\nB;\n", NULL, "-- why\nB;\n");
	expect_prep("/* c */ ALTER TABLE t OWNER TO u;\nB;\n", NULL, "/* c */\nB;\n");
	/* CRLF */
	expect_prep("A;\r\nALTER TABLE t OWNER TO u;\r\n\r\nB;\r\n", NULL, "A;\r\nB;\r\n");
	/* the last statement, without ';' or newline */
	expect_prep("A;\nALTER TABLE t OWNER TO u", NULL, "A;\n");
	expect_prep("ALTER TABLE t OWNER TO u;", NULL, "");
	/* several in a row */
	expect_prep("SET a = 1;\nSET b = 2;\n\nSET c = 3;\n\n--\n",
	            &(struct sk_prepare_opts){.strip_set = true}, "--\n");
}

static void test_prepare__strip_grants(void **state)
{
	struct sk_prepare_opts o = SK_PREPARE_OPTS_INIT;
	static const char in[] =
	        "CREATE TABLE t (id int);\n\n"
	        "--\n-- Name: TABLE t; Type: ACL\n--\n\n"
	        "GRANT SELECT ON TABLE public.t TO reader;\n\n\n"
	        "REVOKE ALL ON FUNCTION f() FROM PUBLIC;\n"
	        "GRANT SELECT(id) ON TABLE t TO reader;\n"
	        "grant reader to writer;\n"
	        "ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA app GRANT SELECT ON TABLES  TO r;\n"
	        "--\nSELECT 1;\n";

	(void)state;
	expect_unchanged(in, &o);
	o.strip_grants = true;
	expect_prep(in, &o,
	            "CREATE TABLE t (id int);\n\n--\n-- Name: TABLE t; Type: ACL\n--\n\n\n--\nSELECT 1;\n");
}

static void test_prepare__strip_extension_comments(void **state)
{
	struct sk_prepare_opts o = SK_PREPARE_OPTS_INIT;
	static const char in[] = "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;\n\n"
	                         "COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';\n\n"
	                         "comment on extension \"uuid-ossp\" is 'x';\n"
	                         "COMMENT ON SCHEMA public IS 'standard public schema';\n";

	(void)state;
	expect_unchanged(in, &o);
	o.strip_extension_comments = true;
	expect_prep(in, &o,
	            "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;\n\n"
	            "COMMENT ON SCHEMA public IS 'standard public schema';\n");
}

static void test_prepare__strip_set(void **state)
{
	struct sk_prepare_opts o = SK_PREPARE_OPTS_INIT;
	static const char in[] = "SET statement_timeout = 0;\n"
	                         "SELECT pg_catalog.set_config('search_path', '', false);\n"
	                         "select set_config('a.b', 'c', true);\n"
	                         "SET LOCAL x TO 1;\n"
	                         "SET search_path = public, pg_catalog;\n"
	                         "SET TIME ZONE 'UTC';\n"
	                         "\n"
	                         "SELECT set_config('a', 'b', false), 1;\n"
	                         "UPDATE t SET x = 1;\n"
	                         "CREATE TABLE s (set int);\n";

	(void)state;
	expect_unchanged(in, &o);
	o.strip_set = true;
	expect_prep(
	        in, &o,
	        "SELECT set_config('a', 'b', false), 1;\nUPDATE t SET x = 1;\nCREATE TABLE s (set int);\n");
}

static void test_prepare__session_authorization_is_ownership(void **state)
{
	(void)state;
	expect_prep(
	        "SET SESSION AUTHORIZATION 'alice';\nCREATE TABLE t (id int);\nRESET SESSION AUTHORIZATION;\n"
	        "SET SESSION AUTHORIZATION DEFAULT;\nSET ROLE app;\n",
	        NULL, "CREATE TABLE t (id int);\nSET ROLE app;\n");
}

static void test_prepare__target_version(void **state)
{
	struct sk_prepare_opts o = SK_PREPARE_OPTS_INIT;
	static const char in[] = "SET statement_timeout = 0;\n"
	                         "SET lock_timeout = 0;\n"
	                         "SET idle_in_transaction_session_timeout = 0;\n"
	                         "SET transaction_timeout = 0;\n"
	                         "SET client_encoding = 'UTF8';\n"
	                         "SELECT pg_catalog.set_config('transaction_timeout', '0', false);\n"
	                         "SET xmloption = content;\n"
	                         "SET row_security = off;\n"
	                         "set SESSION Transaction_Timeout TO 0;\n"
	                         "SET default_table_access_method = heap;\n";

	(void)state;
	expect_unchanged(in, &o);
	o.target_version = 170000;
	expect_unchanged(in, &o);
	o.target_version = 160000;
	expect_prep(in, &o,
	            "SET statement_timeout = 0;\n"
	            "SET lock_timeout = 0;\n"
	            "SET idle_in_transaction_session_timeout = 0;\n"
	            "SET client_encoding = 'UTF8';\n"
	            "SET xmloption = content;\n"
	            "SET row_security = off;\n"
	            "SET default_table_access_method = heap;\n");
	o.target_version = 110000;
	expect_prep(in, &o,
	            "SET statement_timeout = 0;\n"
	            "SET lock_timeout = 0;\n"
	            "SET idle_in_transaction_session_timeout = 0;\n"
	            "SET client_encoding = 'UTF8';\n"
	            "SET xmloption = content;\n"
	            "SET row_security = off;\n");
	o.target_version = 90500;
	expect_prep(in, &o,
	            "SET statement_timeout = 0;\n"
	            "SET lock_timeout = 0;\n"
	            "SET client_encoding = 'UTF8';\n"
	            "SET xmloption = content;\n"
	            "SET row_security = off;\n");
	o.target_version = 90200;
	expect_prep(in, &o,
	            "SET statement_timeout = 0;\n"
	            "SET client_encoding = 'UTF8';\n"
	            "SET xmloption = content;\n");
}

static void test_prepare__parse_version(void **state)
{
	static const struct {
		const char *s;
		int want; /* 0: rejected */
	} cases[] = {
	        {"13", 130000}, {"17", 170000}, {"16.4", 160000}, {"10", 100000}, {"9.6", 90600},
	        {"9.5", 90500}, {"8.3", 80300}, {"9", 0},         {"7.4", 0},     {"", 0},
	        {"x", 0},       {"13x", 0},     {" 13", 0},       {"-13", 0},     {"13.", 0},
	        {"100", 0},     {"9.6.1", 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sk_error err = SK_ERROR_INIT;
		int v = -1, rc = sk_prepare_parse_version(&v, cases[i].s, &err);

		if (cases[i].want) {
			if (rc != 0 || v != cases[i].want)
				fail_msg("'%s': rc %d, version %d, want %d", cases[i].s, rc, v,
				         cases[i].want);
		} else {
			if (rc != -SK_ERR_USAGE || err.code != SK_ERR_USAGE)
				fail_msg("'%s' accepted as %d", cases[i].s, v);
			assert_non_null(strstr(err.message, cases[i].s));
		}
	}
}

static void test_prepare__create_schema_public_and_extensions_if_not_exists(void **state)
{
	(void)state;
	expect_prep("CREATE SCHEMA public;\n", NULL, "CREATE SCHEMA IF NOT EXISTS public;\n");
	expect_prep("create schema PUBLIC;\n", NULL, "create schema if not exists PUBLIC;\n");
	expect_prep("CREATE SCHEMA \"public\" AUTHORIZATION pg_database_owner;\n", NULL,
	            "CREATE SCHEMA IF NOT EXISTS \"public\" AUTHORIZATION pg_database_owner;\n");
	expect_prep("CREATE /* c */ SCHEMA\n  public", NULL, "CREATE /* c */ SCHEMA IF NOT EXISTS\n  public");
	expect_prep("CREATE EXTENSION citext WITH SCHEMA public;\n", NULL,
	            "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n");
	expect_prep("create extension \"uuid-ossp\";\n", NULL,
	            "create extension if not exists \"uuid-ossp\";\n");
	expect_unchanged("CREATE SCHEMA IF NOT EXISTS public;\n"
	                 "CREATE SCHEMA app;\n"
	                 "CREATE SCHEMA \"Public\";\n"
	                 "CREATE SCHEMA public CREATE TABLE t (id int);\n"
	                 "CREATE SCHEMA AUTHORIZATION public;\n"
	                 "CREATE EXTENSION IF NOT EXISTS citext;\n"
	                 "COMMENT ON SCHEMA public IS 'standard public schema';\n",
	                 NULL);
}

static void test_prepare__idempotent(void **state)
{
	struct sk_prepare_opts flag_sets[4] = {SK_PREPARE_OPTS_INIT, SK_PREPARE_OPTS_INIT,
	                                       SK_PREPARE_OPTS_INIT, all_flags()};
	static const char extra[] = "CREATE SCHEMA public;\ncreate extension citext;\n"
	                            "A; ALTER TABLE t OWNER TO u; B;\n\\connect x\n\n\nSELECT 1;\n";

	(void)state;
	flag_sets[1].strip_grants = true;
	flag_sets[2].target_version = 120000;
	for (size_t i = 0; i < 4; i++) {
		const char *inputs[] = {pg_dump_text, extra};

		for (size_t j = 0; j < 2; j++) {
			char *once = prep(inputs[j], &flag_sets[i]);
			char *twice = prep(once, &flag_sets[i]);

			assert_string_equal(twice, once);
			assert_string_not_equal(once, inputs[j]);
			free(once);
			free(twice);
		}
	}
}

/* Random scripts from pieces of what the filter looks at: no crash, no
 * over-read (ASan), only SK_ERR_INPUT errors, and preparing twice gives what
 * preparing once does. */
static void test_prepare__random_scripts(void **state)
{
	static const char *const pieces[] = {
	        "ALTER",
	        " TABLE",
	        " t",
	        " OWNER",
	        " TO",
	        " u",
	        ";",
	        "\n",
	        "\n\n",
	        " ",
	        "\t",
	        "\r\n",
	        "\\restrict k\n",
	        "\\connect db\n",
	        "SET x = 1",
	        "SET transaction_timeout TO 0",
	        "GRANT ALL ON t TO r",
	        "REVOKE",
	        "COMMENT ON EXTENSION e IS 'c'",
	        "SELECT pg_catalog.set_config('a', 'b', false)",
	        "CREATE SCHEMA public",
	        "create extension e",
	        "'",
	        "E'\\''",
	        "$$",
	        "$f$",
	        "--",
	        "/*",
	        "*/",
	        "(",
	        ")",
	        ".",
	        "\"",
	        "SELECT 1",
	        "COPY t FROM stdin",
	        "\\.\n",
	        "SET SESSION AUTHORIZATION 'a'",
	        "x",
	        "é",
	};
	const size_t npieces = sizeof(pieces) / sizeof(pieces[0]);
	struct sk_prepare_opts o = all_flags();
	unsigned seed = 12345;

	(void)state;
	for (int round = 0; round < 10000; round++) {
		struct sk_buf in = SK_BUF_INIT;
		struct sk_error err = SK_ERROR_INIT;
		int n = 1 + round % 40;
		char *once, *twice;
		int rc;

		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			sk_buf_adds(&in, pieces[(seed >> 16) % npieces]);
		}
		o.strip_grants = round % 2;
		o.strip_set = round % 3 == 0;
		rc = prep_n(&once, in.buf, in.len, round % 5 ? &o : NULL, &err);
		if (rc == 0) {
			rc = prep_n(&twice, once, strlen(once), round % 5 ? &o : NULL, &err);
			assert_int_equal(rc, 0);
			if (strcmp(once, twice) != 0)
				fail_msg("not idempotent on: %s\n--- once:\n%s\n--- twice:\n%s", in.buf, once,
				         twice);
			free(twice);
		} else {
			assert_int_equal(rc, -SK_ERR_INPUT);
			assert_string_equal(once, "");
		}
		free(once);
		sk_buf_release(&in);
	}
}

/* --- errors -------------------------------------------------------------- */

static void expect_error(const char *in, size_t len, unsigned line, unsigned col, const char *msg_part)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf out = SK_BUF_INIT;
	char *copy = malloc(len);
	int rc;

	assert_non_null(copy);
	memcpy(copy, in, len);
	sk_buf_adds(&out, "kept");
	rc = sk_prepare_init(&out, "dump.sql", copy, len, &no_flags, &err);
	free(copy);
	assert_int_equal(rc, -SK_ERR_INPUT);
	assert_int_equal(err.code, SK_ERR_INPUT);
	assert_string_equal(err.file, "dump.sql");
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
	if (!strstr(err.message, msg_part))
		fail_msg("message '%s' lacks '%s'", err.message, msg_part);
	/* nothing half-built escapes */
	assert_string_equal(out.buf, "kept");
	sk_buf_release(&out);
}

#define EXPECT_ERROR(lit, line, col, part) expect_error((lit), sizeof(lit) - 1, (line), (col), (part))

static void test_prepare__errors_are_located(void **state)
{
	(void)state;
	EXPECT_ERROR("SELECT 1;\nCREATE FUNCTION f() AS $body$\nBEGIN\n", 2, 24,
	             "unterminated dollar-quoted");
	EXPECT_ERROR("SELECT 1;\n  SELECT 'abc\n", 2, 10, "unterminated quoted string");
	EXPECT_ERROR("SELECT E'abc\\';\n", 1, 8, "unterminated quoted string");
	EXPECT_ERROR("/* open\n", 1, 1, "unterminated block comment");
	EXPECT_ERROR("COPY t FROM stdin;\n1\n2\n", 2, 1, "unterminated copy data");
	EXPECT_ERROR("SELECT 1;\nSEL\0ECT 2;\n", 2, 4, "NUL byte");
	EXPECT_ERROR("\0\0\0\0", 1, 1, "NUL byte");
	EXPECT_ERROR("SELECT 'caf\xe9';\n", 1, 12, "invalid UTF-8");
	EXPECT_ERROR("SELECT '\xc0\xaf';\n", 1, 9, "invalid UTF-8");         /* overlong */
	EXPECT_ERROR("SELECT '\xed\xa0\x80';\n", 1, 9, "invalid UTF-8");     /* surrogate */
	EXPECT_ERROR("SELECT '\xf4\x90\x80\x80';\n", 1, 9, "invalid UTF-8"); /* past U+10FFFF */
	EXPECT_ERROR("-- x\n\xe6\x97", 2, 1, "invalid UTF-8");               /* truncated */
	EXPECT_ERROR("SELECT 1;\n\\copy t from stdin\n1\n\\.\n", 2, 1, "\\copy");
}

/* --- the command --------------------------------------------------------- */

struct tmp {
	char dir[64];
	char in[128];
	char out[128];
};

static void tmp_init(struct tmp *t)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/test_prepare.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->in, sizeof(t->in), "%s/dump.sql", t->dir);
	snprintf(t->out, sizeof(t->out), "%s/init.sql", t->dir);
}

static void tmp_release(struct tmp *t)
{
	unlink(t->in);
	unlink(t->out);
	rmdir(t->dir);
}

static void write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, strlen(s), f), strlen(s));
	assert_int_equal(fclose(f), 0);
}

static void test_prepare__run_output_and_check(void **state)
{
	struct sk_prepare_run_opts o = {0};
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf out = SK_BUF_INIT, file = SK_BUF_INIT;
	struct timeval old[2] = {{1000000000, 0}, {1000000000, 0}};
	struct stat st;
	struct tmp t;

	(void)state;
	tmp_init(&t);
	write_file(t.in, "\\restrict k\nCREATE TABLE t (id int);\nALTER TABLE t OWNER TO u;\n");
	o.input = t.in;

	/* to `out` */
	assert_int_equal(sk_prepare_run(&o, &out, &err), 0);
	assert_string_equal(out.buf, "CREATE TABLE t (id int);\n");

	/* --check of a missing file */
	o.check = t.out;
	o.filter.strip_grants = true;
	o.filter.target_version = 90600;
	assert_int_equal(sk_prepare_run(&o, &out, &err), -SK_ERR_DIFF);
	assert_non_null(strstr(err.message, "does not exist"));
	assert_non_null(strstr(err.hint, "--strip-grants --target-version 9.6"));
	assert_non_null(strstr(err.hint, " -o "));

	/* -o writes it */
	o.check = NULL;
	o.output = t.out;
	assert_int_equal(sk_prepare_run(&o, &out, &err), 0);
	assert_int_equal(sk_fs_read_file(&file, t.out, &err), 0);
	assert_string_equal(file.buf, "CREATE TABLE t (id int);\n");
	assert_string_equal(out.buf, "CREATE TABLE t (id int);\n"); /* nothing more appended */

	/* an unchanged output is not rewritten: its mtime stays */
	assert_int_equal(utimes(t.out, old), 0);
	assert_int_equal(sk_prepare_run(&o, &out, &err), 0);
	assert_int_equal(stat(t.out, &st), 0);
	assert_int_equal((long long)st.st_mtime, 1000000000LL);

	/* --check: fresh, then stale */
	o.output = NULL;
	o.check = t.out;
	assert_int_equal(sk_prepare_run(&o, &out, &err), 0);
	write_file(t.out, "CREATE TABLE t (id int);\n-- edited\n");
	sk_error_init(&err);
	assert_int_equal(sk_prepare_run(&o, &out, &err), -SK_ERR_DIFF);
	assert_non_null(strstr(err.message, "is out of date"));
	assert_non_null(strstr(err.message, t.out));
	assert_non_null(strstr(err.detail, "line 2"));
	assert_non_null(strstr(err.hint, "schemake-prepare-init"));
	sk_buf_reset(&file);
	assert_int_equal(sk_fs_read_file(&file, t.out, &err), 0);
	assert_string_equal(file.buf, "CREATE TABLE t (id int);\n-- edited\n"); /* --check writes nothing */

	/* a missing input */
	o.input = "/nonexistent/dump.sql";
	sk_error_init(&err);
	assert_int_equal(sk_prepare_run(&o, &out, &err), -SK_ERR_IO);
	assert_non_null(strstr(err.message, "/nonexistent/dump.sql"));

	/* a bad input is located in its file */
	o.input = t.in;
	o.check = NULL;
	write_file(t.in, "SELECT 1;\nSELECT $$x;\n");
	sk_error_init(&err);
	assert_int_equal(sk_prepare_run(&o, &out, &err), -SK_ERR_INPUT);
	assert_string_equal(err.file, t.in);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 8);

	sk_buf_release(&out);
	sk_buf_release(&file);
	tmp_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_prepare__nothing_to_strip_is_byte_identical),
	        cmocka_unit_test(test_prepare__pg_dump_comes_out_as_no_owner),
	        cmocka_unit_test(test_prepare__removes_restrict_and_every_meta_command),
	        cmocka_unit_test(test_prepare__removes_owner_changes_of_every_kind),
	        cmocka_unit_test(test_prepare__keeps_statements_that_only_look_like_owner_changes),
	        cmocka_unit_test(test_prepare__dollar_quoted_bodies_stay_byte_for_byte),
	        cmocka_unit_test(test_prepare__strings_and_comments_stay_byte_for_byte),
	        cmocka_unit_test(test_prepare__removal_takes_its_lines_and_one_blank_line),
	        cmocka_unit_test(test_prepare__strip_grants),
	        cmocka_unit_test(test_prepare__strip_extension_comments),
	        cmocka_unit_test(test_prepare__strip_set),
	        cmocka_unit_test(test_prepare__session_authorization_is_ownership),
	        cmocka_unit_test(test_prepare__target_version),
	        cmocka_unit_test(test_prepare__parse_version),
	        cmocka_unit_test(test_prepare__create_schema_public_and_extensions_if_not_exists),
	        cmocka_unit_test(test_prepare__idempotent),
	        cmocka_unit_test(test_prepare__random_scripts),
	        cmocka_unit_test(test_prepare__errors_are_located),
	        cmocka_unit_test(test_prepare__run_output_and_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
