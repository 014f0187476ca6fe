/* test_thumb.c — covers' thumbnails (catalog/thumb.h): their size, each
 * pixel the average of what it covers (transparency weighted), palette
 * covers as their colours, the same bytes from the same cover, and covers
 * that cannot be decoded refused. */
#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mgtest.h"
#include "catalog/thumb.h"

/* A PNG of w x h pixels (format RGB or RGBA) whose pixel (x, y) is
 * paint(x, y, px), in heap bytes. */
typedef void (*painter)(unsigned x, unsigned y, unsigned char *px);

static mg_bytes make_png(unsigned w, unsigned h, png_uint_32 format,
			 painter paint)
{
	png_image img;
	unsigned ch = PNG_IMAGE_PIXEL_CHANNELS(format);
	unsigned char *pixels = malloc((size_t)w * h * ch);
	png_alloc_size_t n;
	mg_bytes b = { 0 };

	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++)
			paint(x, y, pixels + ((size_t)y * w + x) * ch);
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = w;
	img.height = h;
	img.format = format;
	n = PNG_IMAGE_PNG_SIZE_MAX(img);
	b.data = malloc(n);
	if (png_image_write_to_memory(&img, b.data, &n, 0, pixels, 0, NULL))
		b.len = n;
	free(pixels);
	return b;
}

/* A palette PNG of w x h pixels whose pixel (x, y) is colour index(x, y)
 * of map (n RGBA entries; alpha under 255 makes a tRNS chunk), with the
 * same picture as RGBA (alpha) or RGB in *plain, to thumbnail alike. */
typedef unsigned (*indexer)(unsigned x, unsigned y);

static mg_bytes make_palette_png(unsigned w, unsigned h,
				 const unsigned char (*map)[4], unsigned n,
				 int alpha, indexer index, mg_bytes *plain)
{
	png_image img;
	unsigned ch = alpha ? 4 : 3;
	unsigned char *idx = malloc((size_t)w * h);
	unsigned char *rgb = malloc((size_t)w * h * ch);
	unsigned char cmap[256 * 4];
	png_alloc_size_t len;
	mg_bytes b = { 0 };

	for (unsigned i = 0; i < n; i++)
		memcpy(cmap + i * ch, map[i], ch);
	for (size_t i = 0; i < (size_t)w * h; i++) {
		idx[i] = (unsigned char)index((unsigned)(i % w), (unsigned)(i / w));
		memcpy(rgb + i * ch, map[idx[i]], ch);
	}
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = w;
	img.height = h;
	img.format = alpha ? PNG_FORMAT_RGBA_COLORMAP : PNG_FORMAT_RGB_COLORMAP;
	img.colormap_entries = n;
	len = PNG_IMAGE_PNG_SIZE_MAX(img);
	b.data = malloc(len);
	if (png_image_write_to_memory(&img, b.data, &len, 0, idx, 0, cmap))
		b.len = len;
	img.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
	img.colormap_entries = 0;
	len = PNG_IMAGE_PNG_SIZE_MAX(img);
	plain->data = malloc(len);
	plain->len = 0;
	if (png_image_write_to_memory(&img, plain->data, &len, 0, rgb, 0, NULL))
		plain->len = len;
	free(idx);
	free(rgb);
	return b;
}

/* The PNG's pixels as RGBA, with its size; NULL when it cannot be read. */
static unsigned char *read_png(const mg_bytes *b, unsigned *w, unsigned *h)
{
	png_image img;
	unsigned char *pixels;

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, b->data, b->len))
		return NULL;
	img.format = PNG_FORMAT_RGBA;
	pixels = malloc(PNG_IMAGE_SIZE(img));
	if (!png_image_finish_read(&img, NULL, pixels, 0, NULL)) {
		free(pixels);
		return NULL;
	}
	*w = img.width;
	*h = img.height;
	return pixels;
}

static void teal(unsigned x, unsigned y, unsigned char *px)
{
	(void)x, (void)y;
	px[0] = 0x10, px[1] = 0x80, px[2] = 0x90;
}

/* Black and white columns, one pixel wide. */
static void stripes(unsigned x, unsigned y, unsigned char *px)
{
	(void)y;
	memset(px, x % 2 ? 255 : 0, 3);
}

/* A gradient, so that every pixel of the thumbnail differs. */
static void gradient(unsigned x, unsigned y, unsigned char *px)
{
	px[0] = (unsigned char)(x * 255 / 1599);
	px[1] = (unsigned char)(y * 255 / 2399);
	px[2] = (unsigned char)((x + y) % 256);
}

/* Transparent red in even columns, opaque blue in odd ones. */
static void half_clear(unsigned x, unsigned y, unsigned char *px)
{
	(void)y;
	if (x % 2) {
		px[0] = 0, px[1] = 0, px[2] = 255, px[3] = 255;
	} else {
		px[0] = 255, px[1] = 0, px[2] = 0, px[3] = 0;
	}
}

