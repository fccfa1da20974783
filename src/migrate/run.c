/*
 * run.c: schemake-migrate as a whole: configuration, what each verb opens,
 * and each verb's report as text or JSON. The guarantees themselves are in
 * migrate.c; printing is the tool's.
 */
#include "migrate/migrate.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/fs.h"
#include "db/cluster.h"
#include "db/open.h"
#include "migrate/autogen.h"
#include "migrate/target.h"
#include "common/banned.h"

const char *const sk_migrate_verbs[] = {
	"new",    "upgrade", "downgrade", "current", "history", "heads",    "show", "status",
	"stamp",  "verify",  "hash",      "server",  "diff",    "check",    "revision", NULL,
};

struct run {
	const struct sk_migrate_opts *o;
	struct sk_config cfg;
	struct sk_migdir md;
	struct sk_db *db;
	struct sk_buf out_url; /* masked */
	char *mig_dir;         /* migrations directory as shown to the user */
	struct sk_buf *out;
	struct sk_error *err;
};

/* A path under the working directory is shown relative to it. */
static char *display_path(const char *abs)
{
	char cwd[4096];
	size_t n;

	if (!getcwd(cwd, sizeof(cwd)))
		return sk_xstrdup(abs);
	n = strlen(cwd);
	if (strncmp(abs, cwd, n) == 0 && abs[n] == '/' && abs[n + 1])
		return sk_xstrdup(abs + n + 1);
	if (strcmp(abs, cwd) == 0)
		return sk_xstrdup(".");
	return sk_xstrdup(abs);
}

static enum sk_sql_dialect_hint lexer_dialect(const struct sk_config *cfg)
{
	return cfg->dialect == SK_DIALECT_SQLITE ? SK_SQL_SQLITE : SK_SQL_POSTGRES;
}

static int load_dir(struct run *r)
{
	return sk_migdir_load(&r->md, r->mig_dir, lexer_dialect(&r->cfg), r->err);
}

/* Reads and checksums the files without lexing them: upgrade and downgrade
 * lex only what they will run. */
static int scan_dir(struct run *r)
{
	return sk_migdir_scan(&r->md, r->mig_dir, lexer_dialect(&r->cfg), r->err);
}

static void adopt_db_dialect(struct run *r)
{
	r->cfg.dialect = sk_db_dialect(r->db);
}

static int connect_db(struct run *r)
{
	int rc = sk_db_open_project(&r->db, &r->cfg, &r->out_url, r->err);
	if (rc == 0)
		adopt_db_dialect(r);
	return rc;
}

/* read_dir (load_dir or scan_dir) while the connection is being made: the
 * no-op upgrade, status, current and stamp are mostly these two waits. A bad
 * directory is reported first, as when the two ran in turn. */
static int read_dir_and_connect(struct run *r, int (*read_dir)(struct run *))
{
	struct sk_db_opening *op = sk_db_open_project_start(&r->cfg, &r->out_url);
	int rc = read_dir(r);

	if (rc) {
		sk_db_open_project_abandon(op);
		return rc;
	}
	rc = sk_db_open_project_finish(op, &r->db, r->err);
	if (rc == 0)
		adopt_db_dialect(r);
	return rc;
}

static void emit_json(struct sk_buf *out, struct json_object *obj)
{
	sk_buf_adds(out,
	            json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	                                                        JSON_C_TO_STRING_NOSLASHESCAPE));
	sk_buf_addch(out, '\n');
	json_object_put(obj);
}

static struct json_object *json_str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static struct sk_migrate_apply_opts apply_opts(const struct run *r, struct sk_buf *dry_sql)
{
	struct sk_migrate_apply_opts a;

	memset(&a, 0, sizeof(a));
	a.target = r->o->arg;
	a.dry_run = r->o->dry_run;
	a.single_transaction = r->o->single_transaction;
	a.allow_out_of_order = r->o->allow_out_of_order;
	a.resume = r->o->resume;
	a.lock_timeout_ms = r->o->lock_timeout_ms;
	a.events = r->o->events;
	a.dry_run_sql = dry_sql;
	return a;
}

static const char *head_version(const struct sk_migdir *md)
{
	return md->nr ? md->migs[md->nr - 1].version : NULL;
}

