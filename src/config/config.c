/*
 * config.c: where the project's settings come from and which one wins
 * (flags > environment > .env > schemake.ini > defaults), schemake.ini
 * parsing through inih, and the password file. URL syntax is url.c's job,
 * .env syntax dotenv.c's; nothing here connects to a database.
 */
#include "config/config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "common/buf.h"
#include "common/fs.h"
#include "common/banned.h"

/* ---- schemake.ini ---- */

struct ini_values {
	char *url, *password_file, *dialect_name;
	int dialect; /* -1 when not set */
	bool protected_db;
	char *migrations, *schema, *generated, *seeds;
	/* [codegen.types]: any key (codegen/types.c checks them) */
	struct sk_config_entry *codegen_types;
	size_t ncodegen_types, acodegen_types;
};

#define CODEGEN_TYPES_SECTION "codegen.types"

struct ini_key {
	const char *section, *name;
	size_t offset; /* of the char * in struct ini_values, or (size_t)-1 */
};

/* clang-format off */
#define STR_KEY(sec, name, field) { sec, name, offsetof(struct ini_values, field) }
static const struct ini_key ini_keys[] = {
	STR_KEY("database", "url", url),
	STR_KEY("database", "password_file", password_file),
	STR_KEY("database", "dialect", dialect_name),
	{ "database", "protected", (size_t)-1 },
	STR_KEY("paths", "migrations", migrations),
	STR_KEY("paths", "schema", schema),
	STR_KEY("paths", "generated", generated),
	STR_KEY("paths", "seeds", seeds),
};
/* clang-format on */
#define NKEYS (sizeof(ini_keys) / sizeof(ini_keys[0]))

struct ini_ctx {
	const char *text, *pos, *end;
	const char *path;
	unsigned line;     /* line the reader handed out last */
	bool indented;     /* that line starts with whitespace */
	bool key_seen;     /* a key since the last section header: an indented
	                    * line is then a continuation for inih */
	bool long_pending; /* that line was too long for inih: the value is */
	struct sk_buf long_value;
	unsigned key_line[NKEYS];
	struct ini_values *vals;
	struct sk_error *err;
	unsigned err_line; /* first error we found ourselves, 0 if none */
};

