/* thumb.h — the small picture of a guide's cover that the catalogue's feed
 * and download page show: a PNG cover decoded, shrunk and written as PNG
 * again, the same bytes every time. */
#ifndef MG_THUMB_H
#define MG_THUMB_H

#include <stddef.h>

#include "core/vec.h"

/* How wide a thumbnail is at most, in pixels: a shelf tile on an e-reader,
 * or the download page's 10rem picture on a screen of twice the density. */
#define MG_THUMB_WIDTH 300u

/* The thumbnail of the PNG png[0..len): max_width pixels wide, or its own
 * width when narrower (it is never enlarged), the height in proportion;
 * each of its pixels the average of the area of the cover it stands for
 * (a box filter, transparency weighted). 0 with the new PNG in *out (heap
 * bytes, the caller's: mg_bytes_release) and its size in *w, *h; -1 with
 * libpng's reason in why[0..size) when png cannot be decoded or is larger
 * than a handout's image may be (read/images.h). */
int mg_thumb_png(const unsigned char *png, size_t len, unsigned max_width,
		 mg_bytes *out, unsigned *w, unsigned *h, char *why,
		 size_t size);

#endif
