/* test_thumb.c — covers' thumbnails (catalog/thumb.h): their size, each
 * pixel the average of what it covers (transparency weighted), the same
 * bytes from the same cover, and covers that cannot be decoded refused. */
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
	RUN(test_refused);
	return MGT_DONE();
}