static void ini_fail(struct ini_ctx *c, const char *hint, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static void ini_fail(struct ini_ctx *c, const char *hint, const char *fmt, ...)
{
	va_list ap;

	if (c->err_line)
		return; /* keep the first */
	c->err_line = c->line;
	va_start(ap, fmt);
	sk_error_vset(c->err, SK_ERR_CONFIG, fmt, ap);
	va_end(ap);
	if (hint)
		sk_error_hint(c->err, "%s", hint);
	sk_error_locate(c->err, c->path, c->line, 0);
}

static bool known_section(const char *name, size_t len)
{
	if (len == strlen(CODEGEN_TYPES_SECTION) && !strncasecmp(name, CODEGEN_TYPES_SECTION, len))
		return true;
	for (size_t i = 0; i < NKEYS; i++)
		if (strlen(ini_keys[i].section) == len && !strncasecmp(name, ini_keys[i].section, len))
			return true;
	return false;
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

/* inih's rule for an inline comment: ';' after whitespace */
static const char *find_sep_or_comment(const char *p, const char *end, const char *chars)
{
	bool was_space = false;

	for (; p < end; p++) {
		if (chars && strchr(chars, *p))
			return p;
		if (*p == ';' && was_space)
			return p;
		was_space = isspace((unsigned char)*p);
	}
	return end;
}

/*
 * The reader inih calls for each line (fgets-like). It counts lines (inih's
 * handler gets no line number in Debian's build), checks section names (inih
 * does not report a section without keys), and passes lines longer than
 * inih's fixed buffer as "name=<placeholder>" with the real value kept here,
 * so a long URL is neither truncated nor split into a bogus second line.
 */
static char *read_ini_line(char *str, int num, void *stream)
{
	struct ini_ctx *c = stream;
	const char *eol, *next, *p;
	size_t len;

	if (c->pos >= c->end || num < 16)
		return NULL;
	eol = memchr(c->pos, '\n', (size_t)(c->end - c->pos));
	next = eol ? eol + 1 : c->end;
	if (!eol)
		eol = c->end;
	c->line++;
	c->long_pending = false;

	p = c->pos;
	if (c->line == 1 && c->end - p >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	c->indented = p < eol && (*p == ' ' || *p == '\t');
	p = skip_ws(p, eol);
	if (p < eol && *p == '[') {
		const char *close = memchr(p, ']', (size_t)(eol - p));
		bool continuation = c->indented && c->key_seen; /* inih's view */
		if (!continuation)
			c->key_seen = false;
		if (close && !continuation && !known_section(p + 1, (size_t)(close - p - 1)))
			ini_fail(c, "the sections are [database], [paths] and [codegen.types]",
			         "unknown section [%.*s]", (int)(close - p - 1 > 60 ? 60 : close - p - 1),
			         p + 1);
	}

	len = (size_t)(next - c->pos);
	if (len + 3 <= (size_t)num) {
		memcpy(str, c->pos, len);
		str[len] = '\0';
	} else if (p == eol || *p == ';' || *p == '#') {
		memcpy(str, "#\n", 3);
	} else {
		/* too long for inih: split it the way inih would */
		const char *sep = find_sep_or_comment(p, eol, "=:"), *name_end = sep, *v, *vend;
		size_t nlen;

		while (name_end > p && isspace((unsigned char)name_end[-1]))
			name_end--;
		nlen = (size_t)(name_end - p);
		if (*p == '[' || sep == eol || (*sep != '=' && *sep != ':') || nlen + 8 > (size_t)num) {
			ini_fail(c, "expected 'key = value' or '[section]'", "malformed line");
			memcpy(str, "#\n", 3);
		} else {
			v = skip_ws(sep + 1, eol);
			vend = find_sep_or_comment(v, eol, NULL);
			while (vend > v && isspace((unsigned char)vend[-1]))
				vend--;
			sk_buf_reset(&c->long_value);
			sk_buf_add(&c->long_value, v, (size_t)(vend - v));
			c->long_pending = true;
			len = 0;
			if (c->indented)
				str[len++] = ' ';
			memcpy(str + len, p, nlen);
			len += nlen;
			memcpy(str + len, "=x\n", 4);
		}
	}
	c->pos = next;
	return str;
}

static bool parse_bool(const char *v, bool *out)
{
	static const char *yes[] = {"true", "yes", "on", "1"}, *no[] = {"false", "no", "off", "0"};

	for (size_t i = 0; i < 4; i++) {
		if (!strcasecmp(v, yes[i])) {
			*out = true;
			return true;
		}
		if (!strcasecmp(v, no[i])) {
			*out = false;
			return true;
		}
	}
	return false;
}

static int on_ini_key(void *user, const char *section, const char *name, const char *value)
{
	struct ini_ctx *c = user;
	const struct ini_key *key = NULL;
	size_t i;

	if (c->long_pending)
		value = c->long_value.buf;
	if (c->indented && c->key_seen) {
		ini_fail(c, "remove the leading whitespace; a value must fit on its line",
		         "unexpected indented line (inih would read it as a continuation)");
		return 0;
	}
	c->key_seen = true;
	if (!*section) {
		ini_fail(c, "put it under [database] or [paths]", "key '%.60s' outside a section", name);
		return 0;
	}
	if (!known_section(section, strlen(section)))
		return 0; /* reported by the reader */
	if (!strcasecmp(section, CODEGEN_TYPES_SECTION)) {
		struct ini_values *v = c->vals;
		for (size_t j = 0; j < v->ncodegen_types; j++)
			if (!strcasecmp(v->codegen_types[j].key, name)) {
				struct sk_buf hint = SK_BUF_INIT;
				sk_buf_addf(&hint, "it is already set on line %u; remove one of them",
				            v->codegen_types[j].line);
				ini_fail(c, hint.buf, "duplicate key '%.60s' in [%s]", name,
				         CODEGEN_TYPES_SECTION);
				sk_buf_release(&hint);
				return 0;
			}
		SK_ALLOC_GROW(v->codegen_types, v->ncodegen_types + 1, v->acodegen_types);
		v->codegen_types[v->ncodegen_types].key = sk_xstrdup(name);
		v->codegen_types[v->ncodegen_types].value = sk_xstrdup(value);
		v->codegen_types[v->ncodegen_types].line = c->line;
		v->ncodegen_types++;
		return 1;
	}
	for (i = 0; i < NKEYS; i++)
		if (!strcasecmp(section, ini_keys[i].section) && !strcasecmp(name, ini_keys[i].name)) {
			key = &ini_keys[i];
			break;
		}
	if (!key) {
		ini_fail(c,
		         !strcasecmp(section, "database")
		                 ? "the keys of [database] are url, password_file, dialect and protected"
		                 : "the keys of [paths] are migrations, schema, generated and seeds",
		         "unknown key '%.60s' in [%s]", name, section);
		return 0;
	}
	if (c->key_line[i]) {
		struct sk_buf hint = SK_BUF_INIT;
		sk_buf_addf(&hint, "it is already set on line %u; remove one of them", c->key_line[i]);
		ini_fail(c, hint.buf, "duplicate key '%s' in [%s]", key->name, key->section);
		sk_buf_release(&hint);
		return 0;
	}
	c->key_line[i] = c->line;
	if (key->offset != (size_t)-1) {
		char **field = (char **)(void *)((char *)c->vals + key->offset);
		free(*field);
		*field = *value ? sk_xstrdup(value) : NULL;
		if (field == &c->vals->dialect_name && *value) {
			c->vals->dialect = sk_dialect_parse(value);
			if (c->vals->dialect < 0) {
				ini_fail(c, "use postgres or sqlite", "unknown dialect '%.60s'", value);
				return 0;
			}
		}
	} else if (*value && !parse_bool(value, &c->vals->protected_db)) {
		ini_fail(c, "use true or false", "invalid value '%.60s' for protected", value);
		return 0;
	}
	return 1;
}

static void ini_values_release(struct ini_values *v)
{
	free(v->url);
	free(v->password_file);
	free(v->dialect_name);
	free(v->migrations);
	free(v->schema);
	free(v->generated);
	free(v->seeds);
	sk_config_entries_free(v->codegen_types, v->ncodegen_types);
}

static int read_ini(struct ini_values *vals, const char *path, struct sk_error *err)
{
	struct sk_buf text = SK_BUF_INIT;
	struct ini_ctx c;
	int rc, r;

	rc = sk_fs_read_file(&text, path, err);
	if (rc) {
		if (err)
			err->code = SK_ERR_CONFIG;
		rc = -SK_ERR_CONFIG;
		goto done;
	}
	memset(&c, 0, sizeof(c));
	c.text = c.pos = text.buf;
	c.end = text.buf + text.len;
	c.path = path;
	c.vals = vals;
	c.err = err;
	sk_buf_init(&c.long_value);
	if (memchr(text.buf, '\0', text.len)) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "'%s' contains a NUL byte", path);
		sk_error_hint(err, "schemake.ini must be a text file");
		goto done;
	}
	r = ini_parse_stream(read_ini_line, &c, on_ini_key, &c);
	sk_buf_release(&c.long_value);
	if (c.err_line && (r <= 0 || c.err_line <= (unsigned)r)) {
		rc = -SK_ERR_CONFIG;
	} else if (r > 0) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "malformed line");
		sk_error_hint(err,
		              "expected 'key = value', '[section]' or a comment starting with ';' or '#'");
		sk_error_locate(err, path, (unsigned)r, 0);
	} else if (r < 0) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "cannot parse '%s'", path);
	}
