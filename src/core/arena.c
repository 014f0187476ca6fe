/* arena.c — bump allocation in chunks, released all at once.
 * Most of a build's objects share one lifetime (a guide, a layout); an arena
 * makes their allocation cheap and their release a single call. */
#include "core/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)
#define ALIGN 16

struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
};

struct mg_arena {
	struct chunk *head;
};

static void out_of_memory(void)
{
	fputs("mkguide: fatal: out of memory\n", stderr);
	abort();
}

void *mg_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *mg_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *mg_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *mg_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(mg_xmalloc(n), s, n);
}

mg_arena *mg_arena_new(void)
{
	return mg_xcalloc(1, sizeof(mg_arena));
}

void mg_arena_free(mg_arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

void *mg_arena_alloc(mg_arena *a, size_t size)
{
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	struct chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t want = size > CHUNK_MIN ? size : CHUNK_MIN;
		c = mg_xmalloc(sizeof(*c) + want);
		c->size = want;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *mg_arena_strndup(mg_arena *a, const char *s, size_t len)
{
	char *p = mg_arena_alloc(a, len + 1);
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *mg_arena_strdup(mg_arena *a, const char *s)
{
	return mg_arena_strndup(a, s, strlen(s));
}

char *mg_arena_printf(mg_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = mg_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
