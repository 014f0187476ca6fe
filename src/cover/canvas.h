/* canvas.h — the cover's picture: 16 colours, a ramp from a dark to a light
 * one, two pixels to a byte, as a 4-bit indexed PNG wants them; plain rows,
 * runs of text coverage blended in, a smaller copy, and the picture as a
 * PNG (libpng). */
#ifndef MG_CANVAS_H
#define MG_CANVAS_H

#include <stddef.h>

#include "core/vec.h"

/* The palette: index 0 is the ramp's first colour, the last index its
 * other end, and those between are evenly blended: they antialias text of
 * either colour on the other (or of a colour between on either). */
#define MG_CANVAS_COLOURS 16

typedef struct mg_rgb {
	unsigned char r, g, b;
} mg_rgb;

/* A picture that is mostly plain: a row of one index across the width is
 * shared by every row so filled, and a row gets its own pixels only when
 * something is drawn on part of it. The canvas owns all its rows
 * (mg_canvas_release frees them). Pixel x of a row is the high half of
 * byte x / 2 when x is even, the low half when odd. */
typedef struct mg_canvas {
	int width, height;
	size_t stride;		/* bytes a row: (width + 1) / 2 */
	unsigned char **rows;
	unsigned char *own;	/* per row: 1 if rows[y] is its own */
	unsigned char *plain[MG_CANVAS_COLOURS];	/* shared rows, or NULL */
	mg_rgb palette[MG_CANVAS_COLOURS];
} mg_canvas;

/* A canvas of width x height pixels, all index 0, whose palette runs from
 * `from` to `to`. */
void mg_canvas_init(mg_canvas *c, int width, int height, mg_rgb from,
		    mg_rgb to);
void mg_canvas_release(mg_canvas *c);

/* Sets the pixels of the rectangle (clipped to the canvas) to index. */
void mg_canvas_fill(mg_canvas *c, int x, int y, int w, int h, int index);

/* How text is blended: on a background of index `bg`, full coverage is
 * index `ink` and partial coverage the index as far from bg as its share;
 * a pixel already further from bg towards ink keeps its index. Only rows
 * in [top, bottom) are touched. */
typedef struct mg_ink {
	int bg, ink;
	int top, bottom;
} mg_ink;

/* Blends a run of len pixels from (x, y) rightwards, all of coverage cov
 * (0..255), as FreeType's rasteriser hands them over; clipped. */
void mg_canvas_span(mg_canvas *c, int x, int y, int len, int cov,
		    const mg_ink *ink);

/* Makes *dst (the caller's, freed with mg_canvas_release) a width x height
 * picture of src in src's palette, 0 < width <= src->width and 0 < height
 * <= src->height: pixel (X, Y) stands for the source box of x in
 * [X * sw / width, (X + 1) * sw / width) and y likewise, and is the rounded
 * mean of its indices (the palette being an even ramp, the mean colour).
 * Shared rows are summed without unpacking them. */
void mg_canvas_shrink(const mg_canvas *src, int width, int height,
		      mg_canvas *dst);

/* Encodes the canvas as a 4-bit indexed PNG with no ancillary chunk (no
 * time, no text): the same pixels give the same bytes. 0 with *out filled
 * (the caller's, freed with mg_bytes_release); -1 with libpng's reason in
 * why. */
int mg_canvas_png(const mg_canvas *c, mg_bytes *out, char *why, size_t size);

#endif
