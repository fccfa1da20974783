/*
 * migfile.c: reading and validating one migration file. It knows the file
 * format (markers, options, sections) and nothing about databases or the
 * history table.
 */
#include "migrate/migfile.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/fs.h"
#include "common/banned.h"

bool sk_migration_parse_filename(const char *filename, char **version_out, char **name_out)
{
	size_t len = strlen(filename), i = 0;

	while (i < len && isdigit((unsigned char)filename[i]))
		i++;
	if (i == 0 || i >= len || filename[i] != '_')
		return false;
	if (len < i + 1 + 4 + 1 || strcmp(filename + len - 4, ".sql") != 0)
		return false;
	if (strchr(filename, '/'))
		return false;
	if (version_out)
		*version_out = sk_xstrndup(filename, i);
	if (name_out)
		*name_out = sk_xstrndup(filename + i + 1, len - i - 1 - 4);
	return true;
}

int sk_version_cmp(const char *a, const char *b)
{
	size_t la, lb;

	while (*a == '0' && a[1])
		a++;
	while (*b == '0' && b[1])
		b++;
	la = strlen(a);
	lb = strlen(b);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a, b);
}

static void normalise(struct sk_buf *out, const char *text, size_t len)
{
	size_t i = 0;

	if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
	    (unsigned char)text[2] == 0xBF)
		i = 3;
	sk_buf_grow(out, len);
	/* Runs between carriage returns are copied whole: this runs over
	 * every file on every run. */
	while (i < len) {
		const char *cr = memchr(text + i, '\r', len - i);
		size_t end = cr ? (size_t)(cr - text) : len;

		sk_buf_add(out, text + i, end - i);
		if (!cr)
			break;
		if (!(end + 1 < len && text[end + 1] == '\n'))
			sk_buf_addch(out, '\r'); /* a lone CR stays */
		i = end + 1;
	}
}

void sk_migration_checksum(char out[SK_SHA256_HEX_LEN + 1], const char *text, size_t len)
{
	struct sk_buf norm = SK_BUF_INIT;

	normalise(&norm, text, len);
	sk_sha256_hex(out, norm.buf, norm.len);
	sk_buf_release(&norm);
}

/* Returns the 1-based line of the first invalid UTF-8 sequence, or 0. */
static unsigned invalid_utf8_line(const char *s, size_t len)
{
	unsigned line = 1;
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n;

		if (c == '\n')
			line++;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3;
		else
			return line;
		for (size_t k = 1; k <= n; k++)
			if (i + k >= len || ((unsigned char)s[i + k] & 0xC0) != 0x80)
				return line;
		i += n + 1;
	}
	return 0;
}

struct marker {
	bool is_up;
	bool transaction;
	unsigned line;
	size_t body_start; /* offset of the line after the marker */
	size_t line_start; /* offset of the marker line itself */
};

/* Recognises "-- migrate:up [options]" in a line comment token starting in
 * column 1. Returns 1 for a marker, 0 for an ordinary comment, negative for
 * a malformed marker. */
static int parse_marker(const struct sk_sql_token *tok, struct marker *m, const char *path,
                        struct sk_error *err)
{
	const char *p = tok->start + 2, *end = tok->start + tok->len;
	const char *word;
	size_t wlen;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(end - p) < 8 || strncmp(p, "migrate:", 8) != 0)
		return 0;
	p += 8;
	word = p;
	while (p < end && !isspace((unsigned char)*p))
		p++;
	wlen = (size_t)(p - word);
	if (wlen == 2 && strncmp(word, "up", 2) == 0)
		m->is_up = true;
	else if (wlen == 4 && strncmp(word, "down", 4) == 0)
		m->is_up = false;
	else {
		sk_error_set(err, SK_ERR_INPUT, "unknown marker '-- migrate:%.*s'", (int)wlen, word);
		sk_error_hint(err, "the markers are '-- migrate:up' and '-- migrate:down'");
		sk_error_locate(err, path, tok->line, tok->col);
		return -SK_ERR_INPUT;
	}
	m->transaction = true;
	m->line = tok->line;
	for (;;) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end)
			break;
		word = p;
		while (p < end && !isspace((unsigned char)*p))
			p++;
		wlen = (size_t)(p - word);
		if (wlen == 17 && strncmp(word, "transaction:false", 17) == 0)
			m->transaction = false;
		else if (wlen == 16 && strncmp(word, "transaction:true", 16) == 0)
			m->transaction = true;
		else {
			sk_error_set(err, SK_ERR_INPUT, "unknown option '%.*s' on the '-- migrate:%s' marker",
			             (int)wlen, word, m->is_up ? "up" : "down");
			sk_error_hint(err, "the only option is 'transaction:false'");
			sk_error_locate(err, path, tok->line, tok->col);
			return -SK_ERR_INPUT;
		}
	}
	return 1;
}

