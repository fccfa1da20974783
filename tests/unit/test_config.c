/*
 * Unit tests of config/config.c and config/dotenv.c: .env syntax,
 * schemake.ini keys and errors, the precedence of flags, environment, .env
 * and schemake.ini, and the password file. Each test works in its own
 * temporary project directory under $SK_TEST_TMP (or /tmp), removed after.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/fs.h"
#include "config/config.h"

#include "common/banned.h"

static const char *const sk_vars[] = {"DATABASE_URL",           "SCHEMAKE_ENV", "SCHEMAKE_MIGRATIONS_DIR",
                                      "SCHEMAKE_PASSWORD_FILE", "PGHOST",       "PGPASSWORD"};

struct project {
	char dir[4096];
	char cwd[4096];
};

static void clear_env(void)
{
	for (size_t i = 0; i < sizeof(sk_vars) / sizeof(sk_vars[0]); i++)
		unsetenv(sk_vars[i]);
}

static int setup(void **state)
{
	struct project *p = calloc(1, sizeof(*p));
	const char *base = getenv("SK_TEST_TMP");
	char *real;

	if (!p)
		return -1;
	if (!base || !*base)
		base = "/tmp";
	if (sk_fs_mkdirs(base, 0755, NULL) != 0)
		return -1;
	snprintf(p->dir, sizeof(p->dir), "%s/config-XXXXXX", base);
	if (!mkdtemp(p->dir))
		return -1;
	/* sk_config_load reports project_dir canonical */
	real = realpath(p->dir, NULL);
	if (!real)
		return -1;
	snprintf(p->dir, sizeof(p->dir), "%s", real);
	free(real);
	if (!getcwd(p->cwd, sizeof(p->cwd)))
		return -1;
	clear_env();
	*state = p;
	return 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	struct project *p = *state;
	int rc;

	clear_env();
	rc = chdir(p->cwd);
	if (nftw(p->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
		rc = -1;
	free(p);
	return rc;
}

/* Writes dir/name (creating dir/secrets etc. as needed) with the given mode. */
static void write_file(const struct project *p, const char *name, const char *text, unsigned mode)
{
	char *path = sk_fs_join(p->dir, name);
	char *slash = strrchr(path, '/');
	FILE *f;

	*slash = '\0';
	assert_int_equal(sk_fs_mkdirs(path, 0755, NULL), 0);
	*slash = '/';
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, (mode_t)mode), 0);
	free(path);
}

static char *in_project(const struct project *p, const char *name)
{
	return sk_fs_join(p->dir, name);
}

static void load_ok(struct sk_config *cfg, const struct project *p, struct sk_config_overrides *ov)
{
	struct sk_config_overrides local = SK_CONFIG_OVERRIDES_INIT;
	struct sk_error err = SK_ERROR_INIT;
	int rc;

	if (!ov)
		ov = &local;
	if (!ov->project_dir)
		ov->project_dir = p->dir;
	rc = sk_config_load(cfg, ov, &err);
	if (rc)
		fail_msg("sk_config_load failed: %s (%s:%u)", err.message, err.file, err.line);
}

/* Loads a project whose schemake.ini is text; it must fail. */
static void ini_fails(const struct project *p, const char *text, struct sk_error *err)
{
	struct sk_config_overrides ov = SK_CONFIG_OVERRIDES_INIT;
	struct sk_config cfg = SK_CONFIG_INIT;
	char *ini = in_project(p, "schemake.ini");

	write_file(p, "schemake.ini", text, 0644);
	ov.project_dir = p->dir;
	sk_error_init(err);
	assert_int_equal(sk_config_load(&cfg, &ov, err), -SK_ERR_CONFIG);
	assert_int_equal(err->code, SK_ERR_CONFIG);
	assert_string_equal(err->file, ini);
	assert_true(strlen(err->hint) > 0);
	assert_null(cfg.project_dir);
	assert_null(cfg.url);
	free(ini);
}

/* ---- .env ---- */

static void dotenv_equal(const char *text, const char *key, const char *expected)
{
	char *v = sk_dotenv_lookup(text, strlen(text), key, NULL);

	if (!expected) {
		assert_null(v);
		return;
	}
	if (!v)
		fail_msg("%s not found in: %s", key, text);
	assert_string_equal(v, expected);
	free(v);
}

