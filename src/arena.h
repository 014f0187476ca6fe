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

/* A growable array of pointers or structs, allocated from the heap (not the
 * arena) so that it can grow; mg_vec_finish copies it into the arena. */
typedef struct mg_vec {
	void *items;
	size_t len, cap, elem;
} mg_vec;

void mg_vec_init(mg_vec *v, size_t elem);
/* Appends one zeroed element and returns it. */
void *mg_vec_push(mg_vec *v);
/* Appends n elements copied from items (text, with elem 1). */
void mg_vec_append(mg_vec *v, const void *items, size_t n);
/* Moves the elements into the arena, frees the heap buffer; returns the copy. */
void *mg_vec_finish(mg_vec *v, mg_arena *a);
void mg_vec_release(mg_vec *v);

/* Bytes made in memory, such as a finished EPUB or PDF: data is the heap's
 * (or NULL when len is 0) and belongs to whoever holds the struct. */
typedef struct mg_bytes {
	unsigned char *data;
	size_t len;
} mg_bytes;

/* Frees b's data and empties it. */
void mg_bytes_release(mg_bytes *b);

/* Heap helpers that abort on out-of-memory, for code outside arenas. */
void *mg_xmalloc(size_t size);
void *mg_xcalloc(size_t n, size_t size);
void *mg_xrealloc(void *p, size_t size);
char *mg_xstrdup(const char *s);

#endif
