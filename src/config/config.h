#ifndef SK_CONFIG_H
#define SK_CONFIG_H
/*
 * Project configuration. Sources, highest first (an empty value counts as
 * unset at every level):
 *   1. command-line flags (struct sk_config_overrides)
 *   2. the environment: DATABASE_URL, SCHEMAKE_ENV, SCHEMAKE_MIGRATIONS_DIR,
 *      SCHEMAKE_PASSWORD_FILE
 *   3. the project's .env file, same keys (KEY=VALUE lines; only the keys we
 *      use are read, the process environment is not changed)
 *   4. the project's schemake.ini (parsed with inih):
 *        [database] url = ..., password_file = secrets/postgres_password.txt,
 *                   dialect = postgres|sqlite,
 *                   protected = true|false|yes|no|on|off|1|0
 *        [paths]    migrations = ..., schema = ..., generated = ..., seeds = ...
 *        [codegen.types] TYPE = KIND, TYPE.sqlalchemy|python|pydantic = ...
 *                   (any key; schemake-codegen checks them: codegen/types.h)
 *      Values are literal: no interpolation, so '%' needs no escaping; a ';'
 *      after whitespace starts a comment (inih). Section and key names are
 *      case-insensitive. An unknown section or key, a duplicate key, a bad
 *      value, an indented (continuation) line or a malformed line is
 *      SK_ERR_CONFIG with err->file = the ini path and err->line set; the
 *      message itself carries no location (the reporter prints file:line:)
 *      and never a value of url.
 *   5. defaults: migrations, schema, generated, seeds; dialect postgres.
 * Relative paths (from any source, flags included) are resolved against
 * project_dir. protected_db is true when schemake.ini says protected = true
 * OR SCHEMAKE_ENV (environment, else .env) is "production".
 * libpq's own environment (PGHOST, PGUSER, PGPASSWORD, PGSERVICE, .pgpass)
 * fills whatever the URL leaves out, because connections go through libpq;
 * nothing here copies it.
 *
 * When no URL is configured at all, `url` is NULL and callers use the local
 * development cluster for a PostgreSQL project (db/cluster.h).
 */
#include <stdbool.h>

#include "common/error.h"
#include "config/url.h"

struct sk_config_overrides {
	const char *project_dir;    /* -C DIR; NULL: the working directory */
	const char *database_url;   /* --database-url */
	const char *migrations_dir; /* --migrations-dir */
	const char *password_file;  /* --password-file */
};
#define SK_CONFIG_OVERRIDES_INIT { NULL, NULL, NULL, NULL }

/* A key of a section whose keys are free ([codegen.types]), in file order. */
struct sk_config_entry {
	char *key, *value;
	unsigned line; /* in ini_path */
};
void sk_config_entries_free(struct sk_config_entry *entries, size_t n);

struct sk_config {
	char *project_dir;      /* absolute path */
	char *url;              /* raw URL; may hold a password: never print it */
	const char *url_source; /* "--database-url", "DATABASE_URL", ".env", "schemake.ini" or NULL */
	char *password_file;    /* resolved against project_dir; NULL when unset */
	/* where password_file was set, for messages: "--password-file",
	 * "SCHEMAKE_PASSWORD_FILE", ".env SCHEMAKE_PASSWORD_FILE",
	 * "schemake.ini [database] password_file"; NULL when unset */
	const char *password_file_source;
	enum sk_dialect dialect; /* of url when set, else [database] dialect, else postgres */
	bool protected_db;       /* [database] protected = true, or SCHEMAKE_ENV=production */
	char *migrations_dir;    /* resolved against project_dir; default "migrations" */
	char *schema_dir;        /* default "schema" */
	char *generated_dir;     /* default "generated" */
	char *seeds_dir;         /* default "seeds" */
	char *ini_path;          /* path of schemake.ini when it exists, else NULL */
	struct sk_config_entry *codegen_types; /* [codegen.types] */
	size_t ncodegen_types;
};
#define SK_CONFIG_INIT { 0 }

/* Fills out (overwritten; released again on failure). ov may be NULL.
 * SK_ERR_CONFIG when the project directory does not exist, when .env or
 * schemake.ini cannot be read, or for an error in schemake.ini (see above).
 * The URL is not validated here: sk_config_conninfo does that. */
int sk_config_load(struct sk_config *out, const struct sk_config_overrides *ov, struct sk_error *err);
void sk_config_release(struct sk_config *cfg);

/* Builds the connection settings of cfg->url: parses it and, for PostgreSQL
 * when it carries no (or an empty) password and a password_file is
 * configured, reads the password from that file (first line, its "\n" or
 * "\r\n" removed, every other byte literal: spaces, '%', quotes) into the
 * "password" keyword. A relative SQLite path is resolved against
 * project_dir. SK_ERR_CONFIG when cfg->url is NULL, the URL is malformed
 * (detail names cfg->url_source), or the password file is missing,
 * unreadable or empty (message names the file relative to the project, hint
 * names password_file_source; the file's content never appears). */
int sk_config_conninfo(struct sk_conninfo *out, const struct sk_config *cfg, struct sk_error *err);

/* True when cfg->password_file exists and is accessible to group or others
 * (mode & 077), as libpq requires of .pgpass. Not an error: the CLI warns
 * ("chmod 600 ..."). Only worth checking when the file is actually used,
 * i.e. the URL has no password of its own. */
bool sk_config_password_file_insecure(const struct sk_config *cfg);

/* Reads one key of a .env file's text (KEY=VALUE, optional `export `,
 * whitespace around '=', single quotes literal, double quotes with \n \r \t
 * \" \\ \$ escapes, quoted values may span lines, unquoted values lose a
 * trailing " # comment", # comment lines, CRLF). The last assignment wins;
 * no variable expansion. Returns a new string (possibly "") or NULL when
 * the key is not assigned. When unterminated_line is not NULL it is set to
 * the line of the first assignment of the key whose quote never closes
 * (such an assignment is skipped), or to 0. */
char *sk_dotenv_lookup(const char *text, size_t len, const char *key, unsigned *unterminated_line);

#endif