static void test_config__dotenv_basic(void **state)
{
	(void)state;
	dotenv_equal("A=1\nDATABASE_URL=postgresql://u:p@h/db\nB=2\n", "DATABASE_URL",
	             "postgresql://u:p@h/db");
	dotenv_equal("A=1\n", "DATABASE_URL", NULL);
	dotenv_equal("DATABASE_URL_OLD=x\nMY_DATABASE_URL=y\n", "DATABASE_URL", NULL);
	dotenv_equal("KEY=", "KEY", "");
	dotenv_equal("KEY=last line without newline", "KEY", "last line without newline");
}

static void test_config__dotenv_export_and_spaces(void **state)
{
	(void)state;
	dotenv_equal("export KEY=v1\n", "KEY", "v1");
	dotenv_equal("  export\tKEY  =   v 2  \n", "KEY", "v 2");
	dotenv_equal("export=not a prefix\n", "export", "not a prefix");
}

static void test_config__dotenv_single_quotes_literal(void **state)
{
	(void)state;
	dotenv_equal("KEY='a \\n $HOME \"q\" # not a comment' # comment\n", "KEY",
	             "a \\n $HOME \"q\" # not a comment");
}

static void test_config__dotenv_double_quote_escapes(void **state)
{
	(void)state;
	dotenv_equal("KEY=\"line1\\nline2 \\\"q\\\" back\\\\slash ${NOEXP}\"\n", "KEY",
	             "line1\nline2 \"q\" back\\slash ${NOEXP}");
	dotenv_equal("KEY=\"multi\nline\"\nNEXT=1\n", "KEY", "multi\nline");
	dotenv_equal("KEY=\"multi\nline\"\nNEXT=1\n", "NEXT", "1");
}

static void test_config__dotenv_comments(void **state)
{
	(void)state;
	dotenv_equal("# KEY=commented\nKEY=value # trailing comment\n", "KEY", "value");
	dotenv_equal("KEY=pass#word\n", "KEY", "pass#word");
	dotenv_equal("KEY= # only a comment\n", "KEY", "");
	dotenv_equal("#KEY=x\n", "KEY", NULL);
	dotenv_equal("  # KEY=x\n", "KEY", NULL);
}

static void test_config__dotenv_crlf(void **state)
{
	(void)state;
	dotenv_equal("A=1\r\nKEY=value\r\nB=2\r\n", "KEY", "value");
	dotenv_equal("KEY='quoted'\r\n", "KEY", "quoted");
	dotenv_equal("KEY=\"two\r\nlines\"\r\n", "KEY", "two\nlines");
}

static void test_config__dotenv_last_wins_and_no_expansion(void **state)
{
	(void)state;
	dotenv_equal("KEY=first\nKEY=second\n", "KEY", "second");
	dotenv_equal("A=x\nKEY=$A\n", "KEY", "$A");
	/* an unterminated quote is not an assignment: the earlier one stands */
	dotenv_equal("KEY=ok\nKEY=\"broken\nOTHER=1\n", "KEY", "ok");
	dotenv_equal("KEY=ok\nKEY=\"broken\nOTHER=1\n", "OTHER", "1");
	dotenv_equal("not an assignment\nKEY=v\n", "KEY", "v");
}

static void test_config__dotenv_reports_an_unterminated_quote(void **state)
{
	const char *text = "A=1\n\nexport KEY = 'x\nB=2\nKEY=\"y\n";
	unsigned line = 99;
	char *v;

	(void)state;
	v = sk_dotenv_lookup(text, strlen(text), "KEY", &line);
	assert_int_equal(line, 3); /* the first broken assignment of KEY */
	free(v);
	v = sk_dotenv_lookup(text, strlen(text), "A", &line);
	assert_string_equal(v, "1");
	assert_int_equal(line, 0); /* other keys' lines do not count */
	free(v);
}

/* A broken DATABASE_URL line in .env must not make the tool fall back to
 * schemake.ini (another database). */
