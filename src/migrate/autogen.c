/*
 * autogen.c: `schemake-migrate diff` and `check`, the autogenerate loop.
 * Desired: schema/ loaded into a scratch database (or --to URL|SNAPSHOT).
 * Current: the migrations' head replayed into a scratch database (or
 * --from URL|SNAPSHOT). The difference becomes a new migration (diff) or a
 * failure (check). Comparing is diff/'s job; this file finds the two models.
 */
#include "migrate/autogen.h"

#include <stdlib.h>
#include <string.h>

#include "common/fs.h"
#include "db/open.h"
#include "db/scratch.h"
#include "diff/diff.h"
#include "introspect/introspect.h"
#include "model/snapshot.h"
#include "sql/lexer.h"
#include "common/banned.h"

static enum sk_sql_dialect_hint lexer_dialect(enum sk_dialect d)
{
	return d == SK_DIALECT_SQLITE ? SK_SQL_SQLITE : SK_SQL_POSTGRES;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Runs every statement of one SQL file; errors point at file:line:col. */
static int load_file(struct sk_db *db, const char *path, struct sk_error *err)
{
	struct sk_buf text = SK_BUF_INIT;
	struct sk_sql_lexer lx;
	struct sk_sql_stmt st;
	int rc = sk_fs_read_file(&text, path, err);

	if (rc)
		goto done;
	sk_sql_lexer_init(&lx, text.buf, text.len, lexer_dialect(sk_db_dialect(db)));
	while ((rc = sk_sql_lexer_statement(&lx, &st, err)) > 0) {
		if (st.kind != SK_STMT_SQL) {
			rc = sk_error_set(err, SK_ERR_INPUT, "only plain SQL belongs in the schema directory");
			sk_error_locate(err, path, st.line, st.col);
			goto done;
		}
		rc = sk_db_exec_statement(db, st.start, st.len, err);
		if (rc) {
			/* the driver's col is the position within the statement */
			unsigned line = st.line, col = st.col;
			for (size_t i = 0; err->col && i + 1 < err->col && i < st.len; i++) {
				if (st.start[i] == '\n') {
					line++;
					col = 1;
				} else {
					col++;
				}
			}
			sk_error_locate(err, path, line, col);
			sk_error_hint(err, "fix the schema file; the desired schema is loaded into a scratch database");
			goto done;
		}
	}
	if (rc < 0)
		sk_error_locate(err, path, err->line, err->col);
	else
		rc = 0;
done:
	sk_buf_release(&text);
	return rc;
}

/* The *.sql files of dir in name order, as paths. */
static int sql_files(struct sk_fs_names *out, const char *dir, struct sk_error *err)
{
	struct sk_fs_names all = SK_FS_NAMES_INIT;
	int rc;

	if (!sk_fs_is_dir(dir)) {
		rc = sk_error_set(err, SK_ERR_IO, "schema directory '%s' does not exist", dir);
		sk_error_hint(err, "write the desired schema as SQL files there, or set [paths] schema");
		return rc;
	}
	rc = sk_fs_list_dir(&all, dir, err);
	for (size_t i = 0; rc == 0 && i < all.nr; i++) {
		if (!ends_with(all.names[i], ".sql"))
			continue;
		SK_ALLOC_GROW(out->names, out->nr + 1, out->alloc);
		out->names[out->nr++] = sk_fs_join(dir, all.names[i]);
	}
	sk_fs_names_release(&all);
	return rc;
}

/* Rename hints written in schema/ as "-- schemake:rename TABLE.OLD=NEW". */
static int read_annotations(struct sk_autogen *ag, const struct sk_fs_names *files, enum sk_dialect d,
			    struct sk_error *err)
{
	static const char tag[] = "schemake:rename";
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < files->nr; i++) {
		struct sk_buf text = SK_BUF_INIT;
		struct sk_sql_lexer lx;
		struct sk_sql_token tok;

		rc = sk_fs_read_file(&text, files->names[i], err);
		sk_sql_lexer_init(&lx, text.buf, text.len, lexer_dialect(d));
		while (rc == 0 && sk_sql_lexer_token(&lx, &tok, NULL) > 0 && tok.kind != SK_TOK_EOF) {
			const char *p = tok.start + 2, *end = tok.start + tok.len;
			char *spec;
			if (tok.kind != SK_TOK_LINE_COMMENT)
				continue;
			while (p < end && *p == ' ')
				p++;
			if ((size_t)(end - p) <= sizeof(tag) || strncmp(p, tag, sizeof(tag) - 1) != 0)
				continue;
			p += sizeof(tag) - 1;
			while (p < end && *p == ' ')
				p++;
			spec = sk_xstrndup(p, (size_t)(end - p));
			while (*spec && spec[strlen(spec) - 1] == ' ')
				spec[strlen(spec) - 1] = '\0';
			rc = sk_autogen_add_rename(ag, spec, err);
			if (rc)
				sk_error_locate(err, files->names[i], tok.line, tok.col);
			free(spec);
		}
		sk_buf_release(&text);
	}
	return rc;
}

