/*
 * arena.c: the bump allocator behind schema models. Blocks are chained and
 * freed together; large requests get a block of their own.
 */
#include "common/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/banned.h"

#define SK_ARENA_BLOCK 65536
#define SK_ARENA_ALIGN 16

struct sk_arena_block {
	struct sk_arena_block *next;
	size_t used;
	size_t size;
	_Alignas(16) unsigned char data[];
};

void *sk_arena_alloc(struct sk_arena *a, size_t size)
{
	struct sk_arena_block *b = a->head;
	size_t need = (size + SK_ARENA_ALIGN - 1) & ~(size_t)(SK_ARENA_ALIGN - 1);
	void *p;

	if (need == 0)
		need = SK_ARENA_ALIGN;
	if (!b || b->size - b->used < need) {
		size_t bsize = need > SK_ARENA_BLOCK / 4 ? need : SK_ARENA_BLOCK;
		b = sk_xmalloc(sizeof(*b) + bsize);
		b->size = bsize;
		b->used = 0;
		if (bsize == need && a->head) {
			/* A big block goes behind the current one, which still
			 * has room for small allocations. */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = b->data + b->used;
	b->used += need;
	memset(p, 0, need);
	return p;
}

void *sk_arena_calloc(struct sk_arena *a, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		abort();
	return sk_arena_alloc(a, nmemb * size);
}

char *sk_arena_strndup(struct sk_arena *a, const char *s, size_t n)
{
	char *p;

	if (!s)
		return NULL;
	p = sk_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *sk_arena_strdup(struct sk_arena *a, const char *s)
{
	return s ? sk_arena_strndup(a, s, strlen(s)) : NULL;
}

char *sk_arena_strfmt(struct sk_arena *a, const char *fmt, ...)
{
	struct sk_buf b = SK_BUF_INIT;
	va_list ap;
	char *p;

	va_start(ap, fmt);
	sk_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	p = sk_arena_strndup(a, b.buf, b.len);
	sk_buf_release(&b);
	return p;
}

void sk_arena_release(struct sk_arena *a)
{
	struct sk_arena_block *b = a->head;

	while (b) {
		struct sk_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