static void test_config__unterminated_quote_in_dotenv_is_an_error(void **state)
{
	struct project *p = *state;
	struct sk_config_overrides ov = SK_CONFIG_OVERRIDES_INIT;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_error err = SK_ERROR_INIT;

	write_file(p, "schemake.ini", "[database]\nurl = sqlite:ini.db\n", 0644);
	write_file(p, ".env", "# db\nDATABASE_URL=\"postgresql://u@h/db\n", 0600);
	unsetenv("DATABASE_URL");
	ov.project_dir = p->dir;
	assert_int_equal(sk_config_load(&cfg, &ov, &err), -SK_ERR_CONFIG);
	assert_string_equal(err.message, "DATABASE_URL: unterminated quote in the value");
	assert_string_equal(err.file, ".env");
	assert_int_equal(err.line, 2);
	assert_null(cfg.url);
	/* the environment wins over .env, which is then not read for the key */
	setenv("DATABASE_URL", "sqlite:env.db", 1);
	sk_error_init(&err);
	load_ok(&cfg, p, &ov);
	assert_string_equal(cfg.url, "sqlite:env.db");
	sk_config_release(&cfg);
	unsetenv("DATABASE_URL");
}

/* ---- schemake.ini ---- */

static void test_config__defaults(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;
	char *mig = in_project(p, "migrations"), *schema = in_project(p, "schema");

	load_ok(&cfg, p, NULL);
	assert_string_equal(cfg.project_dir, p->dir);
	assert_null(cfg.url);
	assert_null(cfg.url_source);
	assert_null(cfg.password_file);
	assert_null(cfg.ini_path);
	assert_int_equal(cfg.dialect, SK_DIALECT_POSTGRES);
	assert_false(cfg.protected_db);
	assert_string_equal(cfg.migrations_dir, mig);
	assert_string_equal(cfg.schema_dir, schema);
	assert_non_null(strstr(cfg.generated_dir, "/generated"));
	assert_non_null(strstr(cfg.seeds_dir, "/seeds"));
	sk_config_release(&cfg);
	assert_null(cfg.project_dir);
	free(mig);
	free(schema);
}

static void test_config__ini_all_keys(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;
	char *ini = in_project(p, "schemake.ini"), *pwf = in_project(p, "secrets/pg.txt");

	write_file(p, "schemake.ini",
	           "; comment\n"
	           "# another\n"
	           "[database]\n"
	           "url = postgresql://app@db.internal:5432/app?application_name=100%done\n"
	           "password_file = secrets/pg.txt\n"
	           "dialect = postgres\n"
	           "protected = yes\n"
	           "\n"
	           "[paths]\n"
	           "migrations = db/migrations\n"
	           "schema = db/schema ; inline comment\n"
	           "generated = /abs/generated\n"
	           "seeds = db/seeds\n",
	           0644);
	load_ok(&cfg, p, NULL);
	assert_string_equal(cfg.ini_path, ini);
	assert_string_equal(cfg.url, "postgresql://app@db.internal:5432/app?application_name=100%done");
	assert_string_equal(cfg.url_source, "schemake.ini");
	assert_string_equal(cfg.password_file, pwf);
	assert_string_equal(cfg.password_file_source, "schemake.ini [database] password_file");
	assert_int_equal(cfg.dialect, SK_DIALECT_POSTGRES);
	assert_true(cfg.protected_db);
	assert_non_null(strstr(cfg.migrations_dir, "/db/migrations"));
	assert_int_equal(strncmp(cfg.migrations_dir, p->dir, strlen(p->dir)), 0);
	assert_non_null(strstr(cfg.schema_dir, "/db/schema"));
	assert_null(strstr(cfg.schema_dir, "comment"));
	assert_string_equal(cfg.generated_dir, "/abs/generated");
	assert_non_null(strstr(cfg.seeds_dir, "/db/seeds"));
	sk_config_release(&cfg);
	free(ini);
	free(pwf);
}

static void test_config__ini_dialect_and_protected_values(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;

	write_file(p, "schemake.ini", "[Database]\nDialect = sqlite3\nprotected = false\n", 0644);
	load_ok(&cfg, p, NULL);
	assert_int_equal(cfg.dialect, SK_DIALECT_SQLITE);
	assert_false(cfg.protected_db);
	sk_config_release(&cfg);

	write_file(p, "schemake.ini", "[database]\nprotected = 1\n", 0644);
	load_ok(&cfg, p, NULL);
	assert_true(cfg.protected_db);
	sk_config_release(&cfg);
}

