/*
 * names.c: identifiers for generated code (the rules are in names.h) and
 * scopes that keep them unique. Which names a generator asks for, and in
 * which scope, is the generator's business.
 */
#include "codegen/names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/banned.h"

/* clang-format off */
static const char *const c_reserved[] = {
	/* C11 keywords */
	"auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
	"extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
	"short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
	"volatile", "while",
	/* C23 keywords, and the C11 header macros they replace */
	"alignas", "alignof", "bool", "constexpr", "false", "nullptr", "static_assert", "thread_local",
	"true", "typeof", "typeof_unqual", "noreturn",
	/* object-like macros of the standard headers and common predefined ones */
	"NULL", "EOF", "errno", "stdin", "stdout", "stderr", "BUFSIZ", "FILENAME_MAX", "FOPEN_MAX",
	"complex", "imaginary", "I", "unix", "linux", "i386", "assert", "offsetof",
	/* C++ keywords, so the header also works from C++ */
	"and", "and_eq", "asm", "bitand", "bitor", "catch", "class", "compl", "concept", "consteval",
	"constinit", "const_cast", "co_await", "co_return", "co_yield", "decltype", "delete",
	"dynamic_cast", "explicit", "export", "friend", "mutable", "namespace", "new", "noexcept", "not",
	"not_eq", "operator", "or", "or_eq", "private", "protected", "public", "reinterpret_cast",
	"requires", "static_cast", "template", "this", "throw", "try", "typeid", "typename", "using",
	"virtual", "wchar_t", "xor", "xor_eq", "char8_t", "char16_t", "char32_t",
	/* libpq-fe.h's lower case object-like macro */
	"PQnoPasswordSupplied",
};

#define PY_KEYWORDS \
	"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", \
	"def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", \
	"is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", \
	"yield", \
	/* soft keywords */ \
	"match", "case", "type"

static const char *const py_reserved[] = {
	PY_KEYWORDS,
	/* names a class body of the generated modules looks up after its
	 * attributes are assigned (annotations, sa.Column(...)) */
	"int", "float", "bool", "str", "bytes", "dict", "list", "object", "sa", "orm", "postgresql",
	"typing", "datetime", "decimal", "uuid", "enum", "pydantic", "compiles",
	/* SQLAlchemy declarative attributes */
	"metadata", "registry", "query", "query_class",
	/* Pydantic 1.x BaseModel attributes */
	"Config", "construct", "copy", "from_orm", "json", "parse_file", "parse_obj", "parse_raw",
	"schema", "schema_json", "update_forward_refs", "validate", "fields",
	/* Pydantic 2.x BaseModel attributes */
	"model_config", "model_fields", "model_computed_fields", "model_extra", "model_fields_set",
	"model_construct", "model_copy", "model_dump", "model_dump_json", "model_json_schema",
	"model_parametrized_name", "model_post_init", "model_rebuild", "model_validate",
	"model_validate_json", "model_validate_strings",
	/* the helper of the generated schemas */
	"from_row",
};

static const char *const pyenum_reserved[] = {
	PY_KEYWORDS,
	"mro",
	/* str's methods: members of a (str, enum.Enum) would hide them */
	"capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find", "format",
	"format_map", "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier",
	"islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower",
	"lstrip", "maketrans", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex",
	"rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip",
	"swapcase", "title", "translate", "upper", "zfill",
};
/* clang-format on */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

bool sk_cg_reserved(enum sk_cg_lang lang, const char *ident)
{
	const char *const *list = c_reserved;
	size_t n = NELEM(c_reserved);

	if (lang == SK_CG_LANG_PYTHON) {
		list = py_reserved;
		n = NELEM(py_reserved);
	} else if (lang == SK_CG_LANG_PYENUM) {
		list = pyenum_reserved;
		n = NELEM(pyenum_reserved);
	}
	/* the first byte first: most names differ there, without a call */
	for (size_t i = 0; i < n; i++)
		if (list[i][0] == ident[0] && !strcmp(list[i], ident))
			return true;
	return false;
}

static bool is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_word(int c)
{
	return is_alpha(c) || is_digit(c) || c == '_';
}

/* Step 1: runs of other characters become one '_'; "" becomes "x". */
static void clean(struct sk_buf *out, const char *name)
{
	size_t start = out->len;

	for (const unsigned char *p = (const unsigned char *)name; *p;) {
		const unsigned char *word = p;
		while (is_word(*p))
			p++;
		if (p > word) {
			sk_buf_add(out, word, (size_t)(p - word));
			continue;
		}
		sk_buf_addch(out, '_');
		while (*p && !is_word(*p))
			p++;
	}
	if (out->len == start)
		sk_buf_addch(out, 'x');
}

bool sk_cg_clean(struct sk_buf *out, const char *name)
{
	size_t start = out->len;

	clean(out, name);
	return strcmp(out->buf + start, name) != 0;
}

static void insert_at(struct sk_buf *b, size_t pos, const char *s)
{
	size_t n = strlen(s), tail = b->len - pos;

	sk_buf_grow(b, n);
	memmove(b->buf + pos + n, b->buf + pos, tail);
	memcpy(b->buf + pos, s, n);
	sk_buf_setlen(b, b->len + n);
}