int sk_autogen_add_rename(struct sk_autogen *ag, const char *spec, struct sk_error *err)
{
	struct sk_rename r;
	char *storage;
	int rc = sk_rename_parse(&r, &storage, spec, err);

	if (rc)
		return rc;
	SK_ALLOC_GROW(ag->renames, ag->nrenames + 1, ag->alloc_renames);
	SK_ALLOC_GROW(ag->rename_storage, ag->nrenames + 1, ag->alloc_storage);
	ag->renames[ag->nrenames] = r;
	ag->rename_storage[ag->nrenames] = storage;
	ag->nrenames++;
	return 0;
}

void sk_autogen_release(struct sk_autogen *ag)
{
	for (size_t i = 0; i < ag->nrenames; i++)
		free(ag->rename_storage[i]);
	free(ag->renames);
	free(ag->rename_storage);
	memset(ag, 0, sizeof(*ag));
}

int sk_autogen_model_of_spec(struct sk_model **out, const char *spec, struct sk_error *err)
{
	struct sk_introspect_opts io = { false };
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_db *db = NULL;
	int rc;

	if (ends_with(spec, ".json") || (sk_fs_exists(spec) && !sk_fs_is_dir(spec) && !strchr(spec, ':'))) {
		struct sk_buf text = SK_BUF_INIT;
		rc = sk_fs_read_file(&text, spec, err);
		if (rc == 0)
			rc = sk_snapshot_read(out, spec, text.buf, text.len, err);
		sk_buf_release(&text);
		return rc;
	}
	rc = sk_conninfo_parse(&ci, spec, err);
	if (rc == 0)
		rc = sk_db_connect(&db, &ci, err);
	if (rc == 0)
		rc = sk_introspect(out, db, &io, err);
	sk_db_free(db);
	sk_conninfo_release(&ci);
	return rc;
}

int sk_autogen_model_of_migrations(struct sk_model **out, const struct sk_config *cfg, struct sk_migdir *md,
				   struct sk_error *err)
{
	struct sk_introspect_opts io = { false };
	struct sk_migrate_apply_opts a;
	struct sk_scratch scratch;
	size_t n;
	int rc;

	memset(&a, 0, sizeof(a));
	a.lock_timeout_ms = -1;
	rc = sk_scratch_create(&scratch, cfg, err);
	if (rc)
		return rc;
	rc = sk_migrate_upgrade(scratch.db, md, &a, &n, err);
	if (rc == 0)
		rc = sk_introspect(out, scratch.db, &io, err);
	sk_scratch_drop(&scratch);
	return rc;
}

int sk_autogen_model_of_schema(struct sk_model **out, struct sk_autogen *ag, const struct sk_config *cfg,
			       const char *dir, struct sk_error *err)
{
	struct sk_introspect_opts io = { false };
	struct sk_fs_names files = SK_FS_NAMES_INIT;
	struct sk_scratch scratch;
	int rc;

	memset(&scratch, 0, sizeof(scratch));
	rc = sql_files(&files, dir, err);
	if (rc == 0)
		rc = read_annotations(ag, &files, cfg->dialect, err);
	if (rc == 0)
		rc = sk_scratch_create(&scratch, cfg, err);
	for (size_t i = 0; rc == 0 && i < files.nr; i++)
		rc = load_file(scratch.db, files.names[i], err);
	if (rc == 0)
		rc = sk_introspect(out, scratch.db, &io, err);
	sk_scratch_drop(&scratch);
	sk_fs_names_release(&files);
	return rc;
}

int sk_autogen_diff(struct sk_diff *out, struct sk_autogen *ag, const struct sk_config *cfg,
		    struct sk_migdir *md, const char *from, const char *to, struct sk_error *err)
{
	struct sk_model *current = NULL, *desired = NULL;
	struct sk_diff_opts dopts;
	int rc;

	rc = to ? sk_autogen_model_of_spec(&desired, to, err) : sk_autogen_model_of_schema(&desired, ag, cfg, cfg->schema_dir, err);
	if (rc == 0)
		rc = from ? sk_autogen_model_of_spec(&current, from, err) : sk_autogen_model_of_migrations(&current, cfg, md, err);
	if (rc == 0) {
		dopts.renames = ag->renames;
		dopts.nrenames = ag->nrenames;
		rc = sk_diff_models(out, current, desired, &dopts, err);
	}
	sk_model_free(current);
	sk_model_free(desired);
	return rc;
}

int sk_autogen_unacknowledged(struct sk_buf *out, const struct sk_migdir *md)
{
	static const char marker[] = "-- schemake:destructive ";
	int n = 0;

	for (size_t i = 0; i < md->nr; i++) {
		const char *p = md->migs[i].content;
		unsigned line = 1;
		for (const char *q = p; *q; q++) {
			if ((q == p || q[-1] == '\n') && strncmp(q, marker, sizeof(marker) - 1) == 0) {
				const char *eol = strchr(q, '\n');
				size_t len = eol ? (size_t)(eol - q) : strlen(q);
				sk_buf_addf(out, "%s:%u: %.*s\n", md->migs[i].path, line, (int)(len - (sizeof(marker) - 1)),
					    q + sizeof(marker) - 1);
				n++;
			}
			if (*q == '\n')
				line++;
		}
	}
	return n;
}
