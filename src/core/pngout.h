/* pngout.h — a picture written as a PNG in memory with libpng, with no
 * ancillary chunk (no time, no text), so that the same pixels give the same
 * bytes. The drawn cover and the catalogue's thumbnails share it. */
#ifndef MG_PNGOUT_H
#define MG_PNGOUT_H

#include <stddef.h>

#include "core/vec.h"

/* Row y of the picture, packed as the PNG holds it (bit_depth bits a
 * sample, no filter byte): the caller's memory, read while it is written. */
typedef const unsigned char *(*mg_png_row_fn)(const void *picture, unsigned y);

typedef struct mg_png_picture {
	unsigned width, height;
	int bit_depth;		/* 1, 2, 4 or 8 */
	int color_type;		/* libpng's PNG_COLOR_TYPE_PALETTE, _RGB or _RGB_ALPHA */
	const unsigned char *palette;	/* colours * 3 bytes (RGB), or NULL */
	int colours;
	mg_png_row_fn row;
	const void *picture;	/* handed to row */
	/* zlib's settings: how the deflate stream is made (and so its bytes) */
	int level, strategy, mem_level;
} mg_png_picture;

/* Writes p as a PNG with unfiltered rows into *out (heap bytes, the
 * caller's: mg_bytes_release). 0; or -1 with libpng's reason in
 * why[0..size) and *out empty. */
int mg_png_write(const mg_png_picture *p, mg_bytes *out, char *why, size_t size);

#endif
