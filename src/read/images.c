/* images.c — PNG and JPEG files recognised by their bytes: the PNG signature
 * and IHDR chunk, the JPEG start marker and frame header (SOFn), which give
 * the size in pixels. Nothing is decoded here: the PDF writer does that. */
#include "read/images.h"

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

/* Whether a handout can use a picture of w x h pixels. */
static mg_image_status size_status(unsigned long w, unsigned long h)
{
	if (!w || !h)
		return MG_IMAGE_EMPTY;
	if (w > MG_IMAGE_MAX_SIDE || h > MG_IMAGE_MAX_SIDE ||
	    (unsigned long long)w * h > MG_IMAGE_MAX_PIXELS)
		return MG_IMAGE_TOO_LARGE;
	return MG_IMAGE_OK;
}

static int is_png(const unsigned char *p, size_t n)
{
	return n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8);
}

static mg_image_status probe_png(const unsigned char *p, size_t n, mg_image_info *info)
{
	if (n < 45 || memcmp(p + 12, "IHDR", 4))
		return MG_IMAGE_UNKNOWN;
	/* a cut-short file has no IEND chunk (some tools append bytes after it) */
	size_t tail = n < 1024 ? n : 1024;
	if (!memmem(p + n - tail, tail, "IEND", 4))
		return MG_IMAGE_UNKNOWN;
	info->media_type = "image/png";
	info->width = be32(p + 16);
	info->height = be32(p + 20);
	return size_status(info->width, info->height);
}

/* 1 if marker starts a frame header: SOF0..SOF15 but for DHT (C4), JPG (C8)
 * and DAC (CC), which share the range. */
static int is_sof(unsigned marker)
{
	return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 &&
	       marker != 0xc8 && marker != 0xcc;
}

/* Walks the marker segments from SOI to the first frame header, whose
 * height and width give the size. Image data (SOS) or the end (EOI, or of
 * the bytes) before it: there is no frame to draw. */
static mg_image_status probe_jpeg(const unsigned char *p, size_t n, mg_image_info *info)
{
	size_t i = 2;
	info->media_type = "image/jpeg";
	while (i + 4 <= n) {
		unsigned marker;
		if (p[i] != 0xff)
			return MG_IMAGE_UNKNOWN;
		while (i + 1 < n && p[i + 1] == 0xff)
			i++;
		if (i + 4 > n)
			break;
		marker = p[i + 1];
		if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
			i += 2;
			continue;
		}
		if (marker == 0xda || marker == 0xd9)
			break;
		unsigned seglen = be16(p + i + 2);
		if (seglen < 2)
			return MG_IMAGE_UNKNOWN;
		if (is_sof(marker)) {
			if (i + 9 > n || seglen < 7)
				return MG_IMAGE_UNKNOWN;
			info->height = be16(p + i + 5);
			info->width = be16(p + i + 7);
			return size_status(info->width, info->height);
		}
		i += 2 + seglen;
	}
	return MG_IMAGE_NO_FRAME;
}

mg_image_status mg_image_probe(const unsigned char *data, size_t size,
			       mg_image_info *info)
{
	memset(info, 0, sizeof(*info));
	if (is_png(data, size))
		return probe_png(data, size, info);
	if (size >= 4 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
		return probe_jpeg(data, size, info);
	return MG_IMAGE_UNKNOWN;
}

void mg_image_report(mg_diag *d, const mg_file_ref *ref, mg_image_status st,
		     const mg_image_info *info)
{
	switch (st) {
	case MG_IMAGE_OK:
		return;
	case MG_IMAGE_UNKNOWN:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is not a PNG or JPEG file (its bytes say otherwise)",
			 ref->shown);
		return;
	case MG_IMAGE_NO_FRAME:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is a JPEG file with no frame header (SOF marker): "
			 "it is damaged or holds no picture", ref->shown);
		return;
	case MG_IMAGE_EMPTY:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' has no pixels: its header says %lu x %lu",
			 ref->shown, info->width, info->height);
		return;
	case MG_IMAGE_TOO_LARGE:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is %lu x %lu pixels; the most a handout can use "
			 "is %u pixels a side and %u megapixels", ref->shown,
			 info->width, info->height, MG_IMAGE_MAX_SIDE,
			 MG_IMAGE_MAX_PIXELS / 1000000u);
		return;
	}
}
