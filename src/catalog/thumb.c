/* thumb.c — a cover's thumbnail: decoded row by row with libpng's low-level
 * API, shrunk as the rows come by a box filter in whole-number arithmetic (the
 * same cover gives the same pixels on any machine), written with libpng again. */
#include "catalog/thumb.h"
#include "core/arena.h"
#include "core/pngout.h"
#include "read/images.h"

#include <png.h>
#include <zlib.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The picture being shrunk: the cover's size, how its decoded rows hold a
 * pixel (8-bit RGB or RGBA; or, from a palette, one index a byte looked up
 * in pal), and the thumbnail's pixels. */
struct box {
	unsigned sw, sh;	/* the cover's size */
	unsigned char *dst;
	unsigned dw, dh;	/* the thumbnail's */
	unsigned ch;		/* 3, or 4 with alpha */
	int indexed;		/* rows hold palette indices */
	unsigned depth;		/* bits an index, 1 to 8, packed as in the PNG */
	unsigned char pal[256][4];	/* RGBA of each index */
};

/* How much of the cover's pixel i (of n in a row) falls in the
 * thumbnail's pixel x (of m): on a line where cover pixel i spans
 * [i*m, (i+1)*m) and thumbnail pixel x spans [x*n, (x+1)*n), so that every
 * length is a whole number and a thumbnail pixel is n long. */
static uint64_t overlap(uint64_t i, uint64_t m, uint64_t x, uint64_t n)
{
	uint64_t lo = i * m > x * n ? i * m : x * n;
	uint64_t hi = (i + 1) * m < (x + 1) * n ? (i + 1) * m : (x + 1) * n;

	return hi > lo ? hi - lo : 0;
}

/* Where each of m thumbnail pixels along a line takes its colour from:
 * cover pixels first[x] .. first[x] + count[x] - 1 (of n), the t-th
 * weighing weight[x * most + t]. The weights of a pixel add up to n. */
struct spans {
	unsigned *first, *count;
	uint32_t *weight;
	unsigned most;
};

static void spans_make(struct spans *s, unsigned n, unsigned m)
{
	s->most = n / m + 2;
	s->first = mg_xcalloc(m, sizeof *s->first);
	s->count = mg_xcalloc(m, sizeof *s->count);
	s->weight = mg_xcalloc((size_t)m * s->most, sizeof *s->weight);
	for (unsigned x = 0; x < m; x++) {
		unsigned i = (unsigned)((uint64_t)x * n / m);
		uint64_t w;

		s->first[x] = i;
		for (; i < n && (w = overlap(i, m, x, n)) != 0; i++)
			s->weight[(size_t)x * s->most + s->count[x]++] = (uint32_t)w;
	}
}

static void spans_free(struct spans *s)
{
	free(s->first);
	free(s->count);
	free(s->weight);
}

/* Pixel i of a decoded cover row: its RGB or RGBA bytes. */
static inline const unsigned char *pixel(const struct box *b,
					 const unsigned char *row, unsigned i)
{
	return b->indexed ? b->pal[row[i]] : row + (size_t)i * b->ch;
}

/* A row of palette indices (one a byte) summed into the thumbnail's
 * columns, as row_sums would: a colour times its alpha times its weight is
 * below 255 * 255 * sw, so each sum fits in 32 bits (sw <= 12,000). */
static void index_sums(const struct box *b, const struct spans *hs,
		       const unsigned char *idx, uint64_t *sums)
{
	for (unsigned x = 0; x < b->dw; x++) {
		const uint32_t *w = hs->weight + (size_t)x * hs->most;
		const unsigned char *i = idx + hs->first[x];
		const unsigned count = hs->count[x];
		uint32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;

		for (unsigned t = 0; t < count; t++) {
			const unsigned char *p = b->pal[i[t]];
			uint32_t aw = b->ch == 4 ? p[3] * w[t] : w[t];

			s0 += p[0] * aw;
			s1 += p[1] * aw;
			s2 += p[2] * aw;
			s3 += aw;
		}
		uint64_t *out = sums + (size_t)x * b->ch;
		out[0] = s0;
		out[1] = s1;
		out[2] = s2;
		if (b->ch == 4)
			out[3] = s3;
	}
}

/* A decoded cover row summed into the thumbnail's columns: per channel,
 * colour premultiplied by alpha when there is one (ch 4). */