static unsigned char *thumb_pixels(mg_bytes *png, unsigned max, unsigned *w,
				   unsigned *h)
{
	mg_bytes t;
	unsigned tw = 0, th = 0, rw = 0, rh = 0;
	char why[128] = "";
	unsigned char *px;

	CHECK_INT(mg_thumb_png(png->data, png->len, max, &t, &tw, &th, why,
			       sizeof why), 0);
	px = t.len ? read_png(&t, &rw, &rh) : NULL;
	CHECK(px != NULL);
	CHECK_INT(rw, tw);
	CHECK_INT(rh, th);
	*w = tw;
	*h = th;
	mg_bytes_release(&t);
	return px;
}

/* A portrait cover of 1600 x 2400 becomes 300 x 450; a plain colour stays
 * exactly that colour (the weights add up to the whole area). */
static void test_size_and_colour(void)
{
	mg_bytes png = make_png(1600, 2400, PNG_FORMAT_RGB, teal);
	unsigned w, h;
	unsigned char *px = thumb_pixels(&png, MG_THUMB_WIDTH, &w, &h);

	CHECK_INT(w, 300);
	CHECK_INT(h, 450);
	if (px) {
		CHECK_INT(px[0], 0x10);
		CHECK_INT(px[1], 0x80);
		CHECK_INT(px[2], 0x90);
		CHECK_INT(px[3], 255);
		size_t last = ((size_t)w * h - 1) * 4;
		CHECK_INT(px[last + 1], 0x80);
	}
	free(px);
	mg_bytes_release(&png);
}

/* Not a whole ratio (1000 / 300): every thumbnail pixel is still an area
 * average, and the height keeps the proportion (1000 x 1414 → 300 x 424). */
static void test_box_average(void)
{
	mg_bytes png = make_png(1000, 1414, PNG_FORMAT_RGB, stripes);
	unsigned w, h;
	unsigned char *px = thumb_pixels(&png, MG_THUMB_WIDTH, &w, &h);

	CHECK_INT(w, 300);
	CHECK_INT(h, 424);
	/* each thumbnail pixel covers 3.33 stripes: about half white */
	for (unsigned x = 0; px && x < w; x++)
		CHECK(px[x * 4] >= 100 && px[x * 4] <= 155);
	free(px);
	mg_bytes_release(&png);
	/* 600 stripes into 300 pixels: exactly two each, exactly grey */
	png = make_png(600, 60, PNG_FORMAT_RGB, stripes);
	px = thumb_pixels(&png, MG_THUMB_WIDTH, &w, &h);
	CHECK_INT(w, 300);
	CHECK_INT(h, 30);
	if (px)
		CHECK_INT(px[0], 128);
	free(px);
	mg_bytes_release(&png);
}

/* Transparent pixels lend no colour: transparent red beside opaque blue
 * is half-transparent blue, not purple. */
static void test_alpha(void)
{
	mg_bytes png = make_png(600, 10, PNG_FORMAT_RGBA, half_clear);
	unsigned w, h;
	unsigned char *px = thumb_pixels(&png, MG_THUMB_WIDTH, &w, &h);

	if (px) {
		CHECK_INT(px[0], 0);
		CHECK_INT(px[2], 255);
		CHECK_INT(px[3], 128);
	}
	free(px);
	mg_bytes_release(&png);
}

/* A cover narrower than a thumbnail is never enlarged. */
static void test_narrow(void)
{
	mg_bytes png = make_png(60, 80, PNG_FORMAT_RGB, teal);
	unsigned w, h;
	unsigned char *px = thumb_pixels(&png, MG_THUMB_WIDTH, &w, &h);

	CHECK_INT(w, 60);
	CHECK_INT(h, 80);
	free(px);
	mg_bytes_release(&png);
}

