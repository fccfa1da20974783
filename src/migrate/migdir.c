/*
 * migdir.c: loading a migrations directory and keeping its sum file. It does
 * not talk to databases.
 */
#include "migrate/migdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fs.h"
#include "common/hash.h"
#include "common/banned.h"

static bool ends_with_sql(const char *name)
{
	size_t len = strlen(name);
	return len >= 4 && strcmp(name + len - 4, ".sql") == 0;
}

static int cmp_migs(const void *a, const void *b)
{
	const struct sk_migration *x = a, *y = b;
	int c = sk_version_cmp(x->version, y->version);
	return c ? c : strcmp(x->filename, y->filename);
}

/* The listing is sorted by name, which is version order whenever the
 * versions have one length: then a linear check saves the sort. */
static bool is_sorted(const struct sk_migration *migs, size_t nr)
{
	for (size_t i = 1; i < nr; i++)
		if (cmp_migs(&migs[i - 1], &migs[i]) > 0)
			return false;
	return true;
}

static int load(struct sk_migdir *out, const char *dir, enum sk_sql_dialect_hint dialect, bool lex,
                struct sk_error *err)
{
	struct sk_fs_names names = SK_FS_NAMES_INIT;
	size_t alloc = 0;
	int rc;

	out->dir = sk_xstrdup(dir);
	out->dialect = dialect;
	out->migs = NULL;
	out->nr = 0;
	if (sk_fs_exists(dir) && !sk_fs_is_dir(dir)) {
		rc = sk_error_set(err, SK_ERR_IO, "migrations directory '%s' is not a directory", dir);
		sk_error_hint(err, "point --migrations-dir or [paths] migrations in schemake.ini at the "
		                   "directory of the migration files");
		goto done;
	}
	if (!sk_fs_is_dir(dir)) {
		rc = sk_error_set(err, SK_ERR_IO, "migrations directory '%s' does not exist", dir);
		sk_error_hint(err, "create it with 'schemake-migrate new NAME', or point --migrations-dir "
		                   "or [paths] migrations in schemake.ini at it");
		goto done;
	}
	rc = sk_fs_list_dir(&names, dir, err);
	if (rc)
		goto done;
	for (size_t i = 0; i < names.nr; i++) {
		struct sk_migration m;

		if (!ends_with_sql(names.names[i]))
			continue;
		rc = lex ? sk_migration_load(&m, dir, names.names[i], dialect, err)
		         : sk_migration_read(&m, dir, names.names[i], err);
		if (rc) {
			/* A directory named *.sql is skipped; asked only after a
			 * failure, which saves a stat per file on every run. */
			char *path = sk_fs_join(dir, names.names[i]);
			bool is_dir = sk_fs_is_dir(path);
			free(path);
			if (!is_dir)
				goto done;
			rc = 0;
			continue;
		}
		SK_ALLOC_GROW(out->migs, out->nr + 1, alloc);
		out->migs[out->nr++] = m;
	}
	if (out->nr > 1 && !is_sorted(out->migs, out->nr)) /* qsort(NULL, 0, ...) is undefined */
		qsort(out->migs, out->nr, sizeof(*out->migs), cmp_migs);
	for (size_t i = 1; i < out->nr; i++) {
		if (sk_version_cmp(out->migs[i - 1].version, out->migs[i].version) == 0) {
			rc = sk_error_set(err, SK_ERR_INPUT, "two migrations have version %s: '%s' and '%s'",
			                  out->migs[i].version, out->migs[i - 1].filename,
			                  out->migs[i].filename);
			sk_error_hint(err, "rename one of them to a new version");
			sk_error_locate(err, out->migs[i].path, 0, 0);
			goto done;
		}
	}
done:
	sk_fs_names_release(&names);
	if (rc)
		sk_migdir_release(out);
	return rc;
}

int sk_migdir_load(struct sk_migdir *out, const char *dir, enum sk_sql_dialect_hint dialect,
                   struct sk_error *err)
{
	return load(out, dir, dialect, true, err);
}