static void row_sums(const struct box *b, const struct spans *hs,
		     const unsigned char *row, uint64_t *sums)
{
	for (unsigned x = 0; x < b->dw; x++) {
		const uint32_t *w = hs->weight + (size_t)x * hs->most;
		const unsigned first = hs->first[x], count = hs->count[x];
		uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;

		for (unsigned t = 0; t < count; t++) {
			const unsigned char *p = pixel(b, row, first + t);
			uint64_t aw = b->ch == 4 ? (uint64_t)p[3] * w[t] : w[t];

			s0 += p[0] * aw;
			s1 += p[1] * aw;
			s2 += p[2] * aw;
			s3 += aw;
		}
		uint64_t *out = sums + (size_t)x * b->ch;
		out[0] = s0;
		out[1] = s1;
		out[2] = s2;
		if (b->ch == 4)
			out[3] = s3;
	}
}

/* a / d rounded to the nearest whole number. */
static unsigned char rounded(uint64_t a, uint64_t d)
{
	uint64_t n = a + d / 2, q;

	/* the same quotient; 32-bit division is the much quicker one */
	if (n <= UINT32_MAX && d <= UINT32_MAX)
		q = (uint32_t)n / (uint32_t)d;
	else
		q = n / d;

	return (unsigned char)(q > 255 ? 255 : q);
}

/* Thumbnail row y from its sums: each pixel's area is sw * sh units. */
static void finish_row(const struct box *b, unsigned y, const uint64_t *acc)
{
	unsigned char *out = b->dst + (size_t)y * b->dw * b->ch;
	uint64_t area = (uint64_t)b->sw * b->sh;

	for (unsigned x = 0; x < b->dw; x++) {
		const uint64_t *a = acc + (size_t)x * b->ch;
		unsigned char *p = out + (size_t)x * b->ch;

		if (b->ch == 3) {
			for (unsigned c = 0; c < 3; c++)
				p[c] = rounded(a[c], area);
			continue;
		}
		for (unsigned c = 0; c < 3; c++)
			p[c] = a[3] ? rounded(a[c], a[3]) : 0;
		p[3] = rounded(a[3], area);
	}
}

static void say(char *why, size_t size, const char *text)
{
	snprintf(why, size, "%s", text);
}

/* libpng's warnings change nothing the thumbnail shows. */
static void on_warning(png_structp png, png_const_charp msg)
{
	(void)png, (void)msg;
}

static const unsigned char *thumb_row(const void *picture, unsigned y)
{
	const struct box *b = picture;

	return b->dst + (size_t)y * b->dw * b->ch;
}

/* Writes the thumbnail's pixels as a PNG into *out. Unfiltered rows at
 * zlib level 3: a thumbnail's flat colours and smooth edges compress about
 * as small as with every filter tried at level 6, in a fifth of the time.
 * 0, or -1 with libpng's reason. */
static int encode(const struct box *b, mg_bytes *out, char *why, size_t size)
{
	mg_png_picture p = {
		.width = b->dw, .height = b->dh, .bit_depth = 8,
		.color_type = b->ch == 4 ? PNG_COLOR_TYPE_RGB_ALPHA
					 : PNG_COLOR_TYPE_RGB,
		.row = thumb_row, .picture = b,
		.level = 3, .strategy = Z_DEFAULT_STRATEGY, .mem_level = 8,
	};

	return mg_png_write(&p, out, why, size);
}

/* One thumbnail in the making: the decoder, the filter's state and every
 * buffer, in one place that the cleanup reaches after libpng longjmps. */
struct thumb {
	png_structp png;
	png_infop info;
	const unsigned char *data;	/* the cover's PNG, read from pos on */
	size_t len, pos;
	struct box b;
	struct spans hs, vs;
	uint64_t *acc, *sums;	/* dw * ch each */
	size_t rowbytes;	/* of a decoded row */
	unsigned char *rows;	/* two rows streamed; or the whole picture */
	png_bytep *lines;	/* the whole picture's rows, when interlaced */
	unsigned char *indices;	/* a palette row unpacked, one index a byte */
	const unsigned char *prev;	/* the row sums hold, NULL before any */
	unsigned next;		/* the cover row libpng decodes next */
	char *why;
	size_t size;
};

static void on_error(png_structp png, png_const_charp msg)
{
	struct thumb *t = png_get_error_ptr(png);

	say(t->why, t->size, msg);
	png_longjmp(png, 1);
}

static void on_read(png_structp png, png_bytep buf, size_t n)
{
	struct thumb *t = png_get_io_ptr(png);

	if (n > t->len - t->pos)
		png_error(png, "the PNG ends before its picture does");
	memcpy(buf, t->data + t->pos, n);
	t->pos += n;
}

/* Whether libpng might correct the cover's colours for its gamma (a gAMA
 * chunk other than sRGB's 1/2.2, 45455 in libpng's fixed point): then its
 * palette is left to libpng too. */