/* --- verbs ---------------------------------------------------------------- */

static void slugify(struct sk_buf *out, const char *name)
{
	bool pending_sep = false;

	for (const char *p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (pending_sep && out->len)
				sk_buf_addch(out, '_');
			pending_sep = false;
			sk_buf_addch(out, (char)c);
		} else if (c >= 'A' && c <= 'Z') {
			if (pending_sep && out->len)
				sk_buf_addch(out, '_');
			pending_sep = false;
			sk_buf_addch(out, (char)(c - 'A' + 'a'));
		} else {
			pending_sep = true;
		}
	}
}

/* Adds one to a decimal digit string. */
static char *version_next(const char *v)
{
	size_t n = strlen(v);
	char *res = sk_xmalloc(n + 2);
	int carry = 1;

	res[n + 1] = '\0';
	for (size_t i = n; i > 0; i--) {
		int d = v[i - 1] - '0' + carry;
		carry = d / 10;
		res[i] = (char)('0' + d % 10);
	}
	res[0] = carry ? '1' : '0';
	if (!carry)
		memmove(res, res + 1, n + 1);
	return res;
}


/* Writes a new migration file with the given text; *path_out gets its path. */
static int write_migration(struct run *r, const char *name, const char *text, char **path_out)
{
	struct sk_buf slug = SK_BUF_INIT, file = SK_BUF_INIT;
	char stamp[32], *version = NULL;
	time_t now = time(NULL);
	struct tm tm;
	bool changed;
	int rc = 0;

	*path_out = NULL;
	slugify(&slug, name);
	if (!slug.len) {
		rc = sk_error_set(r->err, SK_ERR_USAGE, "'%s' has no letters or digits to name a migration with", name);
		goto done;
	}
	if (!sk_fs_is_dir(r->mig_dir)) {
		rc = sk_fs_mkdirs(r->mig_dir, 0777, r->err);
		if (rc)
			goto done;
	}
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d%H%M%S", &tm);
	version = sk_xstrdup(stamp);
	/* A new migration must sort after every existing one. */
	if (r->md.nr && sk_version_cmp(version, head_version(&r->md)) <= 0) {
		free(version);
		version = version_next(head_version(&r->md));
	}
	sk_buf_addf(&file, "%s_%s.sql", version, slug.buf);
	*path_out = sk_fs_join(r->mig_dir, file.buf);
	rc = sk_fs_write_atomic(*path_out, text, strlen(text), false, &changed, r->err);
	if (rc)
		goto done;
	sk_migdir_release(&r->md);
	rc = load_dir(r);
	if (rc == 0)
		rc = sk_migdir_sum_write(&r->md, &changed, r->err);
done:
	free(version);
	sk_buf_release(&slug);
	sk_buf_release(&file);
	return rc;
}

static int verb_new(struct run *r)
{
	static const char template_text[] = "-- migrate:up\n\n\n-- migrate:down\n\n";
	const char *name = r->o->arg ? r->o->arg : r->o->message;
	char *path = NULL;
	int rc;

	if (!name || !name[0])
		return sk_error_set(r->err, SK_ERR_USAGE, "new needs a name, e.g. 'schemake-migrate new create_users'");
	if (sk_fs_is_dir(r->mig_dir)) {
		rc = load_dir(r);
		if (rc)
			return rc;
	}
	rc = write_migration(r, name, template_text, &path);
	if (rc == 0)
		sk_buf_addf(r->out, "created %s\n", path);
	free(path);
	return rc;
}

static int collect_renames(struct run *r, struct sk_autogen *ag)
{
	for (size_t i = 0; i < r->o->nrenames; i++) {
		int rc = sk_autogen_add_rename(ag, r->o->renames[i], r->err);
		if (rc)
			return rc;
	}
	return 0;
}

