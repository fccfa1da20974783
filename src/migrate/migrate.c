/*
 * migrate.c: upgrade, downgrade, stamp and status over an open database and
 * a loaded migrations directory. The guarantees live here: every migration
 * runs in one transaction with its history row (unless it says
 * transaction:false, in which case progress is recorded statement by
 * statement), upgraders are serialised by the migration lock, and every
 * check (checksums, missing files, order, sum file, failed migrations, every
 * migration that may run lexes) runs before the first statement. An upgrade
 * first reads the history without the lock and stops there when nothing is
 * to be done; otherwise it takes the lock and decides again from a fresh
 * read. On PostgreSQL a transactional migration is sent as one batch (one
 * round trip). Configuration, connecting and reporting are run.c's.
 */
#include "migrate/migrate.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "migrate/target.h"
#include "common/banned.h"

/* "skmigrat" as a 64-bit advisory lock key: one lock per database. */
#define SK_MIGRATE_LOCK_KEY 0x736b6d6967726174LL

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *sk_mig_state_name(enum sk_mig_state s)
{
	switch (s) {
	case SK_MIG_APPLIED:
		return "applied";
	case SK_MIG_PENDING:
		return "pending";
	case SK_MIG_CHANGED:
		return "changed";
	case SK_MIG_MISSING_FILE:
		return "missing file";
	case SK_MIG_FAILED:
		return "failed";
	}
	return "unknown";
}

/* Turns the server's error position (1-based, in characters of the
 * statement) into a file line and column. */
