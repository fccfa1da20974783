#ifndef SK_RESET_H
#define SK_RESET_H
/*
 * schemake-reset's logic: destroy the project's database and build it again
 * (dropdb && createdb && upgrade && seed; drop-all / create-all).
 *
 * Destroying, by mode:
 *   SK_RESET_DATABASE   PostgreSQL: from the maintenance database ("postgres",
 *                       else "template1") DROP DATABASE and CREATE DATABASE,
 *                       owned by the role that owned it before (from
 *                       template1, as createdb does: database-level settings,
 *                       grants and comments are not kept).
 *                       SQLite: remove the file and its -wal, -shm and
 *                       -journal files.
 *   SK_RESET_OBJECTS    keep the database, drop what is in it, in one
 *                       transaction. PostgreSQL: DROP SCHEMA ... CASCADE of
 *                       every non-system schema the connecting role owns (or
 *                       is a member of the owner of, as a database owner is of
 *                       pg_database_owner), then public is created again as a
 *                       fresh database has it (PostgreSQL 15+: owned by
 *                       pg_database_owner, USAGE for PUBLIC; before 15: CREATE
 *                       and USAGE for PUBLIC). This works for a database owner
 *                       who is not a superuser and may not drop the database.
 *                       Schemas owned by other roles are left alone (a
 *                       warning names them). SQLite: every table and view
 *                       (their indexes and triggers go with them) with
 *                       foreign_keys off.
 *   SK_RESET_SEED_ONLY  destroy nothing: only the seeds run.
 * Then, in this order: the migrations up to head (migrate), or a dump file's
 * statements followed by a stamp of head (from_dump), and the seeds.
 *
 * Guarantees:
 *   - every input (migrations directory, dump file, seed files) is read and
 *     lexed before anything is destroyed; a bad input destroys nothing;
 *   - a protected database (cfg->protected_db: schemake.ini protected = true,
 *     or SCHEMAKE_ENV=production) is refused (SK_ERR_REFUSED), --yes or not,
 *     unless opts->force; seed_only included;
 *   - PostgreSQL: other client sessions on the database are a refusal
 *     (SK_ERR_REFUSED) unless opts->force_disconnect, which terminates them;
 *   - before destroying anything events.on_notice says what will be
 *     destroyed (also under dry_run); without opts->yes events.confirm must
 *     answer yes (no callback, or SK_RESET_NO_TERMINAL, is a refusal).
 *     Nothing is asked when the database does not exist yet;
 *   - dry_run checks everything (configuration, inputs, protection, other
 *     sessions), writes the plan to out, and changes nothing;
 *   - the seeds run in one transaction: a failing statement rolls back every
 *     seed, and the error is located at its file:line:col. Seeds may not hold
 *     psql meta-commands or transaction control (BEGIN, COMMIT, ...);
 *   - a dump runs in one transaction too; psql meta-command lines (\restrict,
 *     \connect, ...) are skipped, and so are BEGIN/COMMIT lines (sqlite3's
 *     .dump writes them).
 * Only masked URLs appear in notices, reports and errors.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/error.h"
#include "config/config.h"
#include "migrate/migrate.h"

enum sk_reset_mode { SK_RESET_DATABASE = 0, SK_RESET_OBJECTS, SK_RESET_SEED_ONLY };

enum sk_reset_answer {
	SK_RESET_NO = 0,
	SK_RESET_YES,
	SK_RESET_NO_TERMINAL /* nobody to ask: refused */
};

/* What is about to be destroyed. Borrowed: valid during the callback only. */
struct sk_reset_notice {
	enum sk_dialect dialect;
	enum sk_reset_mode mode;
	const char *database;     /* PostgreSQL: the database name; SQLite: the file's path */
	const char *confirm_name; /* what a user types to confirm: the name, or the file's base name */
	const char *host;         /* PostgreSQL: host, address or socket directory; NULL for SQLite */
	const char *port;         /* PostgreSQL: NULL when libpq's default */
	const char *url;          /* masked: never a password */
	bool exists;              /* false: nothing to destroy, it is created */
	const char *owner;        /* PostgreSQL, when it exists: its owner, kept on re-creation */
	size_t sessions;          /* PostgreSQL: other client sessions connected to it */
	bool disconnect;          /* they will be terminated (force_disconnect) */
	const char *objects;      /* SK_RESET_OBJECTS: what will be dropped, e.g. 'schemas "app",
	                           * "public"' or '3 tables, 1 view'; NULL otherwise */
	bool dry_run;
};

struct sk_reset_events {
	void *ctx;
	/* before anything is destroyed (and under dry_run) */
	void (*on_notice)(void *ctx, const struct sk_reset_notice *n);
	/* asked unless opts->yes, after on_notice */
	enum sk_reset_answer (*confirm)(void *ctx, const struct sk_reset_notice *n);
	/* something the user should know that is not an error */
	void (*on_warning)(void *ctx, const char *message);
	/* one line of the report as each step is done ("dropped database 'app'");
	 * NULL: the lines are appended to sk_reset_run's out instead */
	void (*on_step)(void *ctx, const char *line);
	/* progress of the migrations (its on_warning is used for theirs) */
	struct sk_migrate_events migrate;
};

struct sk_reset_opts {
	struct sk_config_overrides config;
	enum sk_reset_mode mode;
	bool migrate;          /* then upgrade to head */
	const char *from_dump; /* then run this dump file and stamp head; excludes migrate */
	bool seed;             /* then run the seeds (implied by SK_RESET_SEED_ONLY) */
	const char *seeds_dir; /* NULL: cfg->seeds_dir; relative: to the project directory */
	bool yes;              /* confirmed on the command line */
	bool force;            /* reset a protected database anyway */
	bool force_disconnect; /* PostgreSQL: terminate other sessions first */
	bool dry_run;
	long lock_timeout_ms; /* for the migration lock; negative: wait forever */
	struct sk_reset_events events;
};

/* The whole command. Reports each step through events.on_step (or appends
 * it to out); a dry run appends its plan to out.
 * SK_ERR_USAGE for contradicting options, SK_ERR_REFUSED for every safety
 * refusal (message says which rule, hint says how to override), the codes of
 * config, db and migrate otherwise. */
int sk_reset_run(const struct sk_reset_opts *opts, struct sk_buf *out, struct sk_error *err);

#endif
