#ifndef SK_MIGRATE_H
#define SK_MIGRATE_H
/*
 * schemake-migrate's logic. sk_migrate_run() is the whole command: it loads
 * the configuration, opens what the verb needs and appends the verb's report
 * (text or JSON) to `out`; the tool prints it. Progress while applying is
 * streamed through the event callbacks, which the tool may leave NULL.
 *
 * The verb functions below it work on an open database and a loaded
 * migrations directory, for reuse by other tools (reset, dump).
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/error.h"
#include "config/config.h"
#include "db/db.h"
#include "migrate/history.h"
#include "migrate/migdir.h"

struct sk_migrate_events {
	void *ctx;
	/* once, when the lock is held by another process */
	void (*on_wait)(void *ctx, const char *what);
	/* before and after each migration; i is 1-based of n */
	void (*on_start)(void *ctx, size_t i, size_t n, const struct sk_migration *m, bool up);
	void (*on_done)(void *ctx, size_t i, size_t n, const struct sk_migration *m, bool up, long long ms);
	/* something the user should know that is not an error */
	void (*on_warning)(void *ctx, const char *message);
};

struct sk_migrate_opts {
	struct sk_config_overrides config;
	const char *verb; /* see sk_migrate_verbs */
	const char *arg;  /* target, name or revision, per verb */
	bool dry_run;
	bool single_transaction;
	bool allow_out_of_order;
	bool resume;
	bool json;
	bool exit_code;       /* status: exit 1 when anything is pending or wrong */
	bool offline;         /* verify: no database */
	long lock_timeout_ms; /* negative: wait forever */
	/* diff and check */
	const char *message;       /* -m: the new migration's name */
	const char *from;          /* --from URL|SNAPSHOT */
	const char *database;      /* check --database URL: drift of that database from the head */
	const char *to;            /* --to URL|SNAPSHOT */
	const char **renames;      /* --rename TABLE.OLD=NEW, repeatable */
	size_t nrenames;
	bool allow_destructive;
	bool autogenerate;         /* revision --autogenerate */
	struct sk_migrate_events events;
};

/* Names of the verbs, for --help and completion; NULL-terminated. */
extern const char *const sk_migrate_verbs[];

int sk_migrate_run(const struct sk_migrate_opts *opts, struct sk_buf *out, struct sk_error *err);

/* --- verbs over an open database --------------------------------------- */

struct sk_migrate_apply_opts {
	const char *target; /* NULL: head for upgrade, -1 for downgrade */
	bool dry_run;       /* append the SQL to dry_run_sql instead of running it */
	bool single_transaction;
	bool allow_out_of_order;
	bool resume;
	long lock_timeout_ms;
	struct sk_migrate_events events;
	struct sk_buf *dry_run_sql;
};

/* Applies pending migrations up to the target. *applied counts them. md may
 * come from sk_migdir_scan: the migrations to run (and a failed one to
 * resume) are lexed here, before the first statement. */
int sk_migrate_upgrade(struct sk_db *db, struct sk_migdir *md, const struct sk_migrate_apply_opts *o,
                       size_t *applied, struct sk_error *err);
/* Reverts applied migrations down to the target (default: the last one);
 * lexes the ones it reverts, as sk_migrate_upgrade does. */
int sk_migrate_downgrade(struct sk_db *db, struct sk_migdir *md, const struct sk_migrate_apply_opts *o,
                         size_t *reverted, struct sk_error *err);
/* Rewrites the history so that exactly the migrations up to target count as
 * applied, running none of them. */
int sk_migrate_stamp(struct sk_db *db, const struct sk_migdir *md, const char *target, long lock_timeout_ms,
                     struct sk_error *err);

enum sk_mig_state {
	SK_MIG_APPLIED,
	SK_MIG_PENDING,
	SK_MIG_CHANGED,      /* applied, but the file's checksum differs */
	SK_MIG_MISSING_FILE, /* applied, but no file */
	SK_MIG_FAILED        /* a non-transactional migration stopped midway */
};

struct sk_mig_status {
	const char *version;
	const char *name;
	const struct sk_migration *file;  /* NULL when missing */
	const struct sk_applied *applied; /* NULL when pending */
	enum sk_mig_state state;
	bool out_of_order; /* pending, but older than the newest applied */
};

struct sk_migrate_status {
	struct sk_history history;
	struct sk_mig_status *entries; /* by version */
	size_t nr;
	size_t napplied, npending, nproblems;
};

/* Borrows from md; release with sk_migrate_status_release. */
int sk_migrate_status_load(struct sk_migrate_status *out, struct sk_db *db, const struct sk_migdir *md,
                           struct sk_error *err);
void sk_migrate_status_release(struct sk_migrate_status *st);
const char *sk_mig_state_name(enum sk_mig_state s);

#endif