static void locate_in_statement(struct sk_error *err, const struct sk_migration *m,
                                const struct sk_sql_stmt *st)
{
	unsigned line = st->line, col = st->col;
	long pos = err->col; /* set by the driver, 0 when unknown */

	if (pos > 0) {
		long chars = 0;
		for (size_t i = 0; i < st->len && chars < pos - 1; i++) {
			unsigned char c = (unsigned char)st->start[i];
			if ((c & 0xC0) == 0x80)
				continue; /* continuation byte of the previous character */
			chars++;
			if (c == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
	}
	sk_error_locate(err, m->path, line, col);
}


/* The hint for a migration that did not complete: rolled back, unless the
 * connection was lost, when the COMMIT may or may not have happened. */
static void hint_rolled_back(struct sk_error *err, const struct sk_migration *m)
{
	if (err->code == SK_ERR_CONFIG)
		sk_error_hint(err,
		              "the connection was lost: '%s' was applied whole or not at all; "
		              "'schemake-migrate status' shows which, then run the upgrade again",
		              m->filename);
	else if (!err->hint[0])
		sk_error_hint(err, "the migration was rolled back; nothing of '%s' was applied", m->filename);
}
/* Runs statements [from, nr) of a section. For a non-transactional section
 * each statement's number is recorded as 'failed' before it runs, so a
 * process that dies midway leaves the right statement in the history. */
static int run_section(struct sk_db *db, const struct sk_migration *m, const struct sk_mig_section *sec,
                       size_t from, bool record_progress, struct sk_error *err)
{
	for (size_t i = from; i < sec->nr; i++) {
		const struct sk_sql_stmt *st = &sec->stmts[i];
		const struct sk_sql_stmt *data =
		        i + 1 < sec->nr && sec->stmts[i + 1].kind == SK_STMT_COPY_DATA ? &sec->stmts[i + 1]
		                                                                       : NULL;
		int rc;

		if (record_progress) {
			rc = sk_history_mark_failed(db, m, (int)i + 1,
			                            "interrupted while running this statement", err);
			if (rc)
				return rc;
		}
		if (data)
			rc = sk_db_copy_in(db, st->start, st->len, data->start, data->len, err);
		else
			rc = sk_db_exec_statement(db, st->start, st->len, err);
		if (rc) {
			locate_in_statement(err, m, st);
			if (record_progress) {
				struct sk_error ignored = SK_ERROR_INIT;
				sk_history_mark_failed(db, m, (int)i + 1, err->message, &ignored);
				sk_error_hint(
				        err,
				        "statement %zu of '%s' failed and the ones before it stay applied "
				        "(transaction:false); fix the cause, then 'schemake-migrate upgrade "
				        "--resume'",
				        i + 1, m->filename);
			} else {
				hint_rolled_back(err, m);
			}
			return rc;
		}
		if (data)
			i++;
	}
	return 0;
}

/* Whether a section may hold a COPY, which cannot run in a batch (its data
 * would have to follow in the middle of it). Any mention of the word
 * counts: a false alarm only costs the batch. */
static bool has_copy(const struct sk_mig_section *sec)
{
	for (size_t i = 0; i < sec->nr; i++) {
		const struct sk_sql_stmt *st = &sec->stmts[i];
		if (st->kind == SK_STMT_COPY_DATA)
			return true;
		for (size_t k = 0; k + 4 <= st->len; k++)
			if ((st->start[k] | 0x20) == 'c' && !strncasecmp(st->start + k, "copy", 4))
				return true;
	}
	return false;
}

/* Runs a transactional section as one batch (sk_db_exec_batch: one round
 * trip on PostgreSQL instead of one per statement). With own_tx the batch
 * is the whole migration, BEGIN, its statements, the history row and
 * COMMIT; without (--single-transaction) it is the statements only and the
 * caller writes the history row. A failing statement is located and
 * explained as run_section does; the caller rolls back. */
static int run_batched(struct sk_db *db, const struct sk_migration *m, const struct sk_mig_section *sec, bool up,
                       bool own_tx, struct sk_error *err)
{
	struct sk_db_stmt *b = sk_xcalloc(sec->nr + 3, sizeof(*b));
	struct sk_buf history = SK_BUF_INIT;
	size_t n = 0, first, failed;
	int rc;

	if (own_tx)
		b[n++].sql = "BEGIN";
	first = n;
	for (size_t i = 0; i < sec->nr; i++) {
		b[n].sql = sec->stmts[i].start;
		b[n++].len = sec->stmts[i].len;
	}
	if (own_tx) {
		if (up)
			sk_history_insert_stmt(&b[n++], &history, m);
		else
			sk_history_delete_stmt(&b[n++], &history, m->version);
		b[n++].sql = "COMMIT";
	}
	rc = sk_db_exec_batch(db, b, n, &failed, err);
	if (rc && failed >= first && failed < first + sec->nr)
		locate_in_statement(err, m, &sec->stmts[failed - first]);
	if (rc)
		hint_rolled_back(err, m); /* (a failed COMMIT, a lost connection too) */
	free(b);
	sk_buf_release(&history);
	return rc;
}

static void dry_run_section(struct sk_buf *out, const struct sk_mig_section *sec)
{
	for (size_t i = 0; i < sec->nr; i++) {
		const struct sk_sql_stmt *st = &sec->stmts[i];
		sk_buf_add(out, st->start, st->len);
		if (st->kind == SK_STMT_SQL)
			sk_buf_adds(out, ";");
		sk_buf_adds(out, "\n");
	}
}

/* Takes the migration lock (on SQLite also the file lock, sqlite.c). */
static int lock_db(struct sk_db *db, long timeout_ms, const struct sk_migrate_events *ev, struct sk_error *err)
{
	return sk_db_lock(db, SK_MIGRATE_LOCK_KEY, timeout_ms, ev->on_wait, ev->ctx, err);
}

/* SQLite: how long the statements of a transaction:false section wait for
 * other connections' locks at least. --lock-timeout (the busy timeout
 * there) is for the migration lock, which the run holds by then; cut short
 * between two statements, such a section stays half applied and recorded
 * as failed for every later upgrader (a 3 ms --lock-timeout and an
 * upgrader starting up, reading the database, did that). */
#define SK_MIGRATE_NONTX_BUSY_MIN_MS 5000L

static void nontx_patience(struct sk_db *db, long timeout_ms, bool inside)
{
	struct sk_error ignored = SK_ERROR_INIT;

	if (sk_db_dialect(db) != SK_DIALECT_SQLITE || timeout_ms < 0 ||
	    timeout_ms >= SK_MIGRATE_NONTX_BUSY_MIN_MS)
		return;
	/* on SQLite sk_db_lock only sets the busy handler's limit */
	sk_db_lock(db, SK_MIGRATE_LOCK_KEY, inside ? SK_MIGRATE_NONTX_BUSY_MIN_MS : timeout_ms, NULL, NULL,
	           &ignored);
}

static void unlock_db(struct sk_db *db)
{
	sk_db_unlock(db, SK_MIGRATE_LOCK_KEY);
}

/* Versions known from files and from the history, sorted and unique. */
static const char **known_versions(const struct sk_migdir *md, const struct sk_history *h, size_t *nr)
{
	const char **v = sk_xcalloc(md->nr + h->nr + 1, sizeof(*v));
	size_t n = 0, i = 0, k = 0;

	while (i < md->nr || k < h->nr) {
		int c;
		if (i >= md->nr)
			c = 1;
		else if (k >= h->nr)
			c = -1;
		else
			c = sk_version_cmp(md->migs[i].version, h->rows[k].version);
		if (c <= 0) {
			v[n++] = md->migs[i].version;
			i++;
			if (c == 0)
				k++;
		} else {
			v[n++] = h->rows[k++].version;
		}
	}
	*nr = n;
	return v;
}

static int resolve_target(struct sk_target *t, const char *spec, const struct sk_migdir *md,
                          const struct sk_history *h, struct sk_error *err)
{
	size_t n;
	const char **v = known_versions(md, h, &n);
	int rc = sk_target_parse(t, spec, v, n, err);
	free(v);
	return rc;
}

/* The checks that must pass before anything runs. */
static int check_state(struct sk_migdir *md, const struct sk_history *h, bool resume,
                       struct sk_error *err)
{
	bool sum_exists;
	int rc;

	for (size_t k = 0; k < h->nr; k++) {
		const struct sk_applied *a = &h->rows[k];
		long idx = sk_migdir_index(md, a->version);
		if (idx < 0) {
			rc = sk_error_set(err, SK_ERR_INPUT,
			                  "applied migration '%s_%s.sql' is missing from '%s'", a->version,
			                  a->name, md->dir);
			sk_error_hint(err, "restore the file (e.g. from git), or rewrite the history with "
			                   "'schemake-migrate stamp'");
			return rc;
		}
		if (strcmp(md->migs[idx].checksum, a->checksum) != 0) {
			rc = sk_error_set(err, SK_ERR_INPUT,
			                  "migration '%s' was changed after it was applied",
			                  md->migs[idx].filename);
			sk_error_hint(err, "revert the edit and put the change in a new migration "
			                   "('schemake-migrate new NAME')");
			sk_error_locate(err, md->migs[idx].path, 0, 0);
			return rc;
		}
		if (a->failed && !resume) {
			const struct sk_migration *m = &md->migs[idx];
			unsigned line = 0;
			struct sk_error ignored = SK_ERROR_INIT;
			/* for the statement's line only: a file that does not
			 * lex is reported when it is resumed */
			sk_migdir_lex(md, (size_t)idx, &ignored);
			if (m->lexed && a->failed_statement > 0 && (size_t)a->failed_statement <= m->up.nr)
				line = m->up.stmts[a->failed_statement - 1].line;
			rc = sk_error_set(err, SK_ERR_REFUSED, "migration '%s' failed at statement %d: %s",
			                  m->filename, a->failed_statement,
			                  a->error ? a->error : "unknown error");
			sk_error_hint(
			        err,
			        "fix the cause, then 'schemake-migrate upgrade --resume' to continue from "
			        "that statement, or 'schemake-migrate stamp' to record the state by hand");
			sk_error_locate(err, m->path, line, 0);
			return rc;
		}
	}
	rc = sk_migdir_sum_check(md, &sum_exists, NULL, err);
	return rc;
}

/* A planned run: the migrations to apply (up) or revert (down), in order. */
struct plan {
	const struct sk_migration **migs;
	size_t nr;
	bool up;
	const struct sk_applied *failed; /* up: the failed migration to resume, or NULL */
	long lock_timeout_ms;
};

static const struct sk_mig_section *plan_section(const struct plan *p, const struct sk_migration *m)
{
	return p->up ? &m->up : &m->down;
}

/* --dry-run: the SQL the plan would run, history statements included. */
static void plan_render(struct sk_buf *out, const struct plan *p, enum sk_dialect d, bool single)
{
	if (single && p->nr)
		sk_buf_adds(out, "BEGIN;\n");
	for (size_t i = 0; i < p->nr; i++) {
		const struct sk_migration *m = p->migs[i];
		const struct sk_mig_section *sec = plan_section(p, m);
		bool tx = sec->transaction && !single;

		sk_buf_addf(out, "\n-- %s (%s%s)\n", m->filename, p->up ? "up" : "down",
		            sec->transaction ? "" : ", transaction:false");
		if (tx)
			sk_buf_adds(out, "BEGIN;\n");
		dry_run_section(out, sec);
		if (p->up)
			sk_history_sql_insert(out, d, m);
		else
			sk_history_sql_delete(out, d, m->version);
		if (tx)
			sk_buf_adds(out, "COMMIT;\n");
	}
	if (single && p->nr)
		sk_buf_adds(out, "COMMIT;\n");
}

/* Runs the plan. *done counts the migrations that completed (all or none
 * with single). */
static int plan_execute(struct sk_db *db, const struct plan *p, bool single,
                        const struct sk_migrate_events *ev, size_t *done, struct sk_error *err)
{
	enum sk_dialect d = sk_db_dialect(db);
	struct sk_history_change *rows = NULL; /* with single: recorded before the commit */
	size_t nrows = 0;
	bool in_single = false;
	int rc = 0;

	*done = 0;
	/* Worth it when there are more commits than switching the journal
	 * mode twice costs. */
	if (!single && p->nr >= 3)
		sk_db_expect_many_commits(db);
	if (single && p->nr) {
		rc = sk_db_begin(db, err);
		if (rc)
			return rc;
		in_single = true;
		rows = sk_xcalloc(p->nr, sizeof(*rows));
	}
	for (size_t i = 0; i < p->nr; i++) {
		const struct sk_migration *m = p->migs[i];
		const struct sk_mig_section *sec = plan_section(p, m);
		long long t0 = now_ms();
		bool tx = sec->transaction;
		size_t from = 0;

		if (p->failed && sk_version_cmp(p->failed->version, m->version) == 0 &&
		    p->failed->failed_statement > 0)
			from = (size_t)p->failed->failed_statement - 1;
		if (ev->on_start)
			ev->on_start(ev->ctx, i + 1, p->nr, m, p->up);
		/* PostgreSQL: the round trips are the cost, so a transactional
		 * section goes as one batch. SQLite runs in-process, and a
		 * section with COPY data must go statement by statement. */
		if (d == SK_DIALECT_POSTGRES && tx && from == 0 && !has_copy(sec)) {
			rc = run_batched(db, m, sec, p->up, !in_single, err);
			if (rc == 0 && in_single)
				rows[nrows++] = (struct sk_history_change){m, now_ms() - t0};
			if (rc)
				goto done;
			(*done)++;
			if (ev->on_done)
				ev->on_done(ev->ctx, i + 1, p->nr, m, p->up, now_ms() - t0);
			continue;
		}
		if (tx && !in_single) {
			rc = sk_db_begin(db, err);
			if (rc)
				goto done;
			if (d == SK_DIALECT_SQLITE) {
				/* Another process may have done it while we waited
				 * for the write lock. */
				bool present = false;
				rc = sk_history_has(db, m->version, &present, err);
				if (rc)
					goto done;
				if (present == p->up) {
					sk_db_rollback(db);
					continue;
				}
			}
		}
		if (!tx)
			nontx_patience(db, p->lock_timeout_ms, true);
		rc = run_section(db, m, sec, from, p->up && !tx, err);
		if (!tx)
			nontx_patience(db, p->lock_timeout_ms, false);
		if (rc) {
			if (!p->up && !tx)
				sk_error_hint(err,
				              "the down section of '%s' is transaction:false: the statements "
				              "before the failing one stay applied",
				              m->filename);
			goto done;
		}
		if (in_single)
			rows[nrows++] = (struct sk_history_change){m, now_ms() - t0};
		else
			rc = p->up ? sk_history_insert(db, m, now_ms() - t0, err)
			           : sk_history_delete(db, m->version, err);
		if (rc)
			goto done;
		if (tx && !in_single) {
			rc = sk_db_commit(db, err);
			if (rc)
				goto done;
		}
		(*done)++;
		if (ev->on_done)
			ev->on_done(ev->ctx, i + 1, p->nr, m, p->up, now_ms() - t0);
	}
	if (in_single) {
		in_single = false;
		rc = sk_history_record_many(db, rows, nrows, p->up, err);
		if (rc == 0)
			rc = sk_db_commit(db, err);
	}
done:
	if (rc) {
		sk_db_rollback(db);
		if (single)
			*done = 0;
	}
	free(rows);
	return rc;
}

/* Checks the state and plans an upgrade from history h: *plan gets the
 * migrations to apply (lexed) in todo, which the caller frees. */
static int plan_upgrade(struct plan *plan, const struct sk_migration ***todo_out, struct sk_migdir *md,
                        const struct sk_history *h, const struct sk_migrate_apply_opts *o,
                        struct sk_error *err)
{
	struct sk_target t = SK_TARGET_INIT;
	const struct sk_migration **todo;
	const struct sk_applied *last, *failed = NULL;
	size_t ntodo = 0;
	int rc;

	memset(plan, 0, sizeof(*plan));
	*todo_out = todo = sk_xcalloc(md->nr + 1, sizeof(*todo));
	/* Every migration that may run (not applied, or failed) must parse,
	 * whatever the target, before anything else is judged: an applied
	 * one needs only its checksum, so a run at the head lexes nothing. */
	for (size_t i = 0; i < md->nr; i++) {
		const struct sk_applied *a = sk_history_find(h, md->migs[i].version);
		if (a && !a->failed)
			continue;
		rc = sk_migdir_lex(md, i, err);
		if (rc)
			goto done;
	}
	rc = check_state(md, h, o->resume, err);
	if (rc)
		goto done;
	rc = resolve_target(&t, o->target, md, h, err);
	if (rc)
		goto done;
	if (t.kind == SK_TARGET_BASE || (t.kind == SK_TARGET_RELATIVE && t.steps < 0)) {
		rc = sk_error_set(err, SK_ERR_USAGE, "upgrade goes forward; '%s' is a target for downgrade",
		                  o->target);
		goto done;
	}

	for (size_t k = 0; k < h->nr; k++)
		if (h->rows[k].failed)
			failed = &h->rows[k];
	last = sk_history_last_applied(h);
	for (size_t i = 0; i < md->nr; i++) {
		const struct sk_migration *m = &md->migs[i];
		const struct sk_applied *a = sk_history_find(h, m->version);
		if (a && !a->failed)
			continue;
		if (t.kind == SK_TARGET_VERSION && sk_version_cmp(m->version, t.version) > 0)
			break;
		if (t.kind == SK_TARGET_RELATIVE && ntodo == (size_t)t.steps)
			break;
		if (last && sk_version_cmp(m->version, last->version) < 0 && !o->allow_out_of_order) {
			rc = sk_error_set(
			        err, SK_ERR_INPUT,
			        "migration '%s' is older than the last applied one (%s) and is not applied",
			        m->filename, last->version);
			sk_error_hint(err,
			              "give it a newer version (rename the file), or apply it anyway with "
			              "--allow-out-of-order");
			sk_error_locate(err, m->path, 0, 0);
			goto done;
		}
		todo[ntodo++] = m;
	}
	if (o->resume && !failed) {
		rc = sk_error_set(err, SK_ERR_USAGE, "nothing to resume: no migration is recorded as failed");
		goto done;
	}
	if (failed && (ntodo == 0 || sk_version_cmp(todo[0]->version, failed->version) != 0)) {
		rc = sk_error_set(err, SK_ERR_REFUSED,
		                  "migration '%s_%s.sql' failed and must be resumed first", failed->version,
		                  failed->name);
		sk_error_hint(err, "run 'schemake-migrate upgrade --resume' (without a target before it)");
		goto done;
	}
	if (t.kind == SK_TARGET_RELATIVE && ntodo < (size_t)t.steps) {
		rc = sk_error_set(err, SK_ERR_USAGE, "cannot upgrade %+ld: only %zu migration%s pending",
		                  t.steps, ntodo, ntodo == 1 ? " is" : "s are");
		goto done;
	}
	if (o->single_transaction) {
		for (size_t i = 0; i < ntodo; i++) {
			if (!todo[i]->up.transaction) {
				rc = sk_error_set(err, SK_ERR_USAGE,
				                  "--single-transaction cannot include '%s', which is marked "
				                  "transaction:false",
				                  todo[i]->filename);
				sk_error_hint(err,
				              "upgrade to the migration before it first, then run it alone");
				goto done;
			}
		}
	}
	plan->migs = todo;
	plan->nr = ntodo;
	plan->up = true;
	plan->failed = failed;
	plan->lock_timeout_ms = o->lock_timeout_ms;
done:
	sk_target_release(&t);
	return rc;
}

/* Whether history h, read without the migration lock, shows that there is
 * nothing to do: the table exists, every check passes and no migration is
 * pending up to the target. Anything else (work, an error, a 'failed' row
 * that may be another upgrader's statement in progress) is decided again
 * under the lock, so the answer only ever saves the lock's round trips. */
static bool nothing_to_do(struct sk_migdir *md, const struct sk_history *h,
                          const struct sk_migrate_apply_opts *o)
{
	struct sk_error ignored = SK_ERROR_INIT;
	const struct sk_migration **todo = NULL;
	struct plan plan;
	bool none;

	if (!h->table_exists)
		return false;
	none = plan_upgrade(&plan, &todo, md, h, o, &ignored) == 0 && plan.nr == 0 && !plan.failed;
	free(todo);
	return none;
}

int sk_migrate_upgrade(struct sk_db *db, struct sk_migdir *md, const struct sk_migrate_apply_opts *o,
                       size_t *applied, struct sk_error *err)
{
	enum sk_dialect d = sk_db_dialect(db);
	struct sk_history h = SK_HISTORY_INIT;
	const struct sk_migration **todo = NULL;
	bool locked = false;
	struct plan plan;
	int rc;

	*applied = 0;
	rc = sk_history_load(db, &h, err);
	if (rc)
		goto done;
	if (!o->dry_run) {
		/* The common case, an upgrade at the target, costs one read. */
		if (nothing_to_do(md, &h, o))
			goto done;
		sk_history_release(&h);
		rc = lock_db(db, o->lock_timeout_ms, &o->events, err);
		if (rc)
			goto done;
		locked = true;
		rc = sk_history_ensure(db, err);
		if (rc == 0)
			rc = sk_history_load(db, &h, err);
		if (rc)
			goto done;
	}
	rc = plan_upgrade(&plan, &todo, md, &h, o, err);
	if (rc)
		goto done;
	if (o->dry_run) {
		if (!h.table_exists)
			sk_history_sql_create(o->dry_run_sql, d);
		plan_render(o->dry_run_sql, &plan, d, o->single_transaction);
		*applied = plan.nr;
		goto done;
	}
	rc = plan_execute(db, &plan, o->single_transaction, &o->events, applied, err);
done:
	if (rc)
		sk_db_rollback(db);
	if (locked)
		unlock_db(db);
	free(todo);
	sk_history_release(&h);
	return rc;
}

int sk_migrate_downgrade(struct sk_db *db, struct sk_migdir *md, const struct sk_migrate_apply_opts *o,
                         size_t *reverted, struct sk_error *err)
{
	enum sk_dialect d = sk_db_dialect(db);
	struct sk_history h = SK_HISTORY_INIT;
	struct sk_target t = SK_TARGET_INIT;
	const struct sk_migration **todo = NULL;
	size_t ntodo = 0, napplied = 0;
	bool locked = false;
	struct plan plan;
	int rc;

	*reverted = 0;
	if (!o->dry_run) {
		rc = lock_db(db, o->lock_timeout_ms, &o->events, err);
		if (rc)
			goto done;
		locked = true;
	}
	rc = sk_history_load(db, &h, err);
	if (rc)
		goto done;
	rc = check_state(md, &h, false, err);
	if (rc)
		goto done;
	rc = resolve_target(&t, o->target ? o->target : "-1", md, &h, err);
	if (rc)
		goto done;
	if (t.kind == SK_TARGET_HEAD || (t.kind == SK_TARGET_RELATIVE && t.steps > 0)) {
		rc = sk_error_set(err, SK_ERR_USAGE, "downgrade goes back; '%s' is a target for upgrade",
		                  o->target ? o->target : "head");
		goto done;
	}
	napplied = h.nr;
	if (t.kind == SK_TARGET_VERSION && !sk_history_find(&h, t.version)) {
		rc = sk_error_set(err, SK_ERR_USAGE, "cannot downgrade to %s: it is not applied", t.version);
		sk_error_hint(err, "downgrade targets are applied versions, -N or base");
		goto done;
	}
	if (t.kind == SK_TARGET_RELATIVE && (size_t)-t.steps > napplied) {
		rc = sk_error_set(err, SK_ERR_USAGE, "cannot downgrade %ld: only %zu migration%s applied",
		                  t.steps, napplied, napplied == 1 ? " is" : "s are");
		goto done;
	}
	todo = sk_xcalloc(h.nr + 1, sizeof(*todo));
	for (size_t k = h.nr; k > 0; k--) {
		const struct sk_applied *a = &h.rows[k - 1];
		long idx;
		if (t.kind == SK_TARGET_VERSION && sk_version_cmp(a->version, t.version) <= 0)
			break;
		if (t.kind == SK_TARGET_RELATIVE && ntodo == (size_t)-t.steps)
			break;
		idx = sk_migdir_index(md, a->version);
		rc = sk_migdir_lex(md, (size_t)idx, err);
		if (rc)
			goto done;
		if (!md->migs[idx].down.present) {
			rc = sk_error_set(err, SK_ERR_INPUT,
			                  "migration '%s' has no '-- migrate:down' section",
			                  md->migs[idx].filename);
			sk_error_hint(err,
			              "write the down section, or 'schemake-migrate stamp' to the target");
			sk_error_locate(err, md->migs[idx].path, 0, 0);
			goto done;
		}
		if (o->single_transaction && !md->migs[idx].down.transaction) {
			rc = sk_error_set(err, SK_ERR_USAGE,
			                  "--single-transaction cannot include '%s', whose down section is "
			                  "transaction:false",
			                  md->migs[idx].filename);
			goto done;
		}
		todo[ntodo++] = &md->migs[idx];
	}

	plan.migs = todo;
	plan.nr = ntodo;
	plan.up = false;
	plan.failed = NULL;
	plan.lock_timeout_ms = o->lock_timeout_ms;
	if (o->dry_run) {
		plan_render(o->dry_run_sql, &plan, d, o->single_transaction);
		*reverted = ntodo;
		goto done;
	}
	rc = plan_execute(db, &plan, o->single_transaction, &o->events, reverted, err);
done:
	if (rc)
		sk_db_rollback(db);
	if (locked)
		unlock_db(db);
	free(todo);
	sk_target_release(&t);
	sk_history_release(&h);
	return rc;
}

int sk_migrate_stamp(struct sk_db *db, const struct sk_migdir *md, const char *target, long lock_timeout_ms,
                     struct sk_error *err)
{
	struct sk_history h = SK_HISTORY_INIT;
	struct sk_target t = SK_TARGET_INIT;
	struct sk_migrate_events none = {0};
	size_t keep = 0, napplied;
	bool locked = false;
	int rc;

	if (!target)
		return sk_error_set(err, SK_ERR_USAGE,
		                    "stamp needs a target (head, base, a version, +N or -N)");
	rc = lock_db(db, lock_timeout_ms, &none, err);
	if (rc)
		goto done;
	locked = true;
	rc = sk_history_ensure(db, err);
	if (rc)
		goto done;
	rc = sk_history_load(db, &h, err);
	if (rc)
		goto done;
	rc = resolve_target(&t, target, md, &h, err);
	if (rc)
		goto done;
	/* How many files, in version order, count as applied afterwards. */
	napplied = 0;
	for (size_t i = 0; i < md->nr; i++)
		if (sk_history_find(&h, md->migs[i].version))
			napplied = i + 1;
	switch (t.kind) {
	case SK_TARGET_HEAD:
		keep = md->nr;
		break;
	case SK_TARGET_BASE:
		keep = 0;
		break;
	case SK_TARGET_VERSION:
		if (sk_migdir_index(md, t.version) < 0) {
			rc = sk_error_set(err, SK_ERR_USAGE,
			                  "cannot stamp %s: there is no migration file for it", t.version);
			goto done;
		}
		keep = (size_t)sk_migdir_index(md, t.version) + 1;
		break;
	case SK_TARGET_RELATIVE:
		if ((t.steps < 0 && (size_t)-t.steps > napplied) ||
		    (t.steps > 0 && napplied + (size_t)t.steps > md->nr)) {
			rc = sk_error_set(err, SK_ERR_USAGE, "cannot stamp %+ld from %zu applied of %zu",
			                  t.steps, napplied, md->nr);
			goto done;
		}
		keep = (size_t)((long)napplied + t.steps);
		break;
	}
	rc = sk_db_begin(db, err);
	if (rc)
		goto done;
	rc = sk_history_clear(db, err);
	for (size_t i = 0; rc == 0 && i < keep; i++)
		rc = sk_history_insert(db, &md->migs[i], 0, err);
	if (rc == 0)
		rc = sk_db_commit(db, err);
done:
	if (rc)
		sk_db_rollback(db);
	if (locked)
		unlock_db(db);
	sk_target_release(&t);
	sk_history_release(&h);
	return rc;
}

int sk_migrate_status_load(struct sk_migrate_status *out, struct sk_db *db, const struct sk_migdir *md,
                           struct sk_error *err)
{
	const struct sk_applied *last;
	size_t i = 0, k = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = sk_history_load(db, &out->history, err);
	if (rc)
		return rc;
	last = sk_history_last_applied(&out->history);
	out->entries = sk_xcalloc(md->nr + out->history.nr + 1, sizeof(*out->entries));
	while (i < md->nr || k < out->history.nr) {
		struct sk_mig_status *e = &out->entries[out->nr++];
		const struct sk_applied *a;
		int c;

		if (i >= md->nr)
			c = 1;
		else if (k >= out->history.nr)
			c = -1;
		else
			c = sk_version_cmp(md->migs[i].version, out->history.rows[k].version);
		e->file = c <= 0 ? &md->migs[i++] : NULL;
		a = c >= 0 ? &out->history.rows[k++] : NULL;
		e->applied = a;
		e->version = e->file ? e->file->version : a->version;
		e->name = e->file ? e->file->name : a->name;
		if (!a) {
			e->state = SK_MIG_PENDING;
			e->out_of_order = last && sk_version_cmp(e->version, last->version) < 0;
		} else if (a->failed) {
			e->state = SK_MIG_FAILED;
		} else if (!e->file) {
			e->state = SK_MIG_MISSING_FILE;
		} else if (strcmp(e->file->checksum, a->checksum) != 0) {
			e->state = SK_MIG_CHANGED;
		} else {
			e->state = SK_MIG_APPLIED;
		}
		if (e->state == SK_MIG_APPLIED || e->state == SK_MIG_CHANGED ||
		    e->state == SK_MIG_MISSING_FILE)
			out->napplied++;
		if (e->state == SK_MIG_PENDING)
			out->npending++;
		if (e->state != SK_MIG_APPLIED && e->state != SK_MIG_PENDING)
			out->nproblems++;
		if (e->out_of_order)
			out->nproblems++;
	}
	return 0;
}

void sk_migrate_status_release(struct sk_migrate_status *st)
{
	sk_history_release(&st->history);
	free(st->entries);
	memset(st, 0, sizeof(*st));
}
