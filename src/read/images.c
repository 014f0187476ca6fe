/* images.c — PNG and JPEG files recognised by their bytes: the PNG signature
 * and IHDR chunk, the JPEG start marker and frame header (SOFn). Nothing is
 * decoded here; the PDF writer does that, and the EPUB stores the bytes. */
#include "read/images.h"

#include <limits.h>
#include <string.h>

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

static int sniff_png(mg_image *im)
{
	const unsigned char *p = im->data;
	if (im->size < 45 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) || memcmp(p + 12, "IHDR", 4))
		return -1;
	/* a cut-short file has no IEND chunk (some tools append bytes after it) */
	size_t tail = im->size < 1024 ? im->size : 1024;
	if (!memmem(p + im->size - tail, tail, "IEND", 4))
		return -1;
	unsigned long w = be32(p + 16), h = be32(p + 20);
	if (!w || !h || w > INT_MAX || h > INT_MAX)
		return -1;
	im->width = (int)w;
	im->height = (int)h;
	im->media_type = "image/png";
	return 0;
}

static int sniff_jpeg(mg_image *im)
{
	const unsigned char *p = im->data;
	size_t i = 2, n = im->size;
	if (n < 4 || p[0] != 0xff || p[1] != 0xd8 || p[2] != 0xff)
		return -1;
	while (i + 4 <= n) {
		unsigned marker;
		if (p[i] != 0xff)
			return -1;
		while (i + 1 < n && p[i + 1] == 0xff)
			i++;
		if (i + 4 > n)
			return -1;
		marker = p[i + 1];
		if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
			i += 2;
			continue;
		}
		if (marker == 0xda || marker == 0xd9)
			return -1;	/* image data before any frame header */
		unsigned seglen = be16(p + i + 2);
		if (seglen < 2)
			return -1;
		if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 &&
		    marker != 0xc8 && marker != 0xcc) {
			if (i + 9 > n || seglen < 7)
				return -1;
			im->height = (int)be16(p + i + 5);
			im->width = (int)be16(p + i + 7);
			im->media_type = "image/jpeg";
			return im->width && im->height ? 0 : -1;
		}
		i += 2 + seglen;
	}
	return -1;
}

int mg_image_sniff(mg_image *im)
{
	return sniff_png(im) && sniff_jpeg(im) ? -1 : 0;
}