static int split_section(struct sk_mig_section *sec, const char *path, const char *body, size_t len,
                         unsigned first_line, enum sk_sql_dialect_hint dialect, struct sk_error *err)
{
	struct sk_sql_lexer lx;
	struct sk_sql_stmt st;
	size_t alloc = 0;
	int rc;

	sk_sql_lexer_init(&lx, body, len, dialect);
	lx.line = first_line;
	while ((rc = sk_sql_lexer_statement(&lx, &st, err)) > 0) {
		if (st.kind == SK_STMT_META) {
			sk_error_set(err, SK_ERR_INPUT, "psql meta-command '%.*s' cannot run in a migration",
			             (int)(st.len > 40 ? 40 : st.len), st.start);
			sk_error_hint(err, "remove it; migrations are plain SQL");
			sk_error_locate(err, path, st.line, st.col);
			return -SK_ERR_INPUT;
		}
		if (st.kind == SK_STMT_COPY_DATA &&
		    (sec->nr == 0 || sec->stmts[sec->nr - 1].kind != SK_STMT_SQL)) {
			sk_error_set(err, SK_ERR_INPUT, "COPY data without a COPY statement");
			sk_error_locate(err, path, st.line, st.col);
			return -SK_ERR_INPUT;
		}
		SK_ALLOC_GROW(sec->stmts, sec->nr + 1, alloc);
		sec->stmts[sec->nr++] = st;
	}
	if (rc < 0) {
		sk_error_locate(err, path, err->line, err->col);
		return rc;
	}
	return 0;
}

/* Takes the normalised text and its checksum; no lexing. */
static void set_content(struct sk_migration *out, const char *text, size_t len)
{
	struct sk_buf norm = SK_BUF_INIT;

	normalise(&norm, text, len);
	out->content_len = norm.len;
	out->content = sk_buf_detach(&norm, NULL);
	sk_sha256_hex(out->checksum, out->content, out->content_len);
}

int sk_migration_parse(struct sk_migration *out, const char *path, const char *text, size_t len,
                       enum sk_sql_dialect_hint dialect, struct sk_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->path = sk_xstrdup(path);
	set_content(out, text, len);
	rc = sk_migration_lex(out, dialect, err);
	if (rc) {
		sk_migration_release(out);
		memset(out, 0, sizeof(*out));
	}
	return rc;
}

/* Drops what a failed sk_migration_lex left in the sections. */
static void reset_sections(struct sk_migration *m)
{
	free(m->up.stmts);
	free(m->down.stmts);
	memset(&m->up, 0, sizeof(m->up));
	memset(&m->down, 0, sizeof(m->down));
}