static void test_config__ini_long_url_line(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_buf url = SK_BUF_INIT, ini = SK_BUF_INIT;

	/* longer than inih's 200-byte line buffer */
	sk_buf_adds(&url,
	            "postgresql://app:pw@db-prod-cluster-1.abcdefghijk.eu-west-1.rds.amazonaws.com:5432/app"
	            "?sslmode=verify-full&sslrootcert=/etc/ssl/certs/rds-combined-ca-bundle.pem");
	for (int i = 0; i < 30; i++)
		sk_buf_adds(&url, "&application_name=schemake-migrations");
	sk_buf_addf(&ini, "[database]\nurl = %s   ; comment\ndialect = postgres\n[paths]\nseeds = s\n",
	            url.buf);
	write_file(p, "schemake.ini", ini.buf, 0644);
	load_ok(&cfg, p, NULL);
	assert_string_equal(cfg.url, url.buf);
	assert_non_null(strstr(cfg.seeds_dir, "/s"));
	sk_config_release(&cfg);
	sk_buf_release(&url);
	sk_buf_release(&ini);
}

static void test_config__ini_unknown_key(void **state)
{
	struct sk_error err;

	ini_fails(*state, "[database]\nurl = sqlite:x.db\n\nurll = sqlite:y.db\n", &err);
	assert_string_equal(err.message, "unknown key 'urll' in [database]");
	assert_int_equal(err.line, 4);
	assert_non_null(strstr(err.hint, "password_file"));

	ini_fails(*state, "[paths]\nmigration = m\n", &err);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.message, "'migration'"));
	assert_non_null(strstr(err.hint, "migrations"));
}

static void test_config__ini_unknown_section(void **state)
{
	struct sk_error err;

	/* even without keys, a misspelt section is reported */
	ini_fails(*state, "[database]\nurl = sqlite:x.db\n[pahts]\n", &err);
	assert_string_equal(err.message, "unknown section [pahts]");
	assert_int_equal(err.line, 3);

	ini_fails(*state, "url = sqlite:x.db\n", &err);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.message, "outside a section"));
}

static void test_config__ini_malformed_line(void **state)
{
	struct sk_error err;

	ini_fails(*state, "[database]\nurl = sqlite:x.db\nthis line has no equals sign\n", &err);
	assert_string_equal(err.message, "malformed line");
	assert_int_equal(err.line, 3);

	ini_fails(*state, "[database\nurl = sqlite:x.db\n", &err);
	assert_int_equal(err.line, 1);
}

static void test_config__ini_bad_values(void **state)
{
	struct sk_error err;

	ini_fails(*state, "[database]\ndialect = mysql\n", &err);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.message, "mysql"));

	ini_fails(*state, "[database]\nprotected = maybe\n", &err);
	assert_int_equal(err.line, 2);

	ini_fails(*state, "[database]\nurl = sqlite:a.db\n[paths]\n[database]\nurl = sqlite:b.db\n", &err);
	assert_int_equal(err.line, 5);
	assert_non_null(strstr(err.message, "duplicate key 'url'"));
	assert_non_null(strstr(err.hint, "line 2"));
}

static void test_config__ini_indented_continuation(void **state)
{
	struct sk_error err;

	/* inih would silently read "dialect = sqlite" as more of url */
	ini_fails(*state, "[database]\nurl = sqlite:a.db\n    dialect = sqlite\n", &err);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.message, "indented"));
}

static void test_config__ini_errors_never_show_the_url(void **state)
{
	struct sk_error err;

	ini_fails(*state, "[database]\nurl = postgresql://u:Sup3rS3cret@h/db\nprotected = perhaps\n", &err);
	assert_null(strstr(err.message, "Sup3rS3cret"));
	ini_fails(
	        *state,
	        "[database]\nurl = postgresql://u:Sup3rS3cret@h/db\nurl = postgresql://u:Sup3rS3cret@h/db\n",
	        &err);
	assert_null(strstr(err.message, "Sup3rS3cret"));
	assert_null(strstr(err.hint, "Sup3rS3cret"));
}

/* ---- precedence ---- */