static int verb_diff(struct run *r)
{
	struct sk_autogen ag = { 0 };
	struct sk_diff d = SK_DIFF_INIT;
	struct sk_buf text = SK_BUF_INIT;
	const char *title = r->o->message ? r->o->message : "schema change";
	char *path = NULL;
	size_t ndestructive = 0;
	int rc;

	rc = load_dir(r);
	if (rc == 0)
		rc = collect_renames(r, &ag);
	if (rc == 0)
		rc = sk_autogen_diff(&d, &ag, &r->cfg, &r->md, r->o->from, r->o->to, r->err);
	if (rc)
		goto done;
	if (d.nr == 0) {
		sk_buf_adds(r->out, "no changes: the schema matches the migrations' head\n");
		goto done;
	}
	sk_diff_render_migration(&text, &d, title);
	rc = write_migration(r, title, text.buf, &path);
	if (rc)
		goto done;
	for (size_t i = 0; i < d.nr; i++) {
		if (!d.ops[i].destructive)
			continue;
		ndestructive++;
		if (r->o->events.on_warning) {
			char *msg = sk_xstrfmt("destructive: %s (marked in %s; review it)",
					       d.ops[i].why ? d.ops[i].why : d.ops[i].object, path);
			r->o->events.on_warning(r->o->events.ctx, msg);
			free(msg);
		}
	}
	sk_buf_addf(r->out, "created %s (%zu operation%s, %zu destructive)\n", path, d.nr, d.nr == 1 ? "" : "s",
		    ndestructive);
done:
	free(path);
	sk_buf_release(&text);
	sk_diff_release(&d);
	sk_autogen_release(&ag);
	return rc;
}

static int verb_check(struct run *r)
{
	struct sk_autogen ag = { 0 };
	struct sk_diff d = SK_DIFF_INIT;
	struct sk_buf marks = SK_BUF_INIT;
	struct sk_model *live = NULL, *head = NULL;
	bool sum_exists;
	int rc, nmarks;

	rc = load_dir(r);
	if (rc == 0)
		rc = sk_migdir_sum_check(&r->md, &sum_exists, NULL, r->err);
	if (rc == 0)
		rc = collect_renames(r, &ag);
	if (rc)
		goto done;
	if (r->o->database) {
		/* check --database URL: drift of a live database from the head */
		rc = sk_autogen_model_of_spec(&live, r->o->database, r->err);
		if (rc == 0)
			rc = sk_autogen_model_of_migrations(&head, &r->cfg, &r->md, r->err);
		if (rc == 0)
			rc = sk_diff_models(&d, live, head, NULL, r->err);
	} else {
		rc = sk_autogen_diff(&d, &ag, &r->cfg, &r->md, r->o->from, r->o->to, r->err);
	}
	if (rc)
		goto done;
	if (d.nr) {
		sk_diff_render_summary(r->out, &d);
		if (r->o->database) {
			rc = sk_error_set(r->err, SK_ERR_DIFF, "the database differs from the migrations' head in %zu way%s",
					  d.nr, d.nr == 1 ? "" : "s");
			sk_error_hint(r->err, "it was changed by hand, or is not upgraded ('schemake-migrate status')");
		} else {
			rc = sk_error_set(r->err, SK_ERR_DIFF, "'%s' has %zu change%s that no migration covers",
					  r->cfg.schema_dir, d.nr, d.nr == 1 ? "" : "s");
			sk_error_hint(r->err, "run 'schemake-migrate diff -m \"what changed\"' and review the migration");
		}
		goto done;
	}
	nmarks = sk_autogen_unacknowledged(&marks, &r->md);
	if (nmarks && !r->o->allow_destructive) {
		sk_buf_add(r->out, marks.buf, marks.len);
		rc = sk_error_set(r->err, SK_ERR_DIFF, "%d destructive change%s in the migrations %s not been reviewed",
				  nmarks, nmarks == 1 ? "" : "s", nmarks == 1 ? "has" : "have");
		sk_error_hint(r->err, "after review, change '-- schemake:destructive' to '-- schemake:allow-destructive' "
				      "(or pass --allow-destructive)");
		goto done;
	}
	sk_buf_adds(r->out, r->o->database ? "ok: the database matches the migrations' head\n"
				       : "ok: the schema matches the migrations' head\n");
done:
	sk_model_free(live);
	sk_model_free(head);
	sk_buf_release(&marks);
	sk_diff_release(&d);
	sk_autogen_release(&ag);
	return rc;
}