static int odd_gamma(const struct thumb *t)
{
	png_fixed_point g;

	return png_get_gAMA_fixed(t->png, t->info, &g) &&
	       g != 45455;
}

/* The palette as RGBA, so that a row of indices is summed as it is: an
 * index past the palette is black, past tRNS opaque, as libpng expands. */
static void take_palette(struct thumb *t)
{
	png_colorp plte = NULL;
	png_bytep trns = NULL;
	int np = 0, nt = 0;

	png_get_PLTE(t->png, t->info, &plte, &np);
	png_get_tRNS(t->png, t->info, &trns, &nt, NULL);
	for (int i = 0; i < 256; i++) {
		unsigned char *p = t->b.pal[i];

		p[0] = i < np ? plte[i].red : 0;
		p[1] = i < np ? plte[i].green : 0;
		p[2] = i < np ? plte[i].blue : 0;
		p[3] = i < nt && trns ? trns[i] : 255;
	}
	t->b.indexed = 1;
	t->b.depth = (unsigned)png_get_bit_depth(t->png, t->info);
}

/* What libpng is to make of the rows: palette indices a byte each, or
 * 8-bit sRGB RGB(A) converted just as png_image_finish_read converts. */
static void set_transforms(struct thumb *t)
{
	int type = png_get_color_type(t->png, t->info);
	int depth = png_get_bit_depth(t->png, t->info);
	int alpha = (type & PNG_COLOR_MASK_ALPHA) ||
		    png_get_valid(t->png, t->info, PNG_INFO_tRNS);

	t->b.ch = alpha ? 4 : 3;
	if (type == PNG_COLOR_TYPE_PALETTE && !odd_gamma(t)) {
		take_palette(t);
		return;
	}
	png_set_expand(t->png);
	if (!(type & PNG_COLOR_MASK_COLOR))
		png_set_gray_to_rgb(t->png);
	png_set_alpha_mode_fixed(t->png, PNG_ALPHA_PNG,
				 depth == 16 ? PNG_GAMMA_LINEAR : PNG_DEFAULT_sRGB);
	png_set_alpha_mode_fixed(t->png, PNG_ALPHA_PNG, PNG_DEFAULT_sRGB);
	if (depth == 16)
		png_set_scale_16(t->png);
}

/* The thumbnail's size, its spans and sums, and room for cover rows. */
static void plan(struct thumb *t, unsigned max_width, int interlaced)
{
	struct box *b = &t->b;
	size_t n;

	b->dw = b->sw > max_width && max_width ? max_width : b->sw;
	b->dh = (unsigned)(((uint64_t)b->sh * b->dw + b->sw / 2) / b->sw);
	if (b->dh == 0)
		b->dh = 1;
	b->dst = mg_xmalloc((size_t)b->dw * b->dh * b->ch);
	spans_make(&t->hs, b->sw, b->dw);
	spans_make(&t->vs, b->sh, b->dh);
	n = (size_t)b->dw * b->ch;
	t->acc = mg_xcalloc(n, sizeof *t->acc);
	t->sums = mg_xcalloc(n, sizeof *t->sums);
	t->rows = mg_xmalloc(t->rowbytes * (interlaced ? b->sh : 2));
	if (b->indexed)
		t->indices = mg_xmalloc(b->sw);
	if (!interlaced)
		return;
	t->lines = mg_xcalloc(b->sh, sizeof *t->lines);
	for (unsigned j = 0; j < b->sh; j++)
		t->lines[j] = t->rows + (size_t)j * t->rowbytes;
}

/* Cover row j, decoded: from the whole picture when interlaced, else
 * libpng's rows up to j, each into the buffer that prev is not. */
static const unsigned char *fetch(struct thumb *t, unsigned j)
{
	unsigned char *slot = t->rows;

	if (t->lines)
		return t->lines[j];
	if (t->prev == slot)
		slot += t->rowbytes;
	for (; t->next <= j; t->next++)
		png_read_row(t->png, slot, NULL);
	return slot;
}

/* A row of packed palette indices (depth bits each, the first in the
 * high bits of a byte) one a byte into out; 8-bit rows are used as they
 * are. Returns the indices. */
static const unsigned char *unpack(const struct box *b,
				   const unsigned char *row, unsigned char *out)
{
	const int depth = (int)b->depth;
	const unsigned mask = (1u << depth) - 1;
	unsigned i = 0;

	if (depth == 8)
		return row;
	const unsigned per = 8u / (unsigned)depth, whole = b->sw / per;
	const unsigned char *p = row;

	for (unsigned k = 0; k < whole; k++, p++)
		for (int shift = 8 - depth; shift >= 0; shift -= depth)
			out[i++] = (unsigned char)((*p >> shift) & mask);
	for (int shift = 8 - depth; i < b->sw; shift -= depth)
		out[i++] = (unsigned char)((*p >> shift) & mask);
	return out;
}

