/*
 * sql_sqlite.c: the canonical SQL dump of a SQLite model. Every object is
 * written as SQLite stored it in sqlite_schema, byte for byte (no
 * reformatting), so that the loaded dump's `sqlite3 .schema` is the
 * original's: tables by name (SQLite does not check foreign key targets at
 * creation), indexes by name, views in dependency order (ties by name),
 * triggers by name. No PRAGMA lines and no transaction: the caller decides.
 *
 * Not its job: PostgreSQL (sql_pg.c), choosing the writer (sql.c), reading
 * the database (introspect/sqlite.c). Objects without stored SQL (a model
 * not read from SQLite) are skipped: there is nothing faithful to write.
 */
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "emit/sql.h"

#include "common/banned.h"

struct named {
	const char *name;
	const char *sql;
};

static int cmp_named(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->sql, y->sql);
}

/* One object and its ';'; a blank line before it unless it comes first. */
static void block(struct sk_buf *out, const char *sql)
{
	if (!sql || !*sql)
		return;
	if (out->len)
		sk_buf_addch(out, '\n');
	sk_buf_adds(out, sql);
	sk_buf_adds(out, ";\n");
}

static void emit_sorted(struct sk_buf *out, struct named *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_named);
	for (size_t i = 0; i < n; i++)
		block(out, v[i].sql);
}

/* Kahn's algorithm, always taking the smallest name among the views whose
 * view dependencies are written; a cycle (impossible in a real database,
 * but a model may say so) is broken by name. */
static void emit_views(struct sk_buf *out, const struct sk_model *m)
{
	size_t n = m->nviews, ndeps = 0;
	bool *done = sk_xcalloc(n ? n : 1, sizeof(*done));
	size_t *first = sk_xcalloc(n + 1, sizeof(*first)), *dep;

	/* the views each view needs, as indexes: dep[first[i] .. first[i + 1]) */
	for (size_t i = 0; i < n; i++)
		ndeps += m->views[i].ndeps;
	dep = sk_xcalloc(ndeps ? ndeps : 1, sizeof(*dep));
	ndeps = 0;
	for (size_t i = 0; i < n; i++) {
		first[i] = ndeps;
		for (size_t d = 0; d < m->views[i].ndeps; d++) {
			const struct sk_ref *r = &m->views[i].deps[d];

			if (r->kind != SK_OBJ_VIEW)
				continue;
			for (size_t j = 0; j < n; j++)
				if (j != i && !strcmp(m->views[j].name, r->name))
					dep[ndeps++] = j;
		}
	}
	first[n] = ndeps;

	for (size_t written = 0; written < n; written++) {
		size_t best = n, fallback = n;

		for (size_t i = 0; i < n; i++) {
			bool ready = true;

			if (done[i])
				continue;
			if (fallback == n || strcmp(m->views[i].name, m->views[fallback].name) < 0)
				fallback = i;
			for (size_t d = first[i]; d < first[i + 1] && ready; d++)
				ready = done[dep[d]];
			if (ready && (best == n || strcmp(m->views[i].name, m->views[best].name) < 0))
				best = i;
		}
		if (best == n)
			best = fallback;
		done[best] = true;
		block(out, m->views[best].definition);
	}
	free(dep);
	free(first);
	free(done);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

void sk_emit_sql_sqlite(struct sk_buf *out, const struct sk_model *m)
{
	struct named *v;
	size_t n = 0, cap = m->ntables;

	for (size_t i = 0; i < m->ntables; i++)
		cap += m->tables[i].nindexes + m->tables[i].ntriggers;
	for (size_t i = 0; i < m->nviews; i++)
		cap += m->views[i].ntriggers;
	v = sk_xcalloc(cap ? cap : 1, sizeof(*v));

	for (size_t i = 0; i < m->ntables; i++)
		v[n++] = (struct named){m->tables[i].name, nz(m->tables[i].sql)};
	emit_sorted(out, v, n);

	n = 0;
	for (size_t i = 0; i < m->ntables; i++)
		for (size_t j = 0; j < m->tables[i].nindexes; j++)
			v[n++] = (struct named){m->tables[i].indexes[j].name,
			                        nz(m->tables[i].indexes[j].definition)};
	emit_sorted(out, v, n);

	emit_views(out, m);

	n = 0;
	for (size_t i = 0; i < m->ntables; i++)
		for (size_t j = 0; j < m->tables[i].ntriggers; j++)
			v[n++] = (struct named){m->tables[i].triggers[j].name,
			                        nz(m->tables[i].triggers[j].definition)};
	for (size_t i = 0; i < m->nviews; i++)
		for (size_t j = 0; j < m->views[i].ntriggers; j++)
			v[n++] = (struct named){m->views[i].triggers[j].name,
			                        nz(m->views[i].triggers[j].definition)};
	emit_sorted(out, v, n);
	free(v);
}