static int verb_apply(struct run *r, bool up)
{
	struct sk_buf dry = SK_BUF_INIT;
	struct sk_migrate_apply_opts a = apply_opts(r, &dry);
	size_t n = 0;
	int rc;

	rc = read_dir_and_connect(r, scan_dir);
	if (rc == 0)
		rc = up ? sk_migrate_upgrade(r->db, &r->md, &a, &n, r->err)
		        : sk_migrate_downgrade(r->db, &r->md, &a, &n, r->err);
	if (rc == 0) {
		if (r->o->dry_run) {
			sk_buf_addf(r->out, "-- schemake-migrate %s --dry-run on %s: %zu migration%s\n",
			            up ? "upgrade" : "downgrade", r->out_url.buf, n, n == 1 ? "" : "s");
			sk_buf_add(r->out, dry.buf, dry.len);
		} else if (n == 0) {
			sk_buf_addf(r->out, up ? "nothing to apply: the database is at the target\n"
			                       : "nothing to revert\n");
		} else {
			sk_buf_addf(r->out, "%s %zu migration%s\n", up ? "applied" : "reverted", n,
			            n == 1 ? "" : "s");
		}
	}
	sk_buf_release(&dry);
	return rc;
}

static int verb_status(struct run *r)
{
	struct sk_migrate_status st;
	int rc;

	rc = read_dir_and_connect(r, load_dir);
	if (rc == 0)
		rc = sk_migrate_status_load(&st, r->db, &r->md, r->err);
	if (rc)
		return rc;
	if (r->o->json) {
		struct json_object *root = json_object_new_object(), *arr = json_object_new_array();
		for (size_t i = 0; i < st.nr; i++) {
			const struct sk_mig_status *e = &st.entries[i];
			struct json_object *o = json_object_new_object();
			json_object_object_add(o, "version", json_object_new_string(e->version));
			json_object_object_add(o, "name", json_object_new_string(e->name));
			json_object_object_add(o, "file",
			                       json_str_or_null(e->file ? e->file->filename : NULL));
			json_object_object_add(o, "state",
			                       json_object_new_string(sk_mig_state_name(e->state)));
			json_object_object_add(o, "applied_at",
			                       json_str_or_null(e->applied ? e->applied->applied_at : NULL));
			json_object_object_add(o, "out_of_order", json_object_new_boolean(e->out_of_order));
			if (e->state == SK_MIG_FAILED) {
				json_object_object_add(o, "failed_statement",
				                       json_object_new_int(e->applied->failed_statement));
				json_object_object_add(o, "error", json_str_or_null(e->applied->error));
			}
			json_object_array_add(arr, o);
		}
		json_object_object_add(root, "database", json_object_new_string(r->out_url.buf));
		json_object_object_add(root, "applied", json_object_new_int64((int64_t)st.napplied));
		json_object_object_add(root, "pending", json_object_new_int64((int64_t)st.npending));
		json_object_object_add(root, "problems", json_object_new_int64((int64_t)st.nproblems));
		json_object_object_add(root, "migrations", arr);
		emit_json(r->out, root);
	} else {
		for (size_t i = 0; i < st.nr; i++) {
			const struct sk_mig_status *e = &st.entries[i];
			const char *mark = e->state == SK_MIG_APPLIED   ? "[X]"
			                   : e->state == SK_MIG_PENDING ? "[ ]"
			                                                : "[!]";
			sk_buf_addf(r->out, "%s %s_%s.sql", mark, e->version, e->name);
			switch (e->state) {
			case SK_MIG_CHANGED:
				sk_buf_adds(r->out, "  changed since it was applied");
				break;
			case SK_MIG_MISSING_FILE:
				sk_buf_adds(r->out, "  applied, but the file is missing");
				break;
			case SK_MIG_FAILED:
				sk_buf_addf(r->out, "  failed at statement %d: %s",
				            e->applied->failed_statement,
				            e->applied->error ? e->applied->error : "");
				break;
			default:
				break;
			}
			if (e->out_of_order)
				sk_buf_adds(r->out, "  pending, but older than the last applied migration");
			sk_buf_addch(r->out, '\n');
		}
		sk_buf_addf(r->out, "\nApplied: %zu\nPending: %zu\n", st.napplied, st.npending);
		if (st.nproblems)
			sk_buf_addf(r->out, "Problems: %zu\n", st.nproblems);
	}
	if (r->o->exit_code && (st.npending || st.nproblems))
		rc = sk_error_set(r->err, SK_ERR_DIFF, "%zu pending, %zu with problems", st.npending,
		                  st.nproblems);
	sk_migrate_status_release(&st);
	return rc;
}