static void test_config__url_precedence(void **state)
{
	struct project *p = *state;
	struct sk_config_overrides ov = SK_CONFIG_OVERRIDES_INIT;
	struct sk_config cfg = SK_CONFIG_INIT;

	write_file(p, "schemake.ini", "[database]\nurl = sqlite:ini.db\n", 0644);
	load_ok(&cfg, p, NULL);
	assert_string_equal(cfg.url, "sqlite:ini.db");
	assert_string_equal(cfg.url_source, "schemake.ini");
	assert_int_equal(cfg.dialect, SK_DIALECT_SQLITE);
	sk_config_release(&cfg);

	write_file(p, ".env", "DATABASE_URL=postgresql://dotenv/db\n", 0600);
	load_ok(&cfg, p, NULL);
	assert_string_equal(cfg.url, "postgresql://dotenv/db");
	assert_string_equal(cfg.url_source, ".env");
	assert_int_equal(cfg.dialect, SK_DIALECT_POSTGRES);
	sk_config_release(&cfg);

	setenv("DATABASE_URL", "postgresql://env/db", 1);
	load_ok(&cfg, p, NULL);
	assert_string_equal(cfg.url, "postgresql://env/db");
	assert_string_equal(cfg.url_source, "DATABASE_URL");
	sk_config_release(&cfg);

	ov.database_url = "sqlite:flag.db";
	load_ok(&cfg, p, &ov);
	assert_string_equal(cfg.url, "sqlite:flag.db");
	assert_string_equal(cfg.url_source, "--database-url");
	assert_int_equal(cfg.dialect, SK_DIALECT_SQLITE);
	sk_config_release(&cfg);
}

static void test_config__empty_values_count_as_unset(void **state)
{
	struct project *p = *state;
	struct sk_config_overrides ov = SK_CONFIG_OVERRIDES_INIT;
	struct sk_config cfg = SK_CONFIG_INIT;

	write_file(p, "schemake.ini", "[database]\nurl = sqlite:ini.db\n[paths]\nmigrations =\n", 0644);
	write_file(p, ".env", "DATABASE_URL=\nSCHEMAKE_MIGRATIONS_DIR=''\n", 0600);
	setenv("DATABASE_URL", "", 1);
	load_ok(&cfg, p, &ov);
	assert_string_equal(cfg.url, "sqlite:ini.db");
	assert_string_equal(cfg.url_source, "schemake.ini");
	assert_non_null(strstr(cfg.migrations_dir, "/migrations"));
	sk_config_release(&cfg);
}

/* ...but an option given with an empty value (an unset variable in a
 * script) is an error, not a fall-back to another database. */
static void test_config__empty_options_are_errors(void **state)
{
	struct project *p = *state;
	static const char *const names[] = {"--database-url", "--password-file", "--migrations-dir"};

	write_file(p, "schemake.ini", "[database]\nurl = sqlite:ini.db\n", 0644);
	for (size_t i = 0; i < 3; i++) {
		struct sk_config_overrides ov = SK_CONFIG_OVERRIDES_INIT;
		struct sk_config cfg = SK_CONFIG_INIT;
		struct sk_error err = SK_ERROR_INIT;
		char want[64];

		ov.project_dir = p->dir;
		if (i == 0)
			ov.database_url = "";
		else if (i == 1)
			ov.password_file = "";
		else
			ov.migrations_dir = "";
		assert_int_equal(sk_config_load(&cfg, &ov, &err), -SK_ERR_USAGE);
		snprintf(want, sizeof(want), "%s: empty value", names[i]);
		assert_string_equal(err.message, want);
		assert_null(cfg.url);
	}
}

static void test_config__url_dialect_beats_ini_dialect(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;

	write_file(p, "schemake.ini", "[database]\ndialect = sqlite\n", 0644);
	setenv("DATABASE_URL", "postgresql://h/db", 1);
	load_ok(&cfg, p, NULL);
	assert_int_equal(cfg.dialect, SK_DIALECT_POSTGRES);
	sk_config_release(&cfg);
}

static void test_config__protected_sources(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;

	setenv("SCHEMAKE_ENV", "production", 1);
	load_ok(&cfg, p, NULL);
	assert_true(cfg.protected_db);
	sk_config_release(&cfg);

	unsetenv("SCHEMAKE_ENV");
	write_file(p, ".env", "SCHEMAKE_ENV=production\n", 0600);
	load_ok(&cfg, p, NULL);
	assert_true(cfg.protected_db);
	sk_config_release(&cfg);

	/* the environment overrides .env */
	setenv("SCHEMAKE_ENV", "development", 1);
	load_ok(&cfg, p, NULL);
	assert_false(cfg.protected_db);
	sk_config_release(&cfg);

	/* schemake.ini protected = true holds whatever the stage */
	write_file(p, "schemake.ini", "[database]\nprotected = true\n", 0644);
	load_ok(&cfg, p, NULL);
	assert_true(cfg.protected_db);
	sk_config_release(&cfg);
}

