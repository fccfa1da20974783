#ifndef SK_BUF_H
#define SK_BUF_H
/*
 * Growable byte buffer, after git's strbuf. Invariants: `buf` is never NULL
 * and always NUL-terminated (buf[len] == '\0'), also right after
 * SK_BUF_INIT, which points at a shared empty string and allocates nothing.
 * Out of memory aborts (the only abort the library allows).
 */
#include <stdarg.h>
#include <stddef.h>

struct sk_buf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char sk_buf_empty[];
#define SK_BUF_INIT                                                                                          \
	{                                                                                                    \
		0, 0, sk_buf_empty                                                                           \
	}

void sk_buf_init(struct sk_buf *sb);
void sk_buf_release(struct sk_buf *sb);
/* Hands the contents to the caller (free() it); sb is left empty. */
char *sk_buf_detach(struct sk_buf *sb, size_t *len_out);
void sk_buf_grow(struct sk_buf *sb, size_t extra);
void sk_buf_setlen(struct sk_buf *sb, size_t len);
#define sk_buf_reset(sb) sk_buf_setlen((sb), 0)

void sk_buf_add(struct sk_buf *sb, const void *data, size_t len);
void sk_buf_adds(struct sk_buf *sb, const char *s);
void sk_buf_addch(struct sk_buf *sb, int c);
void sk_buf_addf(struct sk_buf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sk_buf_vaddf(struct sk_buf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void sk_buf_rtrim(struct sk_buf *sb);
/*
 * sk_buf_addf without printf for the conversions generated text is made of:
 * %s, %c, %d, %u, %zu, %lld, %llu and %%, with no flags, width or precision
 * (a NULL %s appends "(null)", as glibc does). At the first other
 * conversion the rest of fmt goes to sk_buf_vaddf, so any printf format
 * gives sk_buf_addf's bytes; the common ones cost a copy instead of a
 * vsnprintf call (codegen writes hundreds of MB of code with it).
 */
void sk_buf_addfast(struct sk_buf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sk_buf_vaddfast(struct sk_buf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Allocation helpers that abort on out-of-memory. */
void *sk_xmalloc(size_t n);
void *sk_xcalloc(size_t nmemb, size_t size);
void *sk_xrealloc(void *p, size_t n);
char *sk_xstrdup(const char *s);
char *sk_xstrndup(const char *s, size_t n);
/* Printf into a fresh allocation. */
char *sk_xstrfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow an array `p` of `nr` used elements to hold at least `want`. */
#define SK_ALLOC_GROW(p, want, alloc)                                                                        \
	do {                                                                                                 \
		if ((want) > (alloc)) {                                                                      \
			size_t sk_new_ = (alloc) ? (alloc)*2 : 8;                                            \
			if (sk_new_ < (want))                                                                \
				sk_new_ = (want);                                                            \
			(p) = sk_xrealloc((p), sk_new_ * sizeof(*(p)));                                      \
			(alloc) = sk_new_;                                                                   \
		}                                                                                            \
	} while (0)

#endif
