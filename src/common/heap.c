/*
 * heap.c: the min-heap of common/heap.h.
 */
#include "common/heap.h"

#include "common/banned.h"

static void swap(size_t *a, size_t *b)
{
	size_t t = *a;

	*a = *b;
	*b = t;
}

void sk_heap_push(struct sk_heap *h, size_t x)
{
	size_t i = h->n++;

	h->v[i] = x;
	while (i && h->v[(i - 1) / 2] > h->v[i]) {
		swap(&h->v[(i - 1) / 2], &h->v[i]);
		i = (i - 1) / 2;
	}
}

size_t sk_heap_pop(struct sk_heap *h)
{
	size_t top = h->v[0], i = 0;

	h->v[0] = h->v[--h->n];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < h->n && h->v[l] < h->v[m])
			m = l;
		if (r < h->n && h->v[r] < h->v[m])
			m = r;
		if (m == i)
			break;
		swap(&h->v[m], &h->v[i]);
		i = m;
	}
	return top;
}