static void test_config__migrations_dir_precedence(void **state)
{
	struct project *p = *state;
	struct sk_config_overrides ov = SK_CONFIG_OVERRIDES_INIT;
	struct sk_config cfg = SK_CONFIG_INIT;
	char *ini_dir = in_project(p, "from-ini"), *dotenv_dir = in_project(p, "from-dotenv"),
	     *env_dir = in_project(p, "from-env"), *flag_dir = in_project(p, "from-flag");

	write_file(p, "schemake.ini", "[paths]\nmigrations = from-ini\n", 0644);
	load_ok(&cfg, p, NULL);
	assert_string_equal(cfg.migrations_dir, ini_dir);
	sk_config_release(&cfg);

	write_file(p, ".env", "SCHEMAKE_MIGRATIONS_DIR=from-dotenv\n", 0600);
	load_ok(&cfg, p, NULL);
	assert_string_equal(cfg.migrations_dir, dotenv_dir);
	sk_config_release(&cfg);

	setenv("SCHEMAKE_MIGRATIONS_DIR", "from-env", 1);
	load_ok(&cfg, p, NULL);
	assert_string_equal(cfg.migrations_dir, env_dir);
	sk_config_release(&cfg);

	ov.migrations_dir = "from-flag";
	load_ok(&cfg, p, &ov);
	assert_string_equal(cfg.migrations_dir, flag_dir);
	sk_config_release(&cfg);

	ov.migrations_dir = "/somewhere/else";
	load_ok(&cfg, p, &ov);
	assert_string_equal(cfg.migrations_dir, "/somewhere/else");
	sk_config_release(&cfg);

	free(ini_dir);
	free(dotenv_dir);
	free(env_dir);
	free(flag_dir);
}

static void test_config__password_file_precedence(void **state)
{
	struct project *p = *state;
	struct sk_config_overrides ov = SK_CONFIG_OVERRIDES_INIT;
	struct sk_config cfg = SK_CONFIG_INIT;
	char *ini_f = in_project(p, "ini.txt"), *env_f = in_project(p, "env.txt");

	write_file(p, "schemake.ini", "[database]\npassword_file = ini.txt\n", 0644);
	load_ok(&cfg, p, NULL);
	assert_string_equal(cfg.password_file, ini_f);
	sk_config_release(&cfg);

	setenv("SCHEMAKE_PASSWORD_FILE", "env.txt", 1);
	load_ok(&cfg, p, NULL);
	assert_string_equal(cfg.password_file, env_f);
	assert_string_equal(cfg.password_file_source, "SCHEMAKE_PASSWORD_FILE");
	sk_config_release(&cfg);

	ov.password_file = "/run/secrets/pg";
	load_ok(&cfg, p, &ov);
	assert_string_equal(cfg.password_file, "/run/secrets/pg");
	assert_string_equal(cfg.password_file_source, "--password-file");
	sk_config_release(&cfg);
	free(ini_f);
	free(env_f);
}

static void test_config__project_dir(void **state)
{
	struct project *p = *state;
	struct sk_config_overrides ov = SK_CONFIG_OVERRIDES_INIT;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_error err = SK_ERROR_INIT;
	char *sub = in_project(p, "sub");

	assert_int_equal(sk_fs_mkdirs(sub, 0755, NULL), 0);
	/* default: the working directory; a relative -C is made absolute */
	assert_int_equal(chdir(p->dir), 0);
	assert_int_equal(sk_config_load(&cfg, NULL, &err), 0);
	assert_string_equal(cfg.project_dir, p->dir);
	sk_config_release(&cfg);
	ov.project_dir = "sub/../sub";
	assert_int_equal(sk_config_load(&cfg, &ov, &err), 0);
	assert_string_equal(cfg.project_dir, sub);
	sk_config_release(&cfg);

	ov.project_dir = "does-not-exist";
	assert_int_equal(sk_config_load(&cfg, &ov, &err), -SK_ERR_CONFIG);
	assert_non_null(strstr(err.message, "'does-not-exist'"));
	assert_null(cfg.project_dir);
	free(sub);
}

/* ---- sk_config_conninfo ---- */

static void conninfo_ok(struct sk_conninfo *ci, const struct sk_config *cfg)
{
	struct sk_error err = SK_ERROR_INIT;

	if (sk_config_conninfo(ci, cfg, &err) != 0)
		fail_msg("sk_config_conninfo failed: %s", err.message);
}