static int verb_current(struct run *r)
{
	struct sk_history h = SK_HISTORY_INIT;
	const struct sk_applied *last;
	const char *head;
	int rc;

	rc = read_dir_and_connect(r, load_dir);
	if (rc == 0)
		rc = sk_history_load(r->db, &h, r->err);
	if (rc)
		return rc;
	last = sk_history_last_applied(&h);
	head = head_version(&r->md);
	if (r->o->json) {
		struct json_object *o = json_object_new_object();
		json_object_object_add(o, "version", json_str_or_null(last ? last->version : NULL));
		json_object_object_add(o, "name", json_str_or_null(last ? last->name : NULL));
		json_object_object_add(o, "head", json_str_or_null(head));
		json_object_object_add(
		        o, "is_head",
		        json_object_new_boolean(last && head && !sk_version_cmp(last->version, head)));
		emit_json(r->out, o);
	} else if (!last) {
		sk_buf_adds(r->out, "base (no migration applied)\n");
	} else {
		sk_buf_addf(r->out, "%s %s%s\n", last->version, last->name,
		            head && !sk_version_cmp(last->version, head) ? " (head)" : "");
	}
	sk_history_release(&h);
	return 0;
}

static int verb_history(struct run *r)
{
	struct sk_history h = SK_HISTORY_INIT;
	int rc;

	rc = connect_db(r);
	if (rc == 0)
		rc = sk_history_load(r->db, &h, r->err);
	if (rc)
		return rc;
	if (r->o->json) {
		struct json_object *arr = json_object_new_array();
		for (size_t i = 0; i < h.nr; i++) {
			const struct sk_applied *a = &h.rows[i];
			struct json_object *o = json_object_new_object();
			json_object_object_add(o, "version", json_object_new_string(a->version));
			json_object_object_add(o, "name", json_object_new_string(a->name));
			json_object_object_add(o, "checksum", json_object_new_string(a->checksum));
			json_object_object_add(o, "applied_at", json_str_or_null(a->applied_at));
			json_object_object_add(o, "duration_ms", json_object_new_int64(a->duration_ms));
			json_object_object_add(o, "status",
			                       json_object_new_string(a->failed ? "failed" : "applied"));
			json_object_array_add(arr, o);
		}
		emit_json(r->out, arr);
	} else {
		for (size_t i = 0; i < h.nr; i++) {
			const struct sk_applied *a = &h.rows[i];
			sk_buf_addf(r->out, "%s %s  %s  %lld ms%s\n", a->version, a->name,
			            a->applied_at ? a->applied_at : "", a->duration_ms,
			            a->failed ? "  FAILED" : "");
		}
		if (!h.nr)
			sk_buf_adds(r->out, "no migration applied\n");
	}
	sk_history_release(&h);
	return 0;
}

static int verb_heads(struct run *r)
{
	int rc = load_dir(r);

	if (rc)
		return rc;
	if (!r->md.nr)
		sk_buf_adds(r->out, "base (no migrations)\n");
	else
		sk_buf_addf(r->out, "%s %s (head)\n", head_version(&r->md), r->md.migs[r->md.nr - 1].name);
	return 0;
}

