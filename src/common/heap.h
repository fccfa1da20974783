#ifndef SK_HEAP_H
#define SK_HEAP_H
/*
 * A binary min-heap of size_t over a caller-sized array: the ready set of
 * the topological sorts (the dump's and the differ's), where the smallest
 * rank comes out first so that ties break in the model's stable order.
 */
#include <stddef.h>

struct sk_heap {
	size_t *v; /* room for every element that will be pushed */
	size_t n;
};

void sk_heap_push(struct sk_heap *h, size_t x);
/* The smallest element, removed; h must not be empty. */
size_t sk_heap_pop(struct sk_heap *h);

#endif