static void test_config__password_file_literal(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	write_file(p, "schemake.ini",
	           "[database]\nurl = postgresql://app@h/db\npassword_file = secrets/pg.txt\n", 0644);
	write_file(p, "secrets/pg.txt", " p%41ss w0rd%\"' \nsecond line\n", 0600);
	load_ok(&cfg, p, NULL);
	conninfo_ok(&ci, &cfg);
	assert_string_equal(sk_conninfo_get(&ci, "password"), " p%41ss w0rd%\"' ");
	assert_string_equal(sk_conninfo_get(&ci, "user"), "app");
	assert_string_equal(ci.pg_keywords[1], "password");
	sk_conninfo_release(&ci);

	/* \r\n is removed, a lone trailing \r of a last line without \n is not */
	write_file(p, "secrets/pg.txt", "crlf\r\n", 0600);
	conninfo_ok(&ci, &cfg);
	assert_string_equal(sk_conninfo_get(&ci, "password"), "crlf");
	sk_conninfo_release(&ci);
	write_file(p, "secrets/pg.txt", "no-newline", 0600);
	conninfo_ok(&ci, &cfg);
	assert_string_equal(sk_conninfo_get(&ci, "password"), "no-newline");
	sk_conninfo_release(&ci);
	sk_config_release(&cfg);
}

static void test_config__password_in_url_wins(void **state)
{
	struct project *p = *state;
	struct sk_config_overrides ov = SK_CONFIG_OVERRIDES_INIT;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	/* the file does not exist, and is not needed */
	ov.database_url = "postgresql://app:inurl@h/db";
	ov.password_file = "secrets/missing.txt";
	load_ok(&cfg, p, &ov);
	conninfo_ok(&ci, &cfg);
	assert_string_equal(sk_conninfo_get(&ci, "password"), "inurl");
	sk_conninfo_release(&ci);
	sk_config_release(&cfg);
}

static void test_config__password_file_missing(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;

	write_file(p, "schemake.ini",
	           "[database]\nurl = postgresql://app@h/db\npassword_file = secrets/x.txt\n", 0644);
	load_ok(&cfg, p, NULL);
	assert_int_equal(sk_config_conninfo(&ci, &cfg, &err), -SK_ERR_CONFIG);
	assert_int_equal(err.code, SK_ERR_CONFIG);
	assert_string_equal(err.message,
	                    "cannot read password file 'secrets/x.txt': No such file or directory");
	assert_non_null(strstr(err.hint, "password_file"));
	assert_null(ci.pg_keywords);
	sk_config_release(&cfg);
}

static void test_config__password_file_content_never_in_errors(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;

	/* the password read from the file, and then a broken URL */
	write_file(p, "schemake.ini", "[database]\nurl = postgresql://app@h:port/db\npassword_file = pw\n",
	           0644);
	write_file(p, "pw", "Sup3rS3cret\n", 0600);
	load_ok(&cfg, p, NULL);
	assert_int_equal(sk_config_conninfo(&ci, &cfg, &err), -SK_ERR_CONFIG);
	assert_null(strstr(err.message, "Sup3rS3cret"));
	assert_null(strstr(err.detail, "Sup3rS3cret"));
	assert_non_null(strstr(err.detail, "schemake.ini"));
	sk_config_release(&cfg);

	/* an empty file is an error too */
	write_file(p, "schemake.ini", "[database]\nurl = postgresql://app@h/db\npassword_file = pw\n", 0644);
	write_file(p, "pw", "\nSup3rS3cret\n", 0600);
	load_ok(&cfg, p, NULL);
	assert_int_equal(sk_config_conninfo(&ci, &cfg, &err), -SK_ERR_CONFIG);
	assert_string_equal(err.message, "password file 'pw' is empty");
	assert_null(strstr(err.hint, "Sup3rS3cret"));
	sk_config_release(&cfg);
}

