/* thumb.c — a cover's thumbnail: decoded with libpng's simplified API,
 * shrunk by a box filter in whole-number arithmetic (so the same cover
 * gives the same pixels on any machine), and written with libpng again. */
#include "catalog/thumb.h"
#include "core/arena.h"
#include "read/images.h"

#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The picture being shrunk: the cover's pixels (8-bit RGB or RGBA, rows
 * packed) and the thumbnail's. */
struct box {
	const unsigned char *src;
	unsigned sw, sh;	/* the cover's size */
	unsigned char *dst;
	unsigned dw, dh;	/* the thumbnail's */
	unsigned ch;		/* 3, or 4 with alpha */
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

/* Cover row j summed into the thumbnail's columns: per channel, colour
 * premultiplied by alpha when there is one (ch 4). */
static void row_sums(const struct box *b, const struct spans *hs, unsigned j,
		     uint64_t *sums)
{
	const unsigned ch = b->ch;
	const unsigned char *row = b->src + (size_t)j * b->sw * ch;

	for (unsigned x = 0; x < b->dw; x++) {
		const unsigned char *p = row + (size_t)hs->first[x] * ch;
		const uint32_t *w = hs->weight + (size_t)x * hs->most;
		const unsigned count = hs->count[x];
		uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;

		if (ch == 3) {
			for (unsigned t = 0; t < count; t++, p += 3) {
				s0 += (uint64_t)p[0] * w[t];
				s1 += (uint64_t)p[1] * w[t];
				s2 += (uint64_t)p[2] * w[t];
			}
		} else {
			for (unsigned t = 0; t < count; t++, p += 4) {
				uint64_t aw = (uint64_t)p[3] * w[t];
				s0 += p[0] * aw;
				s1 += p[1] * aw;
				s2 += p[2] * aw;
				s3 += aw;
			}
		}
		uint64_t *out = sums + (size_t)x * ch;
		out[0] = s0;
		out[1] = s1;
		out[2] = s2;
		if (ch == 4)
			out[3] = s3;
	}
}

/* a / d rounded to the nearest whole number. */
static unsigned char rounded(uint64_t a, uint64_t d)
{
	uint64_t q = (a + d / 2) / d;

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

/* Each thumbnail row is the sum of the cover rows it covers, each weighted
 * by how much of it falls inside; a cover row shared by two thumbnail rows
 * is summed across once. */
static void shrink(const struct box *b)
{
	size_t n = (size_t)b->dw * b->ch;
	uint64_t *acc = mg_xcalloc(n, sizeof *acc);
	uint64_t *sums = mg_xcalloc(n, sizeof *sums);
	struct spans hs, vs;
	unsigned summed = UINT32_MAX;

	spans_make(&hs, b->sw, b->dw);
	spans_make(&vs, b->sh, b->dh);
	for (unsigned y = 0; y < b->dh; y++) {
		memset(acc, 0, n * sizeof *acc);
		for (unsigned t = 0; t < vs.count[y]; t++) {
			unsigned j = vs.first[y] + t;
			uint64_t wy = vs.weight[(size_t)y * vs.most + t];
			if (j != summed)
				row_sums(b, &hs, j, sums);
			summed = j;
			for (size_t k = 0; k < n; k++)
				acc[k] += sums[k] * wy;
		}
		finish_row(b, y, acc);
	}
	spans_free(&hs);
	spans_free(&vs);
	free(sums);
	free(acc);
}

static void say(char *why, size_t size, const char *text)
{
	snprintf(why, size, "%s", text);
}

/* Writes the thumbnail's pixels as a PNG into *out. 0, or -1. */
static int encode(const struct box *b, png_uint_32 format, mg_bytes *out,
		  char *why, size_t size)
{
	png_image img;
	png_alloc_size_t cap, n;

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = b->dw;
	img.height = b->dh;
	img.format = format;
	cap = PNG_IMAGE_PNG_SIZE_MAX(img);
	out->data = mg_xmalloc(cap);
	n = cap;
	if (!png_image_write_to_memory(&img, out->data, &n, 0, b->dst, 0, NULL)) {
		say(why, size, img.message);
		mg_bytes_release(out);
		return -1;
	}
	out->len = n;
	return 0;
}

int mg_thumb_png(const unsigned char *png, size_t len, unsigned max_width,
		 mg_bytes *out, unsigned *w, unsigned *h, char *why,
		 size_t size)
{
	png_image img;
	struct box b = { 0 };
	unsigned char *pixels = NULL;
	int rc = -1;

	out->data = NULL;
	out->len = 0;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, png, len)) {
		say(why, size, img.message);
		goto out;
	}
	if (img.width > MG_IMAGE_MAX_SIDE || img.height > MG_IMAGE_MAX_SIDE ||
	    (uint64_t)img.width * img.height > MG_IMAGE_MAX_PIXELS) {
		say(why, size, "the picture is larger than a guide's image may be");
		png_image_free(&img);
		goto out;
	}
	img.format = (img.format & PNG_FORMAT_FLAG_ALPHA) ? PNG_FORMAT_RGBA
							   : PNG_FORMAT_RGB;
	pixels = mg_xmalloc(PNG_IMAGE_SIZE(img));
	if (!png_image_finish_read(&img, NULL, pixels, 0, NULL)) {
		say(why, size, img.message);
		goto out;
	}
	b.src = pixels;
	b.sw = img.width;
	b.sh = img.height;
	b.ch = PNG_IMAGE_PIXEL_CHANNELS(img.format);
	b.dw = b.sw > max_width && max_width ? max_width : b.sw;
	b.dh = (unsigned)(((uint64_t)b.sh * b.dw + b.sw / 2) / b.sw);
	if (b.dh == 0)
		b.dh = 1;
	b.dst = mg_xmalloc((size_t)b.dw * b.dh * b.ch);
	shrink(&b);
	rc = encode(&b, img.format, out, why, size);
	*w = b.dw;
	*h = b.dh;
out:
	free(b.dst);
	free(pixels);
	return rc;
}
