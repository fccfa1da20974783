/*
 * dump.c: schemake-dump as a whole: where the model comes from (database,
 * replayed migrations, snapshot), filtering, the writer, and the output file.
 */
#include "dump/dump.h"

#include <stdlib.h>
#include <string.h>

#include "common/fs.h"
#include "db/open.h"
#include "db/scratch.h"
#include "emit/sql.h"
#include "introspect/introspect.h"
#include "migrate/history.h"
#include "migrate/migrate.h"
#include "model/snapshot.h"
#include "common/banned.h"

/* dbmate's schema.sql habit: INSERTs that make a database loaded from the
 * dump count as migrated. applied_at and duration are left to their
 * defaults so the dump stays deterministic. */
static int append_versions(struct sk_buf *out, struct sk_db *db, struct sk_error *err)
{
	struct sk_history h = SK_HISTORY_INIT;
	enum sk_dialect d = sk_db_dialect(db);
	int rc = sk_history_load(db, &h, err);

	if (rc)
		return rc;
	if (h.nr)
		sk_buf_adds(out, "\n-- The applied migrations, so that a database loaded from this dump is at this version.\n");
	for (size_t i = 0; i < h.nr; i++) {
		if (h.rows[i].failed)
			continue;
		sk_buf_adds(out, "INSERT INTO " SK_HISTORY_TABLE " (version, name, checksum) VALUES (");
		sk_db_quote_literal(out, d, h.rows[i].version);
		sk_buf_adds(out, ", ");
		sk_db_quote_literal(out, d, h.rows[i].name);
		sk_buf_adds(out, ", ");
		sk_db_quote_literal(out, d, h.rows[i].checksum);
		sk_buf_adds(out, ");\n");
	}
	sk_history_release(&h);
	return 0;
}

/* Replays every migration of dir into the scratch database. */
static int replay(struct sk_db *db, const char *dir, enum sk_dialect d, struct sk_error *err)
{
	struct sk_migdir md = SK_MIGDIR_INIT;
	struct sk_migrate_apply_opts a;
	size_t n;
	int rc;

	memset(&a, 0, sizeof(a));
	a.lock_timeout_ms = -1;
	rc = sk_migdir_load(&md, dir, d == SK_DIALECT_SQLITE ? SK_SQL_SQLITE : SK_SQL_POSTGRES, err);
	if (rc == 0)
		rc = sk_migrate_upgrade(db, &md, &a, &n, err);
	sk_migdir_release(&md);
	return rc;
}

static int model_from_snapshot(struct sk_model **out, const char *path, struct sk_error *err)
{
	struct sk_buf text = SK_BUF_INIT;
	int rc = sk_fs_read_file(&text, path, err);

	if (rc == 0)
		rc = sk_snapshot_read(out, path, text.buf, text.len, err);
	sk_buf_release(&text);
	return rc;
}

int sk_dump_run(const struct sk_dump_opts *o, struct sk_buf *out, bool *changed, struct sk_error *err)
{
	struct sk_introspect_opts io = { o->with_versions };
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_scratch scratch;
	struct sk_buf text = SK_BUF_INIT, versions = SK_BUF_INIT;
	struct sk_fs_batch files = SK_FS_BATCH_INIT;
	struct sk_model *m = NULL;
	struct sk_db *db = NULL;
	bool json_changed = false;
	int rc;

	memset(&scratch, 0, sizeof(scratch));
	if (changed)
		*changed = false;
	if (o->from_migrations && o->from_snapshot)
		return sk_error_set(err, SK_ERR_USAGE, "--from-migrations and --from-snapshot exclude each other");
	if (o->from_snapshot && o->with_versions)
		return sk_error_set(err, SK_ERR_USAGE, "--with-versions needs a database or --from-migrations");
	rc = sk_config_load(&cfg, &o->config, err);
	if (rc)
		goto done;
	if (sk_config_password_file_insecure(&cfg) && o->on_warning) {
		char *msg = sk_xstrfmt("password file '%s' is readable by other users; 'chmod 600' it",
		                       cfg.password_file);
		o->on_warning(o->warning_ctx, msg);
		free(msg);
	}

	if (o->from_snapshot) {
		rc = model_from_snapshot(&m, o->from_snapshot, err);
	} else {
		if (o->from_migrations) {
			rc = sk_scratch_create(&scratch, &cfg, err);
			if (rc == 0)
				rc = replay(scratch.db, o->from_migrations, cfg.dialect, err);
			db = scratch.db;
		} else {
			rc = sk_db_open_project(&db, &cfg, NULL, err);
		}
		if (rc == 0)
			rc = sk_introspect(&m, db, &io, err);
		if (rc == 0 && o->with_versions)
			rc = append_versions(&versions, db, err);
	}
	if (rc)
		goto done;

	rc = sk_model_check_schemas(m, o->schemas, o->nschemas, err);
	if (rc)
		goto done;
	sk_model_filter(m, o->schemas, o->nschemas, o->exclude_tables, o->nexclude_tables);
	if (o->format == SK_DUMP_JSON) {
		sk_snapshot_write(&text, m);
	} else {
		sk_emit_sql(&text, m);
		sk_buf_add(&text, versions.buf, versions.len);
	}
	/* the dump and its snapshot change together or not at all */
	if (o->output)
		rc = sk_fs_batch_add(&files, o->output, text.buf, text.len, true, changed, err);
	else
		sk_buf_add(out, text.buf, text.len);
	if (rc == 0 && o->json_output) {
		sk_buf_reset(&text);
		sk_snapshot_write(&text, m);
		rc = sk_fs_batch_add(&files, o->json_output, text.buf, text.len, true, &json_changed, err);
	}
	if (rc == 0)
		rc = sk_fs_batch_commit(&files, err);
	if (changed)
		*changed = *changed || json_changed;
done:
	sk_fs_batch_release(&files);
	sk_model_free(m);
	if (scratch.db || scratch.dbname)
		sk_scratch_drop(&scratch);
	else
		sk_db_free(db);
	sk_config_release(&cfg);
	sk_buf_release(&text);
	sk_buf_release(&versions);
	return rc;
}