done:
	sk_buf_release(&text);
	return rc;
}

void sk_config_entries_free(struct sk_config_entry *entries, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(entries[i].key);
		free(entries[i].value);
	}
	free(entries);
}

/* ---- sources ---- */

struct dotenv {
	char *text;
	size_t len;
};

/* The first non-empty of: the environment variable, the .env key, into
 * *out (NULL when neither is set). An assignment in .env whose quote never
 * closes is an error rather than skipped: the caller would otherwise fall
 * back to the next source (for DATABASE_URL another database). */
static int env_or_dotenv(char **out, const struct dotenv *de, const char *name, const char **source,
                         struct sk_error *err)
{
	const char *v = getenv(name);
	unsigned bad_line;
	char *d;

	*out = NULL;
	if (v && *v) {
		if (source)
			*source = name;
		*out = sk_xstrdup(v);
		return 0;
	}
	if (!de->text)
		return 0;
	d = sk_dotenv_lookup(de->text, de->len, name, &bad_line);
	if (bad_line) {
		int rc = sk_error_set(err, SK_ERR_CONFIG, "%s: unterminated quote in the value", name);

		sk_error_locate(err, ".env", bad_line, 0);
		sk_error_hint(err, "close the quote (quoted values may span lines, so it runs to the end of the file)");
		free(d);
		return rc;
	}
	if (d && !*d) {
		free(d);
		d = NULL;
	}
	if (d && source)
		*source = ".env";
	*out = d;
	return 0;
}

