/* vec.c — growable arrays on the heap, and the bytes of a finished product.
 * The model's readers collect children in an mg_vec, then move them into
 * the guide's arena in one copy. See vec.h. */
#include "core/vec.h"

#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

void mg_vec_init(mg_vec *v, size_t elem)
{
	v->items = NULL;
	v->len = v->cap = 0;
	v->elem = elem;
}

void *mg_vec_push(mg_vec *v)
{
	if (v->len == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->items = mg_xrealloc(v->items, v->cap * v->elem);
	}
	void *p = (unsigned char *)v->items + v->len * v->elem;
	memset(p, 0, v->elem);
	v->len++;
	return p;
}

void mg_vec_append(mg_vec *v, const void *items, size_t n)
{
	if (n == 0)
		return;
	if (v->len + n > v->cap) {
		v->cap = 2 * (v->len + n);
		v->items = mg_xrealloc(v->items, v->cap * v->elem);
	}
	memcpy((unsigned char *)v->items + v->len * v->elem, items, n * v->elem);
	v->len += n;
}

void *mg_vec_finish(mg_vec *v, mg_arena *a)
{
	void *copy = NULL;
	if (v->len) {
		copy = mg_arena_alloc(a, v->len * v->elem);
		memcpy(copy, v->items, v->len * v->elem);
	}
	free(v->items);
	v->items = NULL;
	v->cap = 0;
	return copy;
}

void mg_vec_release(mg_vec *v)
{
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}

void mg_bytes_release(mg_bytes *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
}