/* Brings the sums to cover row j (rows asked for in increasing order); a
 * row the same as the last one summed keeps its sums. */
static void sum_row(struct thumb *t, unsigned j)
{
	const unsigned char *row = fetch(t, j);

	if (t->prev && memcmp(row, t->prev, t->rowbytes) == 0) {
		t->prev = row;
		return;
	}
	t->prev = row;
	if (!t->b.indexed) {
		row_sums(&t->b, &t->hs, row, t->sums);
		return;
	}
	index_sums(&t->b, &t->hs, unpack(&t->b, row, t->indices), t->sums);
}

/* Each thumbnail row is the sum of the cover rows it covers, each weighted
 * by how much of it falls inside; a cover row shared by two thumbnail rows
 * is summed across once. */
static void shrink(struct thumb *t)
{
	const struct box *b = &t->b;
	size_t n = (size_t)b->dw * b->ch;
	unsigned summed = UINT32_MAX;

	for (unsigned y = 0; y < b->dh; y++) {
		memset(t->acc, 0, n * sizeof *t->acc);
		for (unsigned k = 0; k < t->vs.count[y]; k++) {
			unsigned j = t->vs.first[y] + k;
			uint64_t wy = t->vs.weight[(size_t)y * t->vs.most + k];

			if (j != summed)
				sum_row(t, j);
			summed = j;
			for (size_t c = 0; c < n; c++)
				t->acc[c] += t->sums[c] * wy;
		}
		finish_row(b, y, t->acc);
	}
}

static int too_large(png_uint_32 w, png_uint_32 h)
{
	return w > MG_IMAGE_MAX_SIDE || h > MG_IMAGE_MAX_SIDE ||
	       (uint64_t)w * h > MG_IMAGE_MAX_PIXELS;
}

/* Decodes and shrinks the cover into t->b.dst. 0, or -1 with the reason.
 * libpng's errors land here again from setjmp: nothing in this frame
 * changes after it, and all that is held is in *t. */
static int decode(struct thumb *t, unsigned max_width)
{
	int interlaced;

	t->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, t, on_error,
					on_warning);
	t->info = t->png ? png_create_info_struct(t->png) : NULL;
	if (!t->info) {
		say(t->why, t->size, "libpng could not start");
		return -1;
	}
	if (setjmp(png_jmpbuf(t->png)))
		return -1;
	png_set_read_fn(t->png, t, on_read);
	png_read_info(t->png, t->info);
	t->b.sw = png_get_image_width(t->png, t->info);
	t->b.sh = png_get_image_height(t->png, t->info);
	if (too_large(t->b.sw, t->b.sh)) {
		say(t->why, t->size, "the picture is larger than a guide's image may be");
		return -1;
	}
	set_transforms(t);
	interlaced = png_set_interlace_handling(t->png) > 1;
	png_read_update_info(t->png, t->info);
	t->rowbytes = png_get_rowbytes(t->png, t->info);
	if (t->rowbytes != (t->b.indexed ?
			    ((size_t)t->b.sw * t->b.depth + 7) / 8 :
			    (size_t)t->b.sw * t->b.ch)) {
		say(t->why, t->size, "libpng decoded rows of an unexpected size");
		return -1;
	}
	plan(t, max_width, interlaced);
	if (interlaced)
		png_read_image(t->png, t->lines);
	shrink(t);
	if (!interlaced)
		for (; t->next < t->b.sh; t->next++)
			png_read_row(t->png, t->rows, NULL);
	png_read_end(t->png, NULL);
	return 0;
}

static void thumb_free(struct thumb *t)
{
	png_destroy_read_struct(&t->png, &t->info, NULL);
	spans_free(&t->hs);
	spans_free(&t->vs);
	free(t->acc);
	free(t->sums);
	free(t->lines);
	free(t->rows);
	free(t->indices);
	free(t->b.dst);
}

int mg_thumb_png(const unsigned char *png, size_t len, unsigned max_width,
		 mg_bytes *out, unsigned *w, unsigned *h, char *why,
		 size_t size)
{
	struct thumb t = { .data = png, .len = len, .why = why, .size = size };
	int rc;

	out->data = NULL;
	out->len = 0;
	rc = decode(&t, max_width);
	if (rc == 0)
		rc = encode(&t.b, out, why, size);
	if (rc == 0) {
		*w = t.b.dw;
		*h = t.b.dh;
	}
	thumb_free(&t);
	return rc;
}