static int verb_show(struct run *r)
{
	const char **versions;
	struct sk_target t = SK_TARGET_INIT;
	int rc = load_dir(r);
	long idx;

	if (rc)
		return rc;
	versions = sk_xcalloc(r->md.nr + 1, sizeof(*versions));
	for (size_t i = 0; i < r->md.nr; i++)
		versions[i] = r->md.migs[i].version;
	rc = sk_target_parse(&t, r->o->arg ? r->o->arg : "head", versions, r->md.nr, r->err);
	free(versions);
	if (rc)
		return rc;
	if (t.kind == SK_TARGET_HEAD && r->md.nr)
		idx = (long)r->md.nr - 1;
	else if (t.kind == SK_TARGET_VERSION)
		idx = sk_migdir_index(&r->md, t.version);
	else
		idx = -1;
	sk_target_release(&t);
	if (idx < 0)
		return sk_error_set(r->err, SK_ERR_USAGE, "show needs one revision (a version or head)");
	{
		const struct sk_migration *m = &r->md.migs[idx];
		sk_buf_addf(r->out, "Revision: %s\nName: %s\nFile: %s\nChecksum: %s\n", m->version, m->name,
		            m->path, m->checksum);
		sk_buf_addf(r->out, "Up: %zu statement%s%s\n", m->up.nr, m->up.nr == 1 ? "" : "s",
		            m->up.transaction ? "" : " (transaction:false)");
		if (m->down.present)
			sk_buf_addf(r->out, "Down: %zu statement%s%s\n", m->down.nr,
			            m->down.nr == 1 ? "" : "s",
			            m->down.transaction ? "" : " (transaction:false)");
		else
			sk_buf_adds(r->out, "Down: none\n");
		sk_buf_addch(r->out, '\n');
		sk_buf_add(r->out, m->content, m->content_len);
		if (m->content_len && m->content[m->content_len - 1] != '\n')
			sk_buf_addch(r->out, '\n');
	}
	return 0;
}

static int verb_stamp(struct run *r)
{
	int rc = read_dir_and_connect(r, load_dir);

	if (rc == 0)
		rc = sk_migrate_stamp(r->db, &r->md, r->o->arg, r->o->lock_timeout_ms, r->err);
	if (rc == 0)
		sk_buf_addf(r->out, "stamped %s\n", r->o->arg);
	return rc;
}

static int verb_hash(struct run *r)
{
	bool changed = false;
	char *path;
	int rc = load_dir(r);

	if (rc == 0)
		rc = sk_migdir_sum_write(&r->md, &changed, r->err);
	if (rc)
		return rc;
	path = sk_fs_join(r->mig_dir, SK_SUM_FILENAME);
	sk_buf_addf(r->out, changed ? "wrote %s (%zu migrations)\n" : "%s is up to date (%zu migrations)\n",
	            path, r->md.nr);
	free(path);
	return 0;
}

static int verb_verify(struct run *r)
{
	struct sk_buf problems = SK_BUF_INIT;
	struct sk_migrate_status st;
	bool exists = false;
	size_t nchecked = 0;
	char *sum_path;
	int rc = load_dir(r);

	if (rc)
		return rc;
	sum_path = sk_fs_join(r->mig_dir, SK_SUM_FILENAME);
	rc = sk_migdir_sum_check(&r->md, &exists, &problems, r->err);
	if (rc == 0 && !exists) {
		rc = sk_error_set(r->err, SK_ERR_DIFF, "there is no sum file '%s'", sum_path);
		sk_error_hint(r->err, "run 'schemake-migrate hash' and commit it");
	} else if (rc) {
		r->err->code = SK_ERR_DIFF;
		rc = -SK_ERR_DIFF;
	}
	if (rc == 0 && !r->o->offline) {
		rc = connect_db(r);
		if (rc == 0)
			rc = sk_migrate_status_load(&st, r->db, &r->md, r->err);
		if (rc == 0) {
			for (size_t i = 0; i < st.nr && rc == 0; i++) {
				const struct sk_mig_status *e = &st.entries[i];
				if (e->state == SK_MIG_CHANGED) {
					rc = sk_error_set(r->err, SK_ERR_DIFF,
					                  "migration '%s' was changed after it was applied",
					                  e->file->filename);
					sk_error_locate(r->err, e->file->path, 0, 0);
				} else if (e->state == SK_MIG_MISSING_FILE) {
					rc = sk_error_set(
					        r->err, SK_ERR_DIFF,
					        "applied migration '%s_%s.sql' is missing from '%s'",
					        e->version, e->name, r->mig_dir);
				} else if (e->state == SK_MIG_APPLIED) {
					nchecked++;
				}
			}
			sk_migrate_status_release(&st);
		}
	}
	if (rc == 0) {
		sk_buf_addf(r->out, "ok: %zu migrations, %s is current", r->md.nr, sum_path);
		if (!r->o->offline)
			sk_buf_addf(r->out, ", %zu applied checksums match", nchecked);
		sk_buf_addch(r->out, '\n');
	}
	free(sum_path);
	sk_buf_release(&problems);
	return rc;
}

