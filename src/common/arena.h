#ifndef SK_ARENA_H
#define SK_ARENA_H
/*
 * A bump allocator: many small allocations freed together. A schema model
 * owns one and is freed whole. Out of memory aborts.
 */
#include <stddef.h>

struct sk_arena_block;

struct sk_arena {
	struct sk_arena_block *head;
};
#define SK_ARENA_INIT { NULL }

/* Zeroed memory, aligned for any type. */
void *sk_arena_alloc(struct sk_arena *a, size_t size);
void *sk_arena_calloc(struct sk_arena *a, size_t nmemb, size_t size);
/* NULL in, NULL out. */
char *sk_arena_strdup(struct sk_arena *a, const char *s);
char *sk_arena_strndup(struct sk_arena *a, const char *s, size_t n);
char *sk_arena_strfmt(struct sk_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sk_arena_release(struct sk_arena *a);

#endif