/* An option given on the command line with an empty value is a mistake
 * (an unset variable in a script): it must not fall back to another source. */
static int reject_empty_option(const char *value, const char *option, struct sk_error *err)
{
	int rc;

	if (!value || *value)
		return 0;
	rc = sk_error_set(err, SK_ERR_USAGE, "%s: empty value", option);
	sk_error_hint(err, "give a value, or leave the option out to use the environment, .env or schemake.ini");
	return rc;
}

static int resolve_project_dir(char **out, const char *dir, struct sk_error *err)
{
	char *abs = realpath(dir ? dir : ".", NULL);

	if (!abs) {
		int rc = sk_error_set(err, SK_ERR_CONFIG, "cannot use project directory '%s': %s",
		                      dir ? dir : ".", strerror(errno));
		sk_error_hint(err, "check the -C option or the working directory");
		return rc;
	}
	if (!sk_fs_is_dir(abs)) {
		int rc = sk_error_set(err, SK_ERR_CONFIG, "project directory '%s' is not a directory", abs);
		free(abs);
		return rc;
	}
	*out = abs;
	return 0;
}

static int read_dotenv(struct dotenv *de, const char *project_dir, struct sk_error *err)
{
	char *path = sk_fs_join(project_dir, ".env");
	struct sk_buf text = SK_BUF_INIT;
	int rc = 0;

	if (sk_fs_exists(path)) {
		rc = sk_fs_read_file(&text, path, err);
		if (rc) {
			if (err)
				err->code = SK_ERR_CONFIG;
			rc = -SK_ERR_CONFIG;
		} else {
			de->text = sk_buf_detach(&text, &de->len);
		}
	}
	sk_buf_release(&text);
	free(path);
	return rc;
}

/* First non-empty of the candidates, resolved against project_dir. */
static char *pick_path(const char *project_dir, const char *a, const char *b, const char *c, const char *dflt)
{
	const char *v = a && *a ? a : b && *b ? b : c && *c ? c : dflt;

	return v ? sk_fs_join(project_dir, v) : NULL;
}