static void test_config__password_file_insecure_flag(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;
	char *pw = in_project(p, "pw");

	write_file(p, "schemake.ini", "[database]\npassword_file = pw\n", 0644);
	write_file(p, "pw", "x\n", 0600);
	load_ok(&cfg, p, NULL);
	assert_false(sk_config_password_file_insecure(&cfg));
	assert_int_equal(chmod(pw, 0640), 0);
	assert_true(sk_config_password_file_insecure(&cfg));
	assert_int_equal(chmod(pw, 0604), 0);
	assert_true(sk_config_password_file_insecure(&cfg));
	assert_int_equal(chmod(pw, 0400), 0);
	assert_false(sk_config_password_file_insecure(&cfg));
	/* a missing file is not insecure (sk_config_conninfo reports it) */
	assert_int_equal(chmod(pw, 0644), 0);
	assert_int_equal(unlink(pw), 0);
	assert_false(sk_config_password_file_insecure(&cfg));
	sk_config_release(&cfg);
	/* no file configured: nothing to warn about */
	write_file(p, "schemake.ini", "[database]\n", 0644);
	load_ok(&cfg, p, NULL);
	assert_null(cfg.password_file);
	assert_false(sk_config_password_file_insecure(&cfg));
	sk_config_release(&cfg);
	free(pw);
}

static void test_config__libpq_environment_not_copied(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_conninfo ci = SK_CONNINFO_INIT;

	setenv("PGHOST", "env-host", 1);
	setenv("PGPASSWORD", "env-password", 1);
	setenv("DATABASE_URL", "postgresql:///db", 1);
	load_ok(&cfg, p, NULL);
	conninfo_ok(&ci, &cfg);
	assert_int_equal(ci.pg_nr, 1);
	assert_string_equal(sk_conninfo_get(&ci, "dbname"), "db");
	assert_null(sk_conninfo_get(&ci, "host"));
	assert_null(sk_conninfo_get(&ci, "password"));
	sk_conninfo_release(&ci);
	sk_config_release(&cfg);
}

static void test_config__sqlite_path_relative_to_project(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	char *db = in_project(p, "data/app.db");

	write_file(p, "schemake.ini", "[database]\nurl = sqlite:data/app.db\npassword_file = unused\n", 0644);
	load_ok(&cfg, p, NULL);
	conninfo_ok(&ci, &cfg);
	assert_int_equal(ci.dialect, SK_DIALECT_SQLITE);
	assert_string_equal(ci.sqlite_path, db);
	sk_conninfo_release(&ci);
	sk_config_release(&cfg);

	setenv("DATABASE_URL", "sqlite::memory:", 1);
	load_ok(&cfg, p, NULL);
	conninfo_ok(&ci, &cfg);
	assert_string_equal(ci.sqlite_path, ":memory:");
	sk_conninfo_release(&ci);
	sk_config_release(&cfg);
	free(db);
}

static void test_config__no_url_is_error(void **state)
{
	struct project *p = *state;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;

	load_ok(&cfg, p, NULL);
	assert_int_equal(sk_config_conninfo(&ci, &cfg, &err), -SK_ERR_CONFIG);
	assert_string_equal(err.message, "no database configured");
	assert_non_null(strstr(err.hint, "DATABASE_URL"));
	sk_config_release(&cfg);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	        T(test_config__dotenv_basic),
	        T(test_config__dotenv_export_and_spaces),
	        T(test_config__dotenv_single_quotes_literal),
	        T(test_config__dotenv_double_quote_escapes),
	        T(test_config__dotenv_comments),
	        T(test_config__dotenv_crlf),
	        T(test_config__dotenv_last_wins_and_no_expansion),
	        T(test_config__dotenv_reports_an_unterminated_quote),
	        T(test_config__defaults),
	        T(test_config__ini_all_keys),
	        T(test_config__ini_dialect_and_protected_values),
	        T(test_config__ini_long_url_line),
	        T(test_config__ini_unknown_key),
	        T(test_config__ini_unknown_section),
	        T(test_config__ini_malformed_line),
	        T(test_config__ini_bad_values),
	        T(test_config__ini_indented_continuation),
	        T(test_config__ini_errors_never_show_the_url),
	        T(test_config__url_precedence),
	        T(test_config__empty_values_count_as_unset),
	        T(test_config__empty_options_are_errors),
	        T(test_config__unterminated_quote_in_dotenv_is_an_error),
	        T(test_config__url_dialect_beats_ini_dialect),
	        T(test_config__protected_sources),
	        T(test_config__migrations_dir_precedence),
	        T(test_config__password_file_precedence),
	        T(test_config__project_dir),
	        T(test_config__password_file_literal),
	        T(test_config__password_in_url_wins),
	        T(test_config__password_file_missing),
	        T(test_config__password_file_content_never_in_errors),
	        T(test_config__password_file_insecure_flag),
	        T(test_config__libpq_environment_not_copied),
	        T(test_config__sqlite_path_relative_to_project),
	        T(test_config__no_url_is_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
