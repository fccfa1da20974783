/*
 * json.c: a strict JSON pull reader (see json.h). Hand-written rather than
 * libyajl's callbacks or json-c's document: on a 61 MB snapshot yajl alone
 * spends about 26 instructions a byte with nothing to do, which is more
 * than the whole read may cost; this reader walks the text once, copies a
 * string only when it has escapes, and allocates nothing else.
 */
#include "common/json.h"

#include <stdint.h>
#include <string.h>

#include "common/banned.h"

/* A byte that ends a string's plain run: the quote, the backslash and the
 * control characters, which JSON wants escaped. */
static bool ends_run(char c)
{
	return (unsigned char)c < 0x20 || c == '"' || c == '\\';
}

void sk_json_init(struct sk_json *j, const char *text, size_t len)
{
	memset(j, 0, sizeof(*j));
	j->text = text ? text : "";
	j->p = j->text;
	j->end = j->text + (text ? len : 0);
	sk_buf_init(&j->str);
}

void sk_json_release(struct sk_json *j)
{
	sk_buf_release(&j->str);
}

static int syntax(struct sk_json *j, const char *at, const char *what)
{
	j->err_at = at;
	/* no NUL is valid anywhere: named as such, the sign of a binary or
	 * UTF-16 file */
	j->err_what = at < j->end && *at == '\0' ? "NUL byte" : what;
	return -1;
}

static int premature_end(struct sk_json *j)
{
	return syntax(j, j->end, "unexpected end of data");
}

/*
 * White space and plain string bytes go eight at a time: a word of the
 * text is compared or tested at once, and the index of its first byte that
 * ends the run is the count of trailing zero bits of a mask. Little-endian
 * only, which is every machine this builds for; anything else reads a byte
 * at a time.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
#define WORDWISE 1
#else
#define WORDWISE 0
#endif

#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u

static uint64_t load8(const char *p)
{
	uint64_t x;

	memcpy(&x, p, sizeof(x));
	return x;
}

/* The high bit of each byte of x that is zero. Borrows can mark bytes after
 * the first zero byte too, never before it: the lowest mark is exact. */
static uint64_t zero_bytes(uint64_t x)
{
	return (x - ONES) & ~x & HIGHS;
}

static size_t first_marked(uint64_t mask)
{
	return (size_t)__builtin_ctzll(mask) / 8;
}

static void skip_space_slow(struct sk_json *j)
{
	const char *p = j->p, *end = j->end;

	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
		} else if (*p == '\n') {
			/* the indentation that follows: a run of spaces */
			for (p++; WORDWISE && end - p >= 8;) {
				uint64_t other = load8(p) ^ (' ' * ONES);

				if (other) {
					p += first_marked(other);
					break;
				}
				p += 8;
			}
		} else {
			break;
		}
	}
	j->p = p;
}

/* Most calls find no space, or the one after a colon. */
static inline void skip_space(struct sk_json *j)
{
	if (j->p < j->end && (unsigned char)*j->p > ' ')
		return;
	if (j->end - j->p >= 2 && *j->p == ' ' && (unsigned char)j->p[1] > ' ') {
		j->p++;
		return;
	}
	skip_space_slow(j);
}

/* The first byte from p on that ends a string's plain run: a quote, a
 * backslash or a control character. */