int sk_config_load(struct sk_config *out, const struct sk_config_overrides *ov, struct sk_error *err)
{
	struct sk_config blank = SK_CONFIG_INIT;
	struct sk_config_overrides no_ov = SK_CONFIG_OVERRIDES_INIT;
	struct ini_values ini = {NULL, NULL, NULL, -1, false, NULL, NULL, NULL, NULL, NULL, 0, 0};
	struct dotenv de = {NULL, 0};
	char *env_url = NULL, *env_mig = NULL, *env_pwf = NULL, *env_stage = NULL, *ini_path = NULL;
	const char *pwf_env_source = NULL;
	int rc;

	*out = blank;
	if (!ov)
		ov = &no_ov;
	rc = reject_empty_option(ov->database_url, "--database-url", err);
	if (!rc)
		rc = reject_empty_option(ov->password_file, "--password-file", err);
	if (!rc)
		rc = reject_empty_option(ov->migrations_dir, "--migrations-dir", err);
	if (!rc)
		rc = resolve_project_dir(&out->project_dir, ov->project_dir, err);
	if (rc)
		goto done;
	rc = read_dotenv(&de, out->project_dir, err);
	if (rc)
		goto done;
	ini_path = sk_fs_join(out->project_dir, "schemake.ini");
	if (sk_fs_exists(ini_path)) {
		rc = read_ini(&ini, ini_path, err);
		if (rc)
			goto done;
		out->ini_path = ini_path;
		ini_path = NULL;
	}

	/* URL: flag > DATABASE_URL > .env > schemake.ini */
	rc = env_or_dotenv(&env_url, &de, "DATABASE_URL", &out->url_source, err);
	if (!rc)
		rc = env_or_dotenv(&env_stage, &de, "SCHEMAKE_ENV", NULL, err);
	if (!rc)
		rc = env_or_dotenv(&env_pwf, &de, "SCHEMAKE_PASSWORD_FILE", &pwf_env_source, err);
	if (!rc)
		rc = env_or_dotenv(&env_mig, &de, "SCHEMAKE_MIGRATIONS_DIR", NULL, err);
	if (rc)
		goto done;
	if (ov->database_url) {
		out->url = sk_xstrdup(ov->database_url);
		out->url_source = "--database-url";
	} else if (env_url) {
		out->url = env_url;
		env_url = NULL;
	} else if (ini.url) {
		out->url = sk_xstrdup(ini.url);
		out->url_source = "schemake.ini";
	} else {
		out->url_source = NULL;
	}

	if (out->url)
		out->dialect = sk_url_dialect(out->url);
	else if (ini.dialect >= 0)
		out->dialect = (enum sk_dialect)ini.dialect;
	else
		out->dialect = SK_DIALECT_POSTGRES;

	out->protected_db = ini.protected_db || (env_stage && !strcasecmp(env_stage, "production"));

	out->password_file = pick_path(out->project_dir, ov->password_file, env_pwf, ini.password_file, NULL);
	if (ov->password_file && *ov->password_file)
		out->password_file_source = "--password-file";
	else if (env_pwf)
		out->password_file_source = !strcmp(pwf_env_source, ".env") ? ".env SCHEMAKE_PASSWORD_FILE"
		                                                            : "SCHEMAKE_PASSWORD_FILE";
	else if (ini.password_file)
		out->password_file_source = "schemake.ini [database] password_file";

	out->migrations_dir =
	        pick_path(out->project_dir, ov->migrations_dir, env_mig, ini.migrations, "migrations");
	out->schema_dir = pick_path(out->project_dir, ini.schema, NULL, NULL, "schema");
	out->generated_dir = pick_path(out->project_dir, ini.generated, NULL, NULL, "generated");
	out->seeds_dir = pick_path(out->project_dir, ini.seeds, NULL, NULL, "seeds");
	out->codegen_types = ini.codegen_types;
	out->ncodegen_types = ini.ncodegen_types;
	ini.codegen_types = NULL;
	ini.ncodegen_types = 0;
done:
	if (rc)
		sk_config_release(out);
	ini_values_release(&ini);
	free(de.text);
	free(env_url);
	free(env_mig);
	free(env_pwf);
	free(env_stage);
	free(ini_path);
	return rc;
}

void sk_config_release(struct sk_config *cfg)
{
	struct sk_config blank = SK_CONFIG_INIT;

	if (!cfg)
		return;
	free(cfg->project_dir);
	free(cfg->url);
	free(cfg->password_file);
	free(cfg->migrations_dir);
	free(cfg->schema_dir);
	free(cfg->generated_dir);
	free(cfg->seeds_dir);
	free(cfg->ini_path);
	sk_config_entries_free(cfg->codegen_types, cfg->ncodegen_types);
	*cfg = blank;
}

