#ifndef SK_CONFIG_H
#define SK_CONFIG_H
/*
 * Project configuration. Sources, highest first:
 *   1. command-line flags (struct sk_config_overrides)
 *   2. the environment: DATABASE_URL, SCHEMAKE_ENV
 *   3. the project's .env file (KEY=VALUE lines; only the keys we use are read,
 *      the process environment is not changed)
 *   4. the project's schemake.ini:
 *        [database] url = ..., password_file = secrets/postgres_password.txt,
 *                   dialect = postgres|sqlite, protected = true|false
 *        [paths]    migrations = ..., schema = ..., generated = ..., seeds = ...
 *      Values are literal: no interpolation, so '%' needs no escaping.
 * libpq's own environment (PGHOST, PGUSER, PGPASSWORD, PGSERVICE, .pgpass)
 * fills whatever the URL leaves out, because connections go through libpq.
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

struct sk_config {
	char *project_dir;    /* absolute path */
	char *url;            /* raw URL; may hold a password: never print it */
	const char *url_source; /* "--database-url", "DATABASE_URL", ".env", "schemake.ini" or NULL */
	char *password_file;  /* resolved against project_dir; NULL when unset */
	enum sk_dialect dialect; /* of url when set, else [database] dialect, else postgres */
	bool protected_db;    /* [database] protected = true, or SCHEMAKE_ENV=production */
	char *migrations_dir; /* resolved against project_dir; default "migrations" */
	char *schema_dir;     /* default "schema" */
	char *generated_dir;  /* default "generated" */
	char *seeds_dir;      /* default "seeds" */
	char *ini_path;       /* path of schemake.ini when it exists, else NULL */
};
#define SK_CONFIG_INIT { 0 }

int sk_config_load(struct sk_config *out, const struct sk_config_overrides *ov, struct sk_error *err);
void sk_config_release(struct sk_config *cfg);

/* Builds the connection settings of cfg->url (which must be set): parses it
 * and, when it carries no password and a password_file is configured, reads
 * the password from that file (first line, trailing newline removed, every
 * other character literal). SK_ERR_CONFIG naming the file when it is missing
 * or unreadable. */
int sk_config_conninfo(struct sk_conninfo *out, const struct sk_config *cfg, struct sk_error *err);

/* Reads one key of a .env file's text (KEY=VALUE, optional `export `, single
 * or double quotes, # comments). Returns a new string or NULL when absent. */
char *sk_dotenv_lookup(const char *text, size_t len, const char *key);

#endif
