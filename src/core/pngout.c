/* pngout.c — writing a picture as PNG bytes in memory: libpng with its
 * output gathered in an mg_vec, errors turned into a sentence, unfiltered
 * rows and the caller's zlib settings. */
#include "core/pngout.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>

/* libpng hands the compressed stream over in pieces of this size: one
 * IDAT chunk each. */
#define PNG_BUFFER (1 << 16)

struct why {
	char *buf;
	size_t size;
};

static void on_write(png_structp png, png_bytep data, size_t len)
{
	mg_vec_append(png_get_io_ptr(png), data, len);
}

static void on_flush(png_structp png)
{
	(void)png;
}

static void on_error(png_structp png, png_const_charp msg)
{
	struct why *w = png_get_error_ptr(png);

	snprintf(w->buf, w->size, "%s", msg);
	png_longjmp(png, 1);
}

/* libpng's warnings change nothing the picture shows. */
static void on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* The libpng calls that may fail, under their own setjmp: nothing here is
 * changed between setjmp and a longjmp that the caller reads after. */
static int encode(png_structp png, png_infop info, const mg_png_picture *p,
		  const png_color *pal, mg_vec *sink)
{
	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_write_fn(png, sink, on_write, on_flush);
	png_set_IHDR(png, info, p->width, p->height, p->bit_depth,
		     p->color_type, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (p->palette)
		png_set_PLTE(png, info, pal, p->colours);
	/* a palette with every index the depth allows: libpng need not scan
	 * each row for one outside it (a third of a cover's time) */
	if (p->palette && p->colours == 1 << p->bit_depth)
		png_set_check_for_invalid_index(png, 0);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_level(png, p->level);
	png_set_compression_strategy(png, p->strategy);
	png_set_compression_mem_level(png, p->mem_level);
	png_set_compression_buffer_size(png, PNG_BUFFER);
	png_write_info(png, info);
	for (unsigned y = 0; y < p->height; y++)
		png_write_row(png, p->row(p->picture, y));
	png_write_end(png, NULL);
	return 0;
}

int mg_png_write(const mg_png_picture *p, mg_bytes *out, char *why, size_t size)
{
	struct why w = { why, size };
	png_color pal[256];
	png_structp png;
	png_infop info = NULL;
	mg_vec sink;
	int rc = -1;

	out->data = NULL;
	out->len = 0;
	snprintf(why, size, "out of memory");
	for (int k = 0; p->palette && k < p->colours && k < 256; k++)
		pal[k] = (png_color){ p->palette[3 * k], p->palette[3 * k + 1],
				      p->palette[3 * k + 2] };
	mg_vec_init(&sink, 1);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &w, on_error,
				      on_warning);
	if (!png)
		return -1;
	info = png_create_info_struct(png);
	if (info)
		rc = encode(png, info, p, pal, &sink);
	png_destroy_write_struct(&png, &info);
	if (rc < 0) {
		mg_vec_release(&sink);
		return -1;
	}
	out->data = sink.items;
	out->len = sink.len;
	return 0;
}
