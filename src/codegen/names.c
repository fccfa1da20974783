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
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], ident))
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
		if (is_word(*p)) {
			sk_buf_addch(out, *p++);
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

/* ---- scopes: an open-addressing set of strings ---- */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void sk_cg_scope_init(struct sk_cg_scope *s, struct sk_arena *arena)
{
	s->arena = arena;
	s->slots = NULL;
	s->nslots = s->nused = 0;
}

void sk_cg_scope_release(struct sk_cg_scope *s)
{
	free(s->slots);
	s->slots = NULL;
	s->nslots = s->nused = 0;
}

static size_t find_slot(const struct sk_cg_scope *s, const char *name)
{
	size_t i = (size_t)hash_str(name) & (s->nslots - 1);

	while (s->slots[i] && strcmp(s->slots[i], name))
		i = (i + 1) & (s->nslots - 1);
	return i;
}

bool sk_cg_scope_has(const struct sk_cg_scope *s, const char *name)
{
	return s->nslots && s->slots[find_slot(s, name)];
}

static void grow(struct sk_cg_scope *s)
{
	const char **old = s->slots;
	size_t oldn = s->nslots;

	s->nslots = oldn ? oldn * 2 : 64;
	s->slots = sk_xcalloc(s->nslots, sizeof(*s->slots));
	for (size_t i = 0; i < oldn; i++)
		if (old[i])
			s->slots[find_slot(s, old[i])] = old[i];
	free(old);
}

const char *sk_cg_scope_take(struct sk_cg_scope *s, const char *name)
{
	size_t i;

	if ((s->nused + 1) * 2 > s->nslots)
		grow(s);
	i = find_slot(s, name);
	if (!s->slots[i]) {
		s->slots[i] = sk_arena_strdup(s->arena, name);
		s->nused++;
	}
	return s->slots[i];
}

const char *sk_cg_scope_claim(struct sk_cg_scope *s, const char *name)
{
	return sk_cg_scope_claim_stem(s, name, NULL, 0, true);
}

static bool stem_free(const struct sk_cg_scope *s, struct sk_buf *tmp, const char *stem,
                      const char *const *suffixes, size_t nsuffixes, bool take_stem)
{
	if (take_stem && sk_cg_scope_has(s, stem))
		return false;
	for (size_t i = 0; i < nsuffixes; i++) {
		sk_buf_reset(tmp);
		sk_buf_adds(tmp, stem);
		sk_buf_adds(tmp, suffixes[i]);
		if (sk_cg_scope_has(s, tmp->buf))
			return false;
	}
	return true;
}

const char *sk_cg_scope_claim_stem(struct sk_cg_scope *s, const char *stem, const char *const *suffixes,
                                   size_t nsuffixes, bool take_stem)
{
	struct sk_buf cand = SK_BUF_INIT, tmp = SK_BUF_INIT;
	const char *result;

	sk_buf_adds(&cand, stem);
	for (unsigned n = 2; !stem_free(s, &tmp, cand.buf, suffixes, nsuffixes, take_stem); n++) {
		sk_buf_reset(&cand);
		sk_buf_addf(&cand, "%s_%u", stem, n);
	}
	result = take_stem ? sk_cg_scope_take(s, cand.buf) : sk_arena_strdup(s->arena, cand.buf);
	for (size_t i = 0; i < nsuffixes; i++) {
		sk_buf_reset(&tmp);
		sk_buf_adds(&tmp, cand.buf);
		sk_buf_adds(&tmp, suffixes[i]);
		sk_cg_scope_take(s, tmp.buf);
	}
	sk_buf_release(&cand);
	sk_buf_release(&tmp);
	return result;
}

void sk_cg_assign(const char **out, struct sk_cg_scope *s, enum sk_cg_lang lang, const char *const *names,
                  size_t n)
{
	struct sk_buf b = SK_BUF_INIT;
	char **want = sk_xcalloc(n ? n : 1, sizeof(*want));
	bool *changed = sk_xcalloc(n ? n : 1, sizeof(*changed));

	for (size_t i = 0; i < n; i++) {
		sk_buf_reset(&b);
		changed[i] = sk_cg_ident(&b, lang, names[i]);
		want[i] = sk_xstrdup(b.buf);
	}
	/* names used as they are keep them; a renamed one yields */
	for (size_t i = 0; i < n; i++)
		out[i] = !changed[i] && !sk_cg_scope_has(s, want[i]) ? sk_cg_scope_take(s, want[i]) : NULL;
	for (size_t i = 0; i < n; i++)
		if (!out[i])
			out[i] = sk_cg_scope_claim(s, want[i]);
	for (size_t i = 0; i < n; i++)
		free(want[i]);
	free(want);
	free(changed);
	sk_buf_release(&b);
}

void sk_cg_py_literal(struct sk_buf *out, const char *s)
{
	sk_buf_addch(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			sk_buf_addf(out, "\\%c", *p);
		else if (*p == '\n')
			sk_buf_adds(out, "\\n");
		else if (*p == '\t')
			sk_buf_adds(out, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			sk_buf_addf(out, "\\x%02x", *p);
		else
			sk_buf_addch(out, *p);
	}
	sk_buf_addch(out, '"');
}

void sk_cg_c_literal(struct sk_buf *out, const char *s)
{
	sk_buf_addch(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			sk_buf_addf(out, "\\%c", *p);
		else if (*p == '\n')
			sk_buf_adds(out, "\\n");
		else if (*p == '\t')
			sk_buf_adds(out, "\\t");
		else if (*p == '?' && p[1] == '?')
			sk_buf_adds(out, "?\\");
		else if (*p < 0x20 || *p >= 0x7f)
			sk_buf_addf(out, "\\%03o", *p);
		else
			sk_buf_addch(out, *p);
	}
	sk_buf_addch(out, '"');
}
