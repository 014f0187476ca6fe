/* vec.h — a growable array on the heap (mg_vec), moved into an arena when
 * complete, and mg_bytes, a finished product's bytes in memory. One owner
 * at a time; not thread-safe. */
#ifndef MG_VEC_H
#define MG_VEC_H

#include <stddef.h>

typedef struct mg_arena mg_arena;

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

#endif
