/* canvas.c — the cover's picture as 4-bit palette indices, plain rows
 * shared: rectangles, runs of text coverage blended in, a box-filtered smaller
 * copy, and its PNG (libpng in memory; filter None, zlib's run-length strategy). */
#include "cover/canvas.h"

#include "core/arena.h"
#include "core/pngout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <zlib.h>

/* Two pixels of index in one byte. */
static unsigned char pair(int index)
{
	return (unsigned char)(index << 4 | index);
}

static int get(const unsigned char *row, int x)
{
	return x & 1 ? row[x >> 1] & 0x0f : row[x >> 1] >> 4;
}

static void set(unsigned char *row, int x, int index)
{
	unsigned char *b = &row[x >> 1];

	*b = x & 1 ? (unsigned char)((*b & 0xf0) | index) :
		     (unsigned char)((*b & 0x0f) | index << 4);
}

/* The shared row of index, made on first use. */
static unsigned char *plain(mg_canvas *c, int index)
{
	if (!c->plain[index]) {
		c->plain[index] = mg_xmalloc(c->stride);
		memset(c->plain[index], pair(index), c->stride);
	}
	return c->plain[index];
}

/* Row y's own pixels, first copied from the shared row it showed. */
static unsigned char *own_row(mg_canvas *c, int y)
{
	if (!c->own[y]) {
		unsigned char *r = mg_xmalloc(c->stride);

		memcpy(r, c->rows[y], c->stride);
		c->rows[y] = r;
		c->own[y] = 1;
	}
	return c->rows[y];
}

static unsigned char mix(unsigned char from, unsigned char to, int k)
{
	int last = MG_CANVAS_COLOURS - 1;

	return (unsigned char)((from * (last - k) + to * k + last / 2) / last);
}

void mg_canvas_init(mg_canvas *c, int width, int height, mg_rgb from,
		    mg_rgb to)
{
	memset(c, 0, sizeof *c);
	c->width = width;
	c->height = height;
	c->stride = ((size_t)width + 1) / 2;
	for (int k = 0; k < MG_CANVAS_COLOURS; k++)
		c->palette[k] = (mg_rgb){ mix(from.r, to.r, k), mix(from.g, to.g, k),
					  mix(from.b, to.b, k) };
	c->rows = mg_xcalloc((size_t)height, sizeof *c->rows);
	c->own = mg_xcalloc((size_t)height, 1);
	for (int y = 0; y < height; y++)
		c->rows[y] = plain(c, 0);
}

void mg_canvas_release(mg_canvas *c)
{
	for (int y = 0; y < c->height; y++)
		if (c->own[y])
			free(c->rows[y]);
	for (int k = 0; k < MG_CANVAS_COLOURS; k++)
		free(c->plain[k]);
	free(c->rows);
	free(c->own);
	memset(c, 0, sizeof *c);
}

void mg_canvas_fill(mg_canvas *c, int x, int y, int w, int h, int index)
{
	int x1 = x + w > c->width ? c->width : x + w;
	int y1 = y + h > c->height ? c->height : y + h;

	if (x < 0)
		x = 0;
	if (y < 0)
		y = 0;
	for (; y < y1 && x < x1; y++) {
		if (x > 0 || x1 < c->width) {
			unsigned char *row = own_row(c, y);
			for (int i = x; i < x1; i++)
				set(row, i, index);
			continue;
		}
		if (c->own[y])
			free(c->rows[y]);
		c->own[y] = 0;
		c->rows[y] = plain(c, index);
	}
}

/* Sets pixels [x, x1) of row to index: the halves at the ends, the bytes
 * between at once. */
static void set_run(unsigned char *row, int x, int x1, int index)
{
	if (x < x1 && (x & 1))
		set(row, x++, index);
	if (x < x1 && (x1 & 1))
		set(row, --x1, index);
	if (x < x1)
		memset(row + x / 2, pair(index), (size_t)(x1 - x) / 2);
}

void mg_canvas_span(mg_canvas *c, int x, int y, int len, int cov,
		    const mg_ink *ink)
{
	int dir = ink->ink >= ink->bg ? 1 : -1;
	int span = (ink->ink - ink->bg) * dir;
	int k = (cov * span + 127) / 255;
	int x1 = x + len > c->width ? c->width : x + len;
	unsigned char *row;

	if (x < 0)
		x = 0;
	if (!k || x >= x1 || y < ink->top || y >= ink->bottom || y < 0 ||
	    y >= c->height)
		return;
	row = own_row(c, y);
	if (k == span) {	/* full coverage: the ink, whatever was there */
		set_run(row, x, x1, ink->ink);
		return;
	}
	for (; x < x1; x++) {
		int have = (get(row, x) - ink->bg) * dir;

		if (have < 0 || have > span)
			have = 0;	/* not this ink's: drawn over */
		if (k > have)
			set(row, x, ink->bg + k * dir);
	}
}

