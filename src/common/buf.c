/*
 * buf.c: the growable buffer and the allocation wrappers. Nothing here knows
 * about SQL or databases.
 */
#include "common/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/banned.h"

char sk_buf_empty[1];

static void die_oom(size_t n)
{
	/* The one place the library may stop the process: there is no way to
	 * report an error without memory. */
	fprintf(stderr, "schemake: fatal: out of memory allocating %zu bytes\n", n);
	abort();
}

void *sk_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom(n);
	return p;
}

void *sk_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		die_oom(nmemb * size);
	return p;
}

void *sk_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom(n);
	return q;
}

char *sk_xstrndup(const char *s, size_t n)
{
	char *p = sk_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *sk_xstrdup(const char *s)
{
	return sk_xstrndup(s, strlen(s));
}

char *sk_xstrfmt(const char *fmt, ...)
{
	struct sk_buf sb = SK_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sk_buf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return sk_buf_detach(&sb, NULL);
}

void sk_buf_init(struct sk_buf *sb)
{
	sb->alloc = 0;
	sb->len = 0;
	sb->buf = sk_buf_empty;
}

void sk_buf_release(struct sk_buf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sk_buf_init(sb);
}

char *sk_buf_detach(struct sk_buf *sb, size_t *len_out)
{
	char *res;

	if (len_out)
		*len_out = sb->len;
	if (!sb->alloc)
		res = sk_xstrdup("");
	else
		res = sb->buf;
	sk_buf_init(sb);
	return res;
}

void sk_buf_grow(struct sk_buf *sb, size_t extra)
{
	size_t want = sb->len + extra + 1;

	if (want <= sb->alloc)
		return;
	if (!sb->alloc)
		sb->buf = NULL;
	if (want < 64)
		want = 64;
	if (want < sb->alloc * 2)
		want = sb->alloc * 2;
	sb->buf = sk_xrealloc(sb->buf, want);
	sb->alloc = want;
	if (sb->len == 0)
		sb->buf[0] = '\0';
}

void sk_buf_setlen(struct sk_buf *sb, size_t len)
{
	if (!sb->alloc) {
		if (len == 0)
			return;
		sk_buf_grow(sb, len);
	}
	sb->len = len;
	sb->buf[len] = '\0';
}

void sk_buf_add(struct sk_buf *sb, const void *data, size_t len)
{
	if (!len)
		return;
	sk_buf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void sk_buf_adds(struct sk_buf *sb, const char *s)
{
	sk_buf_add(sb, s, strlen(s));
}

void sk_buf_addch(struct sk_buf *sb, int c)
{
	sk_buf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void sk_buf_vaddf(struct sk_buf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	sk_buf_grow(sb, 64);
	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= sb->alloc - sb->len) {
		sk_buf_grow(sb, (size_t)n);
		n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void sk_buf_addf(struct sk_buf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sk_buf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void sk_buf_rtrim(struct sk_buf *sb)
{
	while (sb->len && (sb->buf[sb->len - 1] == ' ' || sb->buf[sb->len - 1] == '\t' ||
	                   sb->buf[sb->len - 1] == '\n' || sb->buf[sb->len - 1] == '\r'))
		sb->len--;
	if (sb->alloc)
		sb->buf[sb->len] = '\0';
}

/* sk_buf_add without the NUL: a run of text of a format, terminated once
 * at its end */
static void put(struct sk_buf *sb, const char *s, size_t n)
{
	if (!n)
		return;
	if (sb->alloc - sb->len <= n)
		sk_buf_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
}

/* the decimal digits of v, after a '-' when negative */
static void add_decimal(struct sk_buf *sb, unsigned long long v, int negative)
{
	char digits[24];
	size_t i = sizeof(digits);

	do {
		digits[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (negative)
		digits[--i] = '-';
	put(sb, digits + i, sizeof(digits) - i);
}

static void add_signed(struct sk_buf *sb, long long v)
{
	/* the magnitude computed unsigned: -LLONG_MIN does not overflow */
	add_decimal(sb, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
}

void sk_buf_vaddfast(struct sk_buf *sb, const char *fmt, va_list ap)
{
	const char *p = fmt;

	for (;;) {
		const char *pct = strchr(p, '%');
		const char *s;

		if (!pct) {
			put(sb, p, strlen(p));
			break;
		}
		put(sb, p, (size_t)(pct - p));
		p = pct + 2;
		switch (pct[1]) {
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			put(sb, s, strlen(s));
			continue;
		case 'c': {
			char c = (char)va_arg(ap, int);
			put(sb, &c, 1);
			continue;
		}
		case 'd':
			add_signed(sb, va_arg(ap, int));
			continue;
		case 'u':
			add_decimal(sb, va_arg(ap, unsigned), 0);
			continue;
		case '%':
			put(sb, "%", 1);
			continue;
		case 'z':
			if (pct[2] == 'u') {
				add_decimal(sb, va_arg(ap, size_t), 0);
				p = pct + 3;
				continue;
			}
			break;
		case 'l':
			if (pct[2] == 'l' && pct[3] == 'd') {
				add_signed(sb, va_arg(ap, long long));
				p = pct + 4;
				continue;
			}
			if (pct[2] == 'l' && pct[3] == 'u') {
				add_decimal(sb, va_arg(ap, unsigned long long), 0);
				p = pct + 4;
				continue;
			}
			break;
		default:
			break;
		}
		/* flags, a width, a precision or another conversion: printf
		 * formats the rest, with the arguments not yet taken */
		if (sb->alloc)
			sb->buf[sb->len] = '\0';
		sk_buf_vaddf(sb, pct, ap);
		return;
	}
	if (sb->alloc)
		sb->buf[sb->len] = '\0';
}

void sk_buf_addfast(struct sk_buf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sk_buf_vaddfast(sb, fmt, ap);
	va_end(ap);
}