static const char *string_run(const char *p, const char *end)
{
	while (WORDWISE && end - p >= 8) {
		uint64_t x = load8(p);
		uint64_t stop = zero_bytes(x ^ ('"' * ONES)) | zero_bytes(x ^ ('\\' * ONES)) |
		                ((x - 0x20 * ONES) & ~x & HIGHS);

		if (stop)
			return p + first_marked(stop);
		p += 8;
	}
	while (p < end && !ends_run(*p))
		p++;
	return p;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int sk_json_peek(struct sk_json *j, enum sk_json_type *out)
{
	const char *p;

	skip_space(j);
	if (j->p == j->end)
		return premature_end(j);
	switch (*j->p) {
	case '"':
		*out = SK_JSON_STRING;
		return 0;
	case '{':
		*out = SK_JSON_OBJECT;
		return 0;
	case '[':
		*out = SK_JSON_ARRAY;
		return 0;
	case 't':
	case 'f':
		*out = SK_JSON_BOOL;
		return 0;
	case 'n':
		*out = SK_JSON_NULL;
		return 0;
	default:
		break;
	}
	if (*j->p != '-' && !is_digit(*j->p))
		return syntax(j, j->p, "unexpected character (expected a value)");
	/* the number's syntax is checked when it is read */
	for (p = j->p + 1; p < j->end && is_digit(*p); p++)
		;
	*out = p < j->end && (*p == '.' || *p == 'e' || *p == 'E') ? SK_JSON_FRACTION : SK_JSON_INT;
	return 0;
}

/* The literal word at j->p, up to its first wrong byte. */
static int literal(struct sk_json *j, const char *word)
{
	const char *p = j->p;

	for (; *word; word++, p++) {
		if (p == j->end)
			return premature_end(j);
		if (*p != *word)
			return syntax(j, p, "unexpected character (expected true, false or null)");
	}
	j->p = p;
	return 0;
}

int sk_json_bool(struct sk_json *j, bool *out)
{
	*out = *j->p == 't';
	return literal(j, *out ? "true" : "false");
}

static int digits(struct sk_json *j, const char **p)
{
	if (*p == j->end)
		return premature_end(j);
	if (!is_digit(**p))
		return syntax(j, *p, "unexpected character (expected a digit)");
	while (*p < j->end && is_digit(**p))
		(*p)++;
	return 0;
}

/* A number: *is_int when it has no fraction or exponent, and then *value
 * (an integer outside int64 is an error). */
static int number(struct sk_json *j, bool *is_int, long long *value)
{
	const char *start = j->p, *p = j->p, *int_start;
	bool neg = false;
	uint64_t v = 0;
	bool overflow = false;

	if (*p == '-') {
		neg = true;
		p++;
	}
	int_start = p;
	if (p < j->end && *p == '0') {
		p++;
		if (p < j->end && is_digit(*p))
			return syntax(j, p, "unexpected digit (a number has no leading zeros)");
	} else if (digits(j, &p) < 0) {
		return -1;
	}
	for (const char *d = int_start; d < p; d++) {
		unsigned n = (unsigned)(*d - '0');

		if (v > (UINT64_MAX - n) / 10)
			overflow = true;
		else
			v = v * 10 + n;
	}
	*is_int = true;
	if (p < j->end && *p == '.') {
		p++;
		*is_int = false;
		if (digits(j, &p) < 0)
			return -1;
	}
	if (p < j->end && (*p == 'e' || *p == 'E')) {
		p++;
		*is_int = false;
		if (p < j->end && (*p == '+' || *p == '-'))
			p++;
		if (digits(j, &p) < 0)
			return -1;
	}
	if (*is_int) {
		if (overflow || v > (uint64_t)INT64_MAX + (neg ? 1u : 0u))
			return syntax(j, start, "integer out of range (integers are 64-bit)");
		/* -2^63 has no positive counterpart: negate in unsigned */
		*value = neg ? (long long)(0 - v) : (long long)v;
	}
	j->p = p;
	return 0;
}

int sk_json_int(struct sk_json *j, long long *out)
{
	bool is_int;

	if (number(j, &is_int, out) < 0)
		return -1;
	return is_int ? 0 : syntax(j, j->p, "expected an integer");
}

static int hex4(struct sk_json *j, const char *p, unsigned *out)
{
	*out = 0;
	for (int i = 0; i < 4; i++, p++) {
		unsigned d;

		if (p == j->end)
			return premature_end(j);
		if (is_digit(*p))
			d = (unsigned)(*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (*p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			return syntax(j, p, "unexpected character (expected 4 hex digits after \\u)");
		*out = *out << 4 | d;
	}
	return 0;
}

static void add_utf8(struct sk_buf *b, unsigned c)
{
	if (c < 0x80) {
		sk_buf_addch(b, (int)c);
	} else if (c < 0x800) {
		sk_buf_addch(b, (int)(0xc0 | c >> 6));
		sk_buf_addch(b, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		sk_buf_addch(b, (int)(0xe0 | c >> 12));
		sk_buf_addch(b, (int)(0x80 | (c >> 6 & 0x3f)));
		sk_buf_addch(b, (int)(0x80 | (c & 0x3f)));
	} else {
		sk_buf_addch(b, (int)(0xf0 | c >> 18));
		sk_buf_addch(b, (int)(0x80 | (c >> 12 & 0x3f)));
		sk_buf_addch(b, (int)(0x80 | (c >> 6 & 0x3f)));
		sk_buf_addch(b, (int)(0x80 | (c & 0x3f)));
	}
}

/* The escape at *pp (its backslash) into j->str; *pp moves past it. */
static int escape(struct sk_json *j, const char **pp, bool *has_nul)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *p = *pp + 1, *e;
	unsigned c, low;

	if (p == j->end)
		return premature_end(j);
	if (*p != 'u') {
		e = *p ? strchr(from, *p) : NULL;
		if (!e)
			return syntax(
			        j, p,
			        "invalid escape (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
		sk_buf_addch(&j->str, to[e - from]);
		*pp = p + 1;
		return 0;
	}
	if (hex4(j, p + 1, &c) < 0)
		return -1;
	p += 5;
	if (c >= 0xdc00 && c <= 0xdfff)
		return syntax(j, *pp, "unpaired surrogate in a \\u escape");
	if (c >= 0xd800 && c <= 0xdbff) {
		if (j->end - p < 2 || p[0] != '\\' || p[1] != 'u')
			return syntax(j, *pp, "unpaired surrogate in a \\u escape");
		if (hex4(j, p + 2, &low) < 0)
			return -1;
		if (low < 0xdc00 || low > 0xdfff)
			return syntax(j, *pp, "unpaired surrogate in a \\u escape");
		c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
		p += 6;
	}
	if (c == 0)
		*has_nul = true;
	add_utf8(&j->str, c);
	*pp = p;
	return 0;
}

int sk_json_string(struct sk_json *j, const char **s, size_t *len, bool *has_nul)
{
	const char *start = j->p + 1, *p = start, *end = j->end;

	*has_nul = false;
	p = string_run(p, end);
	if (p < end && *p == '"') {
		/* no escapes: the text itself */
		*s = start;
		*len = (size_t)(p - start);
		j->p = p + 1;
		return 0;
	}
	sk_buf_setlen(&j->str, 0);
	for (;;) {
		sk_buf_add(&j->str, start, (size_t)(p - start));
		if (p == end)
			return premature_end(j);
		if (*p == '"')
			break;
		if (*p != '\\')
			return syntax(j, p, "unescaped control character in a string");
		if (escape(j, &p, has_nul) < 0)
			return -1;
		start = p;
		p = string_run(p, end);
	}
	*s = j->str.buf;
	*len = j->str.len;
	j->p = p + 1;
	return 0;
}

int sk_json_enter(struct sk_json *j)
{
	skip_space(j);
	if (j->p == j->end)
		return premature_end(j);
	if (*j->p != '{' && *j->p != '[')
		return syntax(j, j->p, "unexpected character (expected '{' or '[')");
	if (j->depth >= SK_JSON_MAX_DEPTH)
		return syntax(j, j->p, "nesting too deep");
	j->depth++;
	j->p++;
	return 0;
}

static int close_(struct sk_json *j)
{
	j->depth--;
	j->p++;
	return 0;
}

int sk_json_member(struct sk_json *j, bool *first, const char **key, size_t *klen)
{
	bool has_nul;

	skip_space(j);
	if (j->p == j->end)
		return premature_end(j);
	if (*j->p == '}')
		return close_(j);
	if (!*first) {
		if (*j->p != ',')
			return syntax(j, j->p, "unexpected character (expected ',' or '}')");
		j->p++;
		skip_space(j);
		if (j->p == j->end)
			return premature_end(j);
	}
	if (*j->p != '"')
		return syntax(j, j->p,
		              *first ? "unexpected character (expected a member name or '}')"
		                     : "unexpected character (expected a member name)");
	if (sk_json_string(j, key, klen, &has_nul) < 0)
		return -1;
	skip_space(j);
	if (j->p == j->end)
		return premature_end(j);
	if (*j->p != ':')
		return syntax(j, j->p, "unexpected character (expected ':')");
	j->p++;
	*first = false;
	return 1;
}

int sk_json_element(struct sk_json *j, bool *first)
{
	skip_space(j);
	if (j->p == j->end)
		return premature_end(j);
	if (*j->p == ']')
		return close_(j);
	if (!*first) {
		if (*j->p != ',')
			return syntax(j, j->p, "unexpected character (expected ',' or ']')");
		j->p++;
	}
	*first = false;
	return 1;
}

int sk_json_skip(struct sk_json *j)
{
	enum sk_json_type t;
	const char *s;
	size_t len;
	bool b, first = true;
	long long n;
	int rc;

	if (sk_json_peek(j, &t) < 0)
		return -1;
	switch (t) {
	case SK_JSON_NULL:
		return literal(j, "null");
	case SK_JSON_BOOL:
		return sk_json_bool(j, &b);
	case SK_JSON_INT:
	case SK_JSON_FRACTION:
		return number(j, &b, &n);
	case SK_JSON_STRING:
		return sk_json_string(j, &s, &len, &b);
	case SK_JSON_ARRAY:
		if (sk_json_enter(j) < 0)
			return -1;
		while ((rc = sk_json_element(j, &first)) > 0)
			if (sk_json_skip(j) < 0)
				return -1;
		return rc;
	case SK_JSON_OBJECT:
		if (sk_json_enter(j) < 0)
			return -1;
		while ((rc = sk_json_member(j, &first, &s, &len)) > 0)
			if (sk_json_skip(j) < 0)
				return -1;
		return rc;
	}
	return -1;
}

int sk_json_end(struct sk_json *j)
{
	skip_space(j);
	return j->p == j->end ? 0 : syntax(j, j->p, "unexpected text after the end of the JSON value");
}

int sk_json_validate(struct sk_json *j)
{
	if (sk_json_skip(j) < 0)
		return -1;
	return sk_json_end(j);
}