/* ---- a smaller copy ---- */

/* The box filter's state for one row of the smaller picture: the sum of
 * the own rows' indices so far per source column, and of the plain rows'
 * indices (one each, for every column); the boxes' column bounds. */
struct shrink {
	int *x0;		/* dst width + 1: box X is x0[X] .. x0[X + 1] */
	unsigned *col;		/* 2 * stride: own rows summed per column */
	int owned;		/* some own row is in col */
	unsigned plain;		/* the plain rows' indices, summed */
};

/* Adds source row y into the sums: a plain row's one index, an own row's
 * pixels into their columns (a loop the compiler vectorises). */
static void shrink_add(struct shrink *k, const mg_canvas *src, int y)
{
	const unsigned char *row = src->rows[y];
	unsigned *col = k->col;

	if (!src->own[y]) {
		k->plain += (unsigned)get(row, 0);
		return;
	}
	for (size_t i = 0; i < src->stride; i++) {
		col[2 * i] += row[i] >> 4;
		col[2 * i + 1] += row[i] & 0x0f;
	}
	k->owned = 1;
}

/* The sum of box X's own-row pixels, taken from the columns. */
static unsigned shrink_box(const struct shrink *k, int X)
{
	unsigned s = 0;

	if (!k->owned)
		return 0;
	for (int x = k->x0[X]; x < k->x0[X + 1]; x++)
		s += k->col[x];
	return s;
}

/* Sets dst's row Y from the sums of `rows` source rows, and clears them. */
static void shrink_row(struct shrink *k, mg_canvas *dst, int Y, int rows,
		       size_t cols_len)
{
	unsigned char *row = NULL;
	int first = -1;

	for (int X = 0; X < dst->width; X++) {
		unsigned cols = (unsigned)(k->x0[X + 1] - k->x0[X]);
		unsigned area = cols * (unsigned)rows;
		unsigned sum = shrink_box(k, X) + k->plain * cols;
		int index = (int)((sum + area / 2) / area);

		if (X == 0)
			first = index;
		if (index != first && !row)
			row = own_row(dst, Y);	/* the plain row so far, copied */
		if (row)
			set(row, X, index);
		else if (X == 0)
			mg_canvas_fill(dst, 0, Y, dst->width, 1, index);
	}
	if (k->owned)
		memset(k->col, 0, cols_len * sizeof *k->col);
	k->owned = 0;
	k->plain = 0;
}

void mg_canvas_shrink(const mg_canvas *src, int width, int height,
		      mg_canvas *dst)
{
	struct shrink k = { 0 };
	size_t cols_len = 2 * src->stride;
	int sy = 0;

	mg_canvas_init(dst, width, height, src->palette[0],
		       src->palette[MG_CANVAS_COLOURS - 1]);
	memcpy(dst->palette, src->palette, sizeof dst->palette);
	k.x0 = mg_xcalloc((size_t)width + 1, sizeof *k.x0);
	k.col = mg_xcalloc(cols_len, sizeof *k.col);
	for (int X = 0; X <= width; X++)
		k.x0[X] = (int)((long long)X * src->width / width);
	for (int Y = 0; Y < height; Y++) {
		int y1 = (int)((long long)(Y + 1) * src->height / height);
		int rows = y1 - sy;

		for (; sy < y1; sy++)
			shrink_add(&k, src, sy);
		shrink_row(&k, dst, Y, rows, cols_len);
	}
	free(k.x0);
	free(k.col);
}

/* ---- PNG ---- */

static const unsigned char *canvas_row(const void *picture, unsigned y)
{
	return ((const mg_canvas *)picture)->rows[y];
}

int mg_canvas_png(const mg_canvas *c, mg_bytes *out, char *why, size_t size)
{
	unsigned char pal[3 * MG_CANVAS_COLOURS];
	/* Flat rows of one index need no filter, and zlib's run-length
	 * strategy finds them as quickly as anything does. It never looks in
	 * zlib's hash table, which memory level 6 keeps small (less to clear
	 * as the window slides), while its blocks stay long enough that their
	 * code tables cost little: the quickest settings measured for a cover. */
	mg_png_picture p = {
		.width = (unsigned)c->width, .height = (unsigned)c->height,
		.bit_depth = 4, .color_type = PNG_COLOR_TYPE_PALETTE,
		.palette = pal, .colours = MG_CANVAS_COLOURS,
		.row = canvas_row, .picture = c,
		.level = 1, .strategy = Z_RLE, .mem_level = 6,
	};

	for (int k = 0; k < MG_CANVAS_COLOURS; k++) {
		pal[3 * k] = c->palette[k].r;
		pal[3 * k + 1] = c->palette[k].g;
		pal[3 * k + 2] = c->palette[k].b;
	}
	return mg_png_write(&p, out, why, size);
}