/* ---- password file ---- */

/* The password file's name for messages: relative to the project when it
 * lies inside it, as it was most likely configured. */
static const char *display_path(const struct sk_config *cfg, const char *path)
{
	size_t n = cfg->project_dir ? strlen(cfg->project_dir) : 0;

	if (n && !strncmp(path, cfg->project_dir, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

static int read_password_file(struct sk_buf *out, const struct sk_config *cfg, struct sk_error *err)
{
	const char *path = cfg->password_file, *shown = display_path(cfg, path);
	const char *source = cfg->password_file_source ? cfg->password_file_source : "password_file";
	struct sk_buf text = SK_BUF_INIT;
	char chunk[4096];
	const char *nl;
	int fd, rc = 0;
	size_t len;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "cannot read password file '%s': %s", shown,
		                  strerror(errno));
		sk_error_hint(err, "create it or fix the path set by %s", source);
		return rc;
	}
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = sk_error_set(err, SK_ERR_CONFIG, "cannot read password file '%s': %s", shown,
			                  strerror(errno));
			sk_error_hint(err, "fix the path set by %s", source);
			goto done;
		}
		if (n == 0)
			break;
		sk_buf_add(&text, chunk, (size_t)n);
	}
	/* first line; only its line end is removed, every other byte counts */
	nl = memchr(text.buf, '\n', text.len);
	len = nl ? (size_t)(nl - text.buf) : text.len;
	if (nl && len && text.buf[len - 1] == '\r')
		len--;
	if (memchr(text.buf, '\0', len)) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "password file '%s' contains a NUL byte", shown);
		sk_error_hint(err, "write the password on the first line as text");
		goto done;
	}
	if (!len) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "password file '%s' is empty", shown);
		sk_error_hint(err, "write the password on its first line, or unset %s", source);
		goto done;
	}
	sk_buf_add(out, text.buf, len);
done:
	close(fd);
	/* the buffer held the password: wipe it before freeing */
	if (text.alloc)
		memset(text.buf, 0, text.alloc);
	memset(chunk, 0, sizeof(chunk));
	sk_buf_release(&text);
	return rc;
}

int sk_config_conninfo(struct sk_conninfo *out, const struct sk_config *cfg, struct sk_error *err)
{
	struct sk_conninfo blank = SK_CONNINFO_INIT;
	struct sk_buf pw = SK_BUF_INIT;
	const char *have;
	int rc;

	*out = blank;
	if (!cfg->url) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "no database configured");
		sk_error_hint(err,
		              "pass --database-url, set DATABASE_URL (environment or .env) or [database] url "
		              "in schemake.ini");
		return rc;
	}
	rc = sk_conninfo_parse(out, cfg->url, err);
	if (rc) {
		if (cfg->url_source)
			sk_error_detail(err, "the URL comes from %s", cfg->url_source);
		return rc;
	}
	if (out->dialect == SK_DIALECT_SQLITE) {
		if (strcmp(out->sqlite_path, ":memory:") != 0 && out->sqlite_path[0] != '/' &&
		    cfg->project_dir) {
			char *abs = sk_fs_join(cfg->project_dir, out->sqlite_path);
			free(out->sqlite_path);
			out->sqlite_path = abs;
		}
		return 0;
	}
	have = sk_conninfo_get(out, "password");
	if ((have && *have) || !cfg->password_file)
		return 0;
	rc = read_password_file(&pw, cfg, err);
	if (!rc)
		sk_conninfo_set(out, "password", pw.buf);
	if (pw.alloc)
		memset(pw.buf, 0, pw.alloc);
	sk_buf_release(&pw);
	if (rc)
		sk_conninfo_release(out);
	return rc;
}

bool sk_config_password_file_insecure(const struct sk_config *cfg)
{
	struct stat st;

	return cfg && cfg->password_file && stat(cfg->password_file, &st) == 0 && S_ISREG(st.st_mode) &&
	       (st.st_mode & 077);
}