/* The same cover gives the same bytes, call after call. */
static void test_same_bytes(void)
{
	mg_bytes png = make_png(1600, 2400, PNG_FORMAT_RGB, gradient);
	mg_bytes a, b;
	unsigned w, h;
	char why[128];

	CHECK_INT(mg_thumb_png(png.data, png.len, 300, &a, &w, &h, why, sizeof why), 0);
	CHECK_INT(mg_thumb_png(png.data, png.len, 300, &b, &w, &h, why, sizeof why), 0);
	CHECK(a.len > 0 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	mg_bytes_release(&a);
	mg_bytes_release(&b);
	mg_bytes_release(&png);
}

/* A 4-bit palette: bands a few rows tall (rows repeat, as on a drawn
 * cover) of columns cycling through 16 colours. */
static unsigned bands(unsigned x, unsigned y)
{
	return (x / 3 + y / 5) % 16;
}

/* Even columns index 0, odd ones index 1. */
static unsigned two_columns(unsigned x, unsigned y)
{
	(void)y;
	return x % 2;
}

/* The thumbnails of a palette PNG and of its picture written plainly are
 * the same bytes. */
static void check_same_thumb(const mg_bytes *pal, const mg_bytes *plain)
{
	mg_bytes a, b;
	unsigned aw, ah, bw, bh;
	char why[128] = "";

	CHECK(pal->len > 0 && plain->len > 0);
	CHECK_INT(mg_thumb_png(pal->data, pal->len, MG_THUMB_WIDTH, &a, &aw, &ah,
			       why, sizeof why), 0);
	CHECK_INT(mg_thumb_png(plain->data, plain->len, MG_THUMB_WIDTH, &b, &bw,
			       &bh, why, sizeof why), 0);
	CHECK_INT(aw, bw);
	CHECK_INT(ah, bh);
	CHECK(a.len > 0 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	mg_bytes_release(&a);
	mg_bytes_release(&b);
}

/* A drawn cover's kind of PNG, 4-bit palette without and with tRNS: its
 * indices are looked up in the palette, to the very pixels that the same
 * picture in RGB or RGBA gives. */
static void test_palette(void)
{
	unsigned char map[16][4];
	mg_bytes plain, pal;

	for (unsigned i = 0; i < 16; i++) {
		map[i][0] = (unsigned char)(i * 17);
		map[i][1] = (unsigned char)(255 - i * 13);
		map[i][2] = (unsigned char)(i * 97 % 256);
		map[i][3] = (unsigned char)(i % 4 == 0 ? 0 : 40 + i * 13);
	}
	pal = make_palette_png(1600, 2400, (const unsigned char (*)[4])map, 16,
			       0, bands, &plain);
	CHECK(pal.len > 25 && pal.data[24] == 4 && pal.data[25] == 3);
	check_same_thumb(&pal, &plain);
	mg_bytes_release(&pal);
	mg_bytes_release(&plain);
	pal = make_palette_png(1000, 1414, (const unsigned char (*)[4])map, 16,
			       1, bands, &plain);
	CHECK(pal.len > 25 && pal.data[24] == 4 && pal.data[25] == 3);
	CHECK(memmem(pal.data, pal.len, "tRNS", 4) != NULL);
	check_same_thumb(&pal, &plain);
	mg_bytes_release(&pal);
	mg_bytes_release(&plain);
}

/* A palette with tRNS, known values: transparent red beside opaque blue
 * is half-transparent blue. */
static void test_palette_alpha(void)
{
	static const unsigned char map[2][4] = { { 255, 0, 0, 0 },
						 { 0, 0, 255, 255 } };
	mg_bytes plain, pal = make_palette_png(600, 10, map, 2, 1, two_columns,
					       &plain);
	unsigned w, h;
	unsigned char *px = thumb_pixels(&pal, MG_THUMB_WIDTH, &w, &h);

	CHECK(memmem(pal.data, pal.len, "tRNS", 4) != NULL);
	CHECK_INT(w, 300);
	CHECK_INT(h, 5);
	if (px) {
		CHECK_INT(px[0], 0);
		CHECK_INT(px[1], 0);
		CHECK_INT(px[2], 255);
		CHECK_INT(px[3], 128);
	}
	free(px);
	mg_bytes_release(&pal);
	mg_bytes_release(&plain);
}

/* Bytes that are not a PNG, a PNG cut short, and one wider than a guide's
 * image may be: -1, a reason, nothing made. */
static void test_refused(void)
{
	static const unsigned char junk[] = "GIF89a not a PNG at all";
	mg_bytes png = make_png(1600, 2400, PNG_FORMAT_RGB, gradient);
	mg_bytes wide = make_png(13000, 1, PNG_FORMAT_RGB, teal);
	mg_bytes t;
	unsigned w = 7, h = 7;
	char why[128];

	why[0] = '\0';
	CHECK_INT(mg_thumb_png(junk, sizeof junk, 300, &t, &w, &h, why, sizeof why), -1);
	CHECK(why[0] != '\0' && t.data == NULL && t.len == 0);
	why[0] = '\0';
	CHECK_INT(mg_thumb_png(png.data, png.len / 2, 300, &t, &w, &h, why, sizeof why), -1);
	CHECK(why[0] != '\0' && t.data == NULL);
	why[0] = '\0';
	CHECK_INT(mg_thumb_png(wide.data, wide.len, 300, &t, &w, &h, why, sizeof why), -1);
	CHECK(strstr(why, "larger") != NULL && t.data == NULL);
	mg_bytes_release(&png);
	mg_bytes_release(&wide);
}

int main(void)
{
	RUN(test_size_and_colour);
	RUN(test_box_average);
	RUN(test_alpha);
	RUN(test_narrow);
	RUN(test_same_bytes);
	RUN(test_palette);
	RUN(test_palette_alpha);
	RUN(test_refused);
	return MGT_DONE();
}