bool sk_cg_ident(struct sk_buf *out, enum sk_cg_lang lang, const char *name)
{
	size_t start = out->len;
	const char *s;

	clean(out, name);
	s = out->buf + start;
	if (is_digit(s[0]))
		insert_at(out, start, "x_");
	else if (s[0] == '_' && (lang != SK_CG_LANG_C || s[1] == '_' || (s[1] >= 'A' && s[1] <= 'Z')))
		insert_at(out, start, "x");
	if (sk_cg_reserved(lang, out->buf + start))
		sk_buf_addch(out, '_');
	return strcmp(out->buf + start, name) != 0;
}

bool sk_cg_class_ident(struct sk_buf *out, const char *name)
{
	struct sk_buf tmp = SK_BUF_INIT;
	size_t start = out->len;
	bool upper = true;

	clean(&tmp, name);
	if (is_digit(tmp.buf[0]))
		sk_buf_addch(out, 'X');
	for (const char *p = tmp.buf; *p; p++) {
		if (*p == '_') {
			upper = true;
			continue;
		}
		sk_buf_addch(out, upper && *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
		upper = false;
	}
	if (out->len == start)
		sk_buf_addch(out, 'X');
	sk_buf_release(&tmp);
	if (sk_cg_reserved(SK_CG_LANG_PYTHON, out->buf + start) || !strcmp(out->buf + start, "Base"))
		sk_buf_addch(out, '_');
	return strcmp(out->buf + start, name) != 0;
}

/* ---- maps: open addressing over strings ---- */

struct sk_cg_map_slot {
	const char *key; /* NULL: free */
	void *value;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void sk_cg_map_init(struct sk_cg_map *m, struct sk_arena *arena)
{
	m->arena = arena;
	m->slots = NULL;
	m->nslots = m->nused = 0;
}

void sk_cg_map_release(struct sk_cg_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->nslots = m->nused = 0;
}

static size_t find_slot(const struct sk_cg_map *m, const char *key)
{
	size_t i = (size_t)hash_str(key) & (m->nslots - 1);

	while (m->slots[i].key && strcmp(m->slots[i].key, key))
		i = (i + 1) & (m->nslots - 1);
	return i;
}

const char *sk_cg_map_find(const struct sk_cg_map *m, const char *key, void **value)
{
	const struct sk_cg_map_slot *slot;

	if (!m->nslots)
		return NULL;
	slot = &m->slots[find_slot(m, key)];
	if (slot->key && value)
		*value = slot->value;
	return slot->key;
}

static void grow(struct sk_cg_map *m)
{
	struct sk_cg_map_slot *old = m->slots;
	size_t oldn = m->nslots;

	m->nslots = oldn ? oldn * 2 : 64;
	m->slots = sk_xcalloc(m->nslots, sizeof(*m->slots));
	for (size_t i = 0; i < oldn; i++)
		if (old[i].key)
			m->slots[find_slot(m, old[i].key)] = old[i];
	free(old);
}

const char *sk_cg_map_put(struct sk_cg_map *m, const char *key, void *value)
{
	struct sk_cg_map_slot *slot;

	if ((m->nused + 1) * 2 > m->nslots)
		grow(m);
	slot = &m->slots[find_slot(m, key)];
	if (!slot->key) {
		slot->key = sk_arena_strdup(m->arena, key);
		m->nused++;
	}
	slot->value = value;
	return slot->key;
}

/* ---- scopes: a map of the names taken ---- */

void sk_cg_scope_init(struct sk_cg_scope *s, struct sk_arena *arena)
{
	sk_cg_map_init(&s->names, arena);
}

void sk_cg_scope_release(struct sk_cg_scope *s)
{
	sk_cg_map_release(&s->names);
}

bool sk_cg_scope_has(const struct sk_cg_scope *s, const char *name)
{
	return sk_cg_map_find(&s->names, name, NULL) != NULL;
}

const char *sk_cg_scope_take(struct sk_cg_scope *s, const char *name)
{
	return sk_cg_map_put(&s->names, name, NULL);
}

const char *sk_cg_scope_claim(struct sk_cg_scope *s, const char *name)
{
	return sk_cg_scope_claim_stem(s, name, NULL, 0, true);
}

/* tmp holds the stem; each stem + suffix is built after it in place */
static bool stem_free(const struct sk_cg_scope *s, struct sk_buf *tmp, const char *const *suffixes,
                      size_t nsuffixes, bool take_stem)
{
	size_t stem_len = tmp->len;
	bool free_ = !take_stem || !sk_cg_scope_has(s, tmp->buf);

	for (size_t i = 0; i < nsuffixes && free_; i++) {
		sk_buf_adds(tmp, suffixes[i]);
		free_ = !sk_cg_scope_has(s, tmp->buf);
		sk_buf_setlen(tmp, stem_len);
	}
	return free_;
}

const char *sk_cg_scope_claim_stem(struct sk_cg_scope *s, const char *stem, const char *const *suffixes,
                                   size_t nsuffixes, bool take_stem)
{
	struct sk_buf cand = SK_BUF_INIT;
	const char *result;
	size_t stem_len;

	sk_buf_adds(&cand, stem);
	for (unsigned n = 2; !stem_free(s, &cand, suffixes, nsuffixes, take_stem); n++) {
		sk_buf_reset(&cand);
		sk_buf_addfast(&cand, "%s_%u", stem, n);
	}
	result = take_stem ? sk_cg_scope_take(s, cand.buf) : sk_arena_strdup(s->names.arena, cand.buf);
	stem_len = cand.len;
	for (size_t i = 0; i < nsuffixes; i++) {
		sk_buf_adds(&cand, suffixes[i]);
		sk_cg_scope_take(s, cand.buf);
		sk_buf_setlen(&cand, stem_len);
	}
	sk_buf_release(&cand);
	return result;
}

/* ---- identifiers by name, computed once ---- */

struct ident {
	const char *text;
	bool changed;
};

void sk_cg_idents_init(struct sk_cg_idents *m, struct sk_arena *arena)
{
	for (size_t i = 0; i < NELEM(m->by_lang); i++)
		sk_cg_map_init(&m->by_lang[i], arena);
}

void sk_cg_idents_release(struct sk_cg_idents *m)
{
	for (size_t i = 0; i < NELEM(m->by_lang); i++)
		sk_cg_map_release(&m->by_lang[i]);
}

const char *sk_cg_idents_get(struct sk_cg_idents *m, enum sk_cg_lang lang, const char *name, bool *changed)
{
	struct sk_cg_map *map = &m->by_lang[lang];
	void *found = NULL;
	struct ident *id;

	if (sk_cg_map_find(map, name, &found)) {
		id = found;
	} else {
		struct sk_buf b = SK_BUF_INIT;
		id = sk_arena_alloc(map->arena, sizeof(*id));
		id->changed = sk_cg_ident(&b, lang, name);
		id->text = sk_arena_strndup(map->arena, b.buf, b.len);
		sk_cg_map_put(map, name, id);
		sk_buf_release(&b);
	}
	if (changed)
		*changed = id->changed;
	return id->text;
}

void sk_cg_assign(const char **out, struct sk_cg_scope *s, enum sk_cg_lang lang, const char *const *names,
                  size_t n, struct sk_cg_idents *idents)
{
	struct sk_buf b = SK_BUF_INIT;
	const char **want = sk_xcalloc(n ? n : 1, sizeof(*want));
	bool *changed = sk_xcalloc(n ? n : 1, sizeof(*changed));

	for (size_t i = 0; i < n; i++) {
		if (idents) {
			want[i] = sk_cg_idents_get(idents, lang, names[i], &changed[i]);
			continue;
		}
		sk_buf_reset(&b);
		changed[i] = sk_cg_ident(&b, lang, names[i]);
		want[i] = sk_arena_strndup(s->names.arena, b.buf, b.len);
	}
	/* names used as they are keep them; a renamed one yields */
	for (size_t i = 0; i < n; i++)
		out[i] = !changed[i] && !sk_cg_scope_has(s, want[i]) ? sk_cg_scope_take(s, want[i]) : NULL;
	for (size_t i = 0; i < n; i++)
		if (!out[i])
			out[i] = sk_cg_scope_claim(s, want[i]);
	free(want);
	free(changed);
	sk_buf_release(&b);
}

/* A literal is written straight into the buffer, grown once for the
 * longest escape of each byte ("\ooo", "\xhh"): it holds every name and
 * every SQL text of the generated code. */
static char *put_escape(char *w, int prefix, unsigned v, unsigned base)
{
	static const char digits[] = "0123456789abcdef";

	*w++ = '\\';
	if (prefix)
		*w++ = (char)prefix;
	if (base == 8)
		*w++ = digits[(v >> 6) & 7];
	*w++ = digits[base == 8 ? (v >> 3) & 7 : (v >> 4) & 15];
	*w++ = digits[v & (base - 1)];
	return w;
}

static void literal(struct sk_buf *out, const char *s, bool c)
{
	size_t n = strlen(s);
	char *w;

	sk_buf_grow(out, 4 * n + 2);
	w = out->buf + out->len;
	*w++ = '"';
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
		case '\\':
			*w++ = '\\';
			*w++ = (char)*p;
			break;
		case '\n':
			*w++ = '\\';
			*w++ = 'n';
			break;
		case '\t':
			*w++ = '\\';
			*w++ = 't';
			break;
		case '?': /* C: "??" would start a trigraph */
			*w++ = '?';
			if (c && p[1] == '?')
				*w++ = '\\';
			break;
		default:
			if (*p < 0x20 || *p == 0x7f || (c && *p > 0x7f))
				w = c ? put_escape(w, 0, *p, 8) : put_escape(w, 'x', *p, 16);
			else
				*w++ = (char)*p;
		}
	}
	*w++ = '"';
	sk_buf_setlen(out, (size_t)(w - out->buf));
}

void sk_cg_py_literal(struct sk_buf *out, const char *s)
{
	literal(out, s, false);
}

void sk_cg_c_literal(struct sk_buf *out, const char *s)
{
	literal(out, s, true);
}
