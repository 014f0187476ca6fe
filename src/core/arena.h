/* arena.h — bump allocation for objects that live and die together.
 * A guide's model and a layout's display list are each one arena: built once,
 * read by writers, released in one call. Not thread-safe; one owner at a time. */
#ifndef MG_ARENA_H
#define MG_ARENA_H

#include <stddef.h>

typedef struct mg_arena mg_arena;

mg_arena *mg_arena_new(void);
void mg_arena_free(mg_arena *a);

/* Zeroed memory, aligned for any type; aborts the process on out-of-memory. */
void *mg_arena_alloc(mg_arena *a, size_t size);
/* A NUL-terminated copy of s[0..len). */
char *mg_arena_strndup(mg_arena *a, const char *s, size_t len);
char *mg_arena_strdup(mg_arena *a, const char *s);
/* printf into the arena. */
char *mg_arena_printf(mg_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Heap helpers that abort on out-of-memory, for code outside arenas. */
void *mg_xmalloc(size_t size);
void *mg_xcalloc(size_t n, size_t size);
void *mg_xrealloc(void *p, size_t size);
char *mg_xstrdup(const char *s);

#endif