int sk_migration_lex(struct sk_migration *out, enum sk_sql_dialect_hint dialect, struct sk_error *err)
{
	const char *path = out->path;
	struct marker markers[2];
	int nmarkers = 0, rc = 0;
	struct sk_sql_lexer lx;
	struct sk_sql_token tok;
	const char *nul;
	unsigned bad_line, stray_line = 0, stray_col = 0;
	bool only_space = true;

	if (out->lexed)
		return 0;
	for (size_t i = 0; i < out->content_len; i++)
		if (!isspace((unsigned char)out->content[i]))
			only_space = false;
	if (only_space) {
		rc = sk_error_set(err, SK_ERR_INPUT, "migration file is empty");
		sk_error_hint(err, "a migration needs a '-- migrate:up' section; 'schemake-migrate new NAME' "
		                   "writes a template");
		sk_error_locate(err, path, 1, 1);
		goto done;
	}
	nul = memchr(out->content, '\0', out->content_len);
	if (nul) {
		unsigned line = 1;
		for (const char *p = out->content; p < nul; p++)
			line += *p == '\n';
		rc = sk_error_set(err, SK_ERR_INPUT, "not a text file: it contains a NUL byte");
		sk_error_hint(err, "migrations are UTF-8 SQL text");
		sk_error_locate(err, path, line, 1);
		goto done;
	}
	bad_line = invalid_utf8_line(out->content, out->content_len);
	if (bad_line) {
		rc = sk_error_set(err, SK_ERR_INPUT, "not valid UTF-8 text");
		sk_error_hint(err,
		              "migrations are UTF-8 SQL text; convert the file (iconv) or fix the bytes");
		sk_error_locate(err, path, bad_line, 1);
		goto done;
	}

	/* Find the markers: line comments in column 1, so a marker-like line
	 * inside a string or a function body is not taken for one. */
	sk_sql_lexer_init(&lx, out->content, out->content_len, dialect);
	for (;;) {
		int t = sk_sql_lexer_token(&lx, &tok, err);
		if (t < 0) {
			rc = t;
			sk_error_locate(err, path, err->line, err->col);
			goto done;
		}
		if (tok.kind == SK_TOK_EOF)
			break;
		if (tok.kind == SK_TOK_SPACE || tok.kind == SK_TOK_BLOCK_COMMENT)
			continue;
		if (tok.kind == SK_TOK_LINE_COMMENT && tok.col == 1) {
			struct marker m;
			int r = parse_marker(&tok, &m, path, err);
			if (r < 0) {
				rc = r;
				goto done;
			}
			if (r == 0)
				continue;
			for (int k = 0; k < nmarkers; k++) {
				if (markers[k].is_up == m.is_up) {
					rc = sk_error_set(
					        err, SK_ERR_INPUT,
					        "second '-- migrate:%s' marker (the first is on line %u)",
					        m.is_up ? "up" : "down", markers[k].line);
					sk_error_hint(err, "a migration has one up and one down section");
					sk_error_locate(err, path, tok.line, tok.col);
					goto done;
				}
			}
			m.line_start = (size_t)(tok.start - out->content);
			m.body_start = m.line_start + tok.len;
			if (m.body_start < out->content_len && out->content[m.body_start] == '\n')
				m.body_start++;
			markers[nmarkers++] = m;
			continue;
		}
		if (tok.kind == SK_TOK_LINE_COMMENT)
			continue;
		if (nmarkers == 0 && !stray_line) {
			stray_line = tok.line;
			stray_col = tok.col;
		}
	}
	if (!(nmarkers > 0 && markers[0].is_up) && !(nmarkers > 1 && markers[1].is_up)) {
		rc = sk_error_set(err, SK_ERR_INPUT, "no '-- migrate:up' marker");
		sk_error_hint(
		        err,
		        "a migration starts with a line '-- migrate:up' (and may have '-- migrate:down')");
		sk_error_locate(err, path, 1, 1);
		goto done;
	}
	if (stray_line) {
		rc = sk_error_set(err, SK_ERR_INPUT, "SQL before the '-- migrate:up' marker");
		sk_error_hint(err, "start the file with a '-- migrate:up' line");
		sk_error_locate(err, path, stray_line, stray_col);
		goto done;
	}

	for (int k = 0; k < nmarkers; k++) {
		struct sk_mig_section *sec = markers[k].is_up ? &out->up : &out->down;
		size_t end = k + 1 < nmarkers ? markers[k + 1].line_start : out->content_len;
		sec->present = true;
		sec->transaction = markers[k].transaction;
		sec->marker_line = markers[k].line;
		rc = split_section(sec, path, out->content + markers[k].body_start,
		                   end - markers[k].body_start, markers[k].line + 1, dialect, err);
		if (rc)
			goto done;
	}
done:
	if (rc)
		reset_sections(out);
	else
		out->lexed = true;
	return rc;
}

int sk_migration_load(struct sk_migration *out, const char *dir, const char *filename,
                      enum sk_sql_dialect_hint dialect, struct sk_error *err)
{
	int rc = sk_migration_read(out, dir, filename, err);

	if (rc == 0)
		rc = sk_migration_lex(out, dialect, err);
	if (rc)
		sk_migration_release(out);
	return rc;
}

int sk_migration_read(struct sk_migration *out, const char *dir, const char *filename, struct sk_error *err)
{
	struct sk_buf text = SK_BUF_INIT;
	char *path = sk_fs_join(dir, filename);
	char *version = NULL, *name = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!sk_migration_parse_filename(filename, &version, &name)) {
		rc = sk_error_set(err, SK_ERR_INPUT, "bad migration file name '%s'", filename);
		sk_error_hint(err, "migration files are named <version>_<name>.sql, e.g. "
		                   "20240101120000_create_users.sql");
		sk_error_locate(err, path, 0, 0);
		goto done;
	}
	rc = sk_fs_read_file(&text, path, err);
	if (rc)
		goto done;
	out->path = path;
	path = NULL;
	set_content(out, text.buf, text.len);
	out->version = version;
	out->name = name;
	out->filename = sk_xstrdup(filename);
	version = name = NULL;
done:
	free(version);
	free(name);
	free(path);
	sk_buf_release(&text);
	return rc;
}

void sk_migration_release(struct sk_migration *m)
{
	if (!m)
		return;
	free(m->version);
	free(m->name);
	free(m->filename);
	free(m->path);
	free(m->content);
	free(m->up.stmts);
	free(m->down.stmts);
	memset(m, 0, sizeof(*m));
}