static int verb_server(struct run *r)
{
	const char *action = r->o->arg ? r->o->arg : "status";
	struct sk_cluster c;
	bool init = false, running = false;
	char *url;
	int rc;

	sk_cluster_init(&c, r->cfg.project_dir);
	if (!strcmp(action, "start"))
		rc = sk_cluster_ensure_running(&c, r->err);
	else if (!strcmp(action, "stop"))
		rc = sk_cluster_stop(&c, r->err);
	else if (!strcmp(action, "status"))
		rc = 0;
	else
		rc = sk_error_set(r->err, SK_ERR_USAGE, "unknown server action '%s' (status, start or stop)",
		                  action);
	if (rc == 0)
		rc = sk_cluster_status(&c, &init, &running, r->err);
	if (rc == 0) {
		url = sk_cluster_url(&c, c.dbname);
		sk_buf_addf(r->out, "local development cluster: %s\n",
		            !init     ? "not created"
		            : running ? "running"
		                      : "stopped");
		sk_buf_addf(r->out, "data: %s\n", c.datadir);
		if (running)
			sk_buf_addf(r->out, "url: %s\n", url);
		free(url);
		if (r->cfg.url)
			sk_buf_addf(r->out,
			            "note: a database URL is configured (%s), so the tools use it, not this "
			            "cluster\n",
			            r->cfg.url_source);
	}
	sk_cluster_release(&c);
	return rc;
}

int sk_migrate_run(const struct sk_migrate_opts *o, struct sk_buf *out, struct sk_error *err)
{
	struct run r;
	const char *v = o->verb;
	int rc;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.out = out;
	r.err = err;
	sk_buf_init(&r.out_url);
	rc = sk_config_load(&r.cfg, &o->config, err);
	if (rc)
		goto done;
	r.mig_dir = display_path(r.cfg.migrations_dir);
	if (sk_config_password_file_insecure(&r.cfg) && o->events.on_warning) {
		char *msg = sk_xstrfmt("password file '%s' is readable by other users; 'chmod 600' it",
		                       r.cfg.password_file);
		o->events.on_warning(o->events.ctx, msg);
		free(msg);
	}

	if (!strcmp(v, "new"))
		rc = verb_new(&r);
	else if (!strcmp(v, "upgrade") || !strcmp(v, "up"))
		rc = verb_apply(&r, true);
	else if (!strcmp(v, "downgrade") || !strcmp(v, "down") || !strcmp(v, "rollback"))
		rc = verb_apply(&r, false);
	else if (!strcmp(v, "current"))
		rc = verb_current(&r);
	else if (!strcmp(v, "history"))
		rc = verb_history(&r);
	else if (!strcmp(v, "heads"))
		rc = verb_heads(&r);
	else if (!strcmp(v, "show"))
		rc = verb_show(&r);
	else if (!strcmp(v, "status"))
		rc = verb_status(&r);
	else if (!strcmp(v, "stamp"))
		rc = verb_stamp(&r);
	else if (!strcmp(v, "verify"))
		rc = verb_verify(&r);
	else if (!strcmp(v, "hash"))
		rc = verb_hash(&r);
	else if (!strcmp(v, "server"))
		rc = verb_server(&r);
	else if (!strcmp(v, "diff") || (!strcmp(v, "revision") && o->autogenerate))
		rc = verb_diff(&r);
	else if (!strcmp(v, "revision"))
		rc = verb_new(&r);
	else if (!strcmp(v, "check"))
		rc = verb_check(&r);
	else {
		rc = sk_error_set(err, SK_ERR_USAGE, "unknown verb '%s'", v);
		sk_error_hint(err, "see 'schemake-migrate --help'");
	}
done:
	sk_db_free(r.db);
	sk_migdir_release(&r.md);
	sk_config_release(&r.cfg);
	sk_buf_release(&r.out_url);
	free(r.mig_dir);
	return rc;
}