int sk_migdir_scan(struct sk_migdir *out, const char *dir, enum sk_sql_dialect_hint dialect,
                   struct sk_error *err)
{
	return load(out, dir, dialect, false, err);
}

int sk_migdir_lex(struct sk_migdir *md, size_t i, struct sk_error *err)
{
	return sk_migration_lex(&md->migs[i], md->dialect, err);
}

int sk_migdir_lex_all(struct sk_migdir *md, struct sk_error *err)
{
	for (size_t i = 0; i < md->nr; i++) {
		int rc = sk_migdir_lex(md, i, err);
		if (rc)
			return rc;
	}
	return 0;
}

void sk_migdir_release(struct sk_migdir *md)
{
	for (size_t i = 0; i < md->nr; i++)
		sk_migration_release(&md->migs[i]);
	free(md->migs);
	free(md->dir);
	md->dir = NULL;
	md->migs = NULL;
	md->nr = 0;
}

long sk_migdir_index(const struct sk_migdir *md, const char *version)
{
	/* migs is sorted by version (sk_migdir_load): binary search, since
	 * callers look up every applied version (N lookups per run). */
	size_t lo = 0, hi = md->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = sk_version_cmp(md->migs[mid].version, version);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void chain_total(char out[SK_SHA256_HEX_LEN + 1], const struct sk_migdir *md)
{
	struct sk_buf step = SK_BUF_INIT;

	out[0] = '\0';
	for (size_t i = 0; i < md->nr; i++) {
		sk_buf_reset(&step);
		sk_buf_adds(&step, out);
		sk_buf_adds(&step, md->migs[i].filename);
		sk_buf_addch(&step, ' ');
		sk_buf_adds(&step, md->migs[i].checksum);
		sk_buf_addch(&step, '\n');
		sk_sha256_hex(out, step.buf, step.len);
	}
	if (md->nr == 0)
		sk_sha256_hex(out, "", 0);
	sk_buf_release(&step);
}

static const char sum_header[] =
        "# schemake.sum v1: checksums of the migrations in order; written by "
        "'schemake-migrate hash', do not edit.\n"
        "# A merge conflict here means two branches added migrations: renumber yours and "
        "run 'schemake-migrate hash'.\n";

void sk_migdir_sum_render(struct sk_buf *out, const struct sk_migdir *md)
{
	char total[SK_SHA256_HEX_LEN + 1];

	chain_total(total, md);
	sk_buf_adds(out, sum_header);
	sk_buf_addf(out, "total %s\n", total);
	for (size_t i = 0; i < md->nr; i++)
		sk_buf_addf(out, "%s %s\n", md->migs[i].filename, md->migs[i].checksum);
}

/* Consumes s from *p when the text there starts with it. */
static bool eat(const char **p, const char *end, const char *s, size_t len)
{
	if ((size_t)(end - *p) < len || memcmp(*p, s, len) != 0)
		return false;
	*p += len;
	return true;
}

/* Whether text is exactly what sk_migdir_sum_render would write, checked
 * line by line against the directory rather than by rendering a copy. */
static bool sum_is_current(const struct sk_migdir *md, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	char total[SK_SHA256_HEX_LEN + 1];

	if (!eat(&p, end, sum_header, sizeof(sum_header) - 1) || !eat(&p, end, "total ", 6))
		return false;
	/* Cheap line comparisons first: the chain costs a hash per migration. */
	const char *lines = p + SK_SHA256_HEX_LEN + 1;
	if (lines > end || lines[-1] != '\n')
		return false;
	p = lines;
	for (size_t i = 0; i < md->nr; i++) {
		const struct sk_migration *m = &md->migs[i];
		if (!eat(&p, end, m->filename, strlen(m->filename)) || !eat(&p, end, " ", 1) ||
		    !eat(&p, end, m->checksum, SK_SHA256_HEX_LEN) || !eat(&p, end, "\n", 1))
			return false;
	}
	if (p != end)
		return false;
	chain_total(total, md);
	return memcmp(lines - SK_SHA256_HEX_LEN - 1, total, SK_SHA256_HEX_LEN) == 0;
}

struct sum_entry {
	char *filename;
	char *checksum;
};

static void parse_sum(const char *text, struct sum_entry **out, size_t *nr)
{
	size_t alloc = 0;
	const char *p = text;

	*out = NULL;
	*nr = 0;
	while (*p) {
		const char *eol = strchr(p, '\n');
		const char *sp;
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (len && p[len - 1] == '\r')
			len--;
		sp = memchr(p, ' ', len);
		if (len && p[0] != '#' && sp && strncmp(p, "total ", 6) != 0) {
			SK_ALLOC_GROW(*out, *nr + 1, alloc);
			(*out)[*nr].filename = sk_xstrndup(p, (size_t)(sp - p));
			(*out)[*nr].checksum = sk_xstrndup(sp + 1, len - (size_t)(sp - p) - 1);
			(*nr)++;
		}
		p = eol ? eol + 1 : p + len;
	}
}

int sk_migdir_sum_check(const struct sk_migdir *md, bool *exists, struct sk_buf *problems,
                        struct sk_error *err)
{
	char *path = sk_fs_join(md->dir, SK_SUM_FILENAME);
	struct sk_buf cur = SK_BUF_INIT, first = SK_BUF_INIT;
	struct sum_entry *entries = NULL;
	size_t nentries = 0;
	int rc = 0;

	*exists = sk_fs_exists(path);
	if (!*exists)
		goto done;
	rc = sk_fs_read_file(&cur, path, err);
	if (rc)
		goto done;
	if (sum_is_current(md, cur.buf, cur.len))
		goto done;

	/* Stale: say which files differ. */
	parse_sum(cur.buf, &entries, &nentries);
	for (size_t i = 0; i < md->nr; i++) {
		const struct sk_migration *m = &md->migs[i];
		const char *what = "is not in the sum file (added)";
		for (size_t k = 0; k < nentries; k++) {
			if (strcmp(entries[k].filename, m->filename) == 0) {
				what = strcmp(entries[k].checksum, m->checksum) ? "was edited" : NULL;
				break;
			}
		}
		if (!what)
			continue;
		if (!first.len)
			sk_buf_addf(&first, "%s %s", m->filename, what);
		if (problems)
			sk_buf_addf(problems, "%s %s\n", m->filename, what);
	}
	for (size_t k = 0; k < nentries; k++) {
		bool found = false;
		for (size_t i = 0; i < md->nr && !found; i++)
			found = strcmp(entries[k].filename, md->migs[i].filename) == 0;
		if (found)
			continue;
		if (!first.len)
			sk_buf_addf(&first, "%s is in the sum file but missing", entries[k].filename);
		if (problems)
			sk_buf_addf(problems, "%s is in the sum file but missing\n", entries[k].filename);
	}
	if (!first.len)
		sk_buf_adds(&first, "its lines are out of order or damaged");
	rc = sk_error_set(err, SK_ERR_INPUT, "'%s' is stale: %s", path, first.buf);
	sk_error_hint(err, "run 'schemake-migrate hash' to rewrite it after reviewing the change");
	sk_error_locate(err, path, 0, 0);
done:
	for (size_t k = 0; k < nentries; k++) {
		free(entries[k].filename);
		free(entries[k].checksum);
	}
	free(entries);
	sk_buf_release(&cur);
	sk_buf_release(&first);
	free(path);
	return rc;
}

int sk_migdir_sum_write(const struct sk_migdir *md, bool *changed, struct sk_error *err)
{
	char *path = sk_fs_join(md->dir, SK_SUM_FILENAME);
	struct sk_buf want = SK_BUF_INIT;
	int rc;

	sk_migdir_sum_render(&want, md);
	rc = sk_fs_write_atomic(path, want.buf, want.len, true, changed, err);
	sk_buf_release(&want);
	free(path);
	return rc;
}
