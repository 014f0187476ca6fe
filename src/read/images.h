/* images.h — what the reader learns from an image file's own bytes: that it
 * is a PNG or a JPEG (whatever its name says), and its size in pixels, read
 * from its header without decoding the picture; too large a picture is refused. */
#ifndef MG_READ_IMAGES_H
#define MG_READ_IMAGES_H

#include <stddef.h>

#include "core/diag.h"
#include "read/paths.h"

/* The largest picture a printed handout can use. A full A4 or Letter page
 * printed at 600 dpi is about 5,000 x 7,000 pixels (35 megapixels); more is
 * never seen on paper, yet costs its full size to decode: a 30,000 x 30,000
 * PNG of 2.6 MB took the PDF writer a minute and 2.7 GB before failing.
 * An image must keep to both limits, and is refused when its header is read. */
#define MG_IMAGE_MAX_SIDE 12000u		/* pixels, width and height each */
#define MG_IMAGE_MAX_PIXELS 40000000u		/* width x height: 40 megapixels */

typedef enum mg_image_status {
	MG_IMAGE_OK,
	MG_IMAGE_UNKNOWN,	/* not a PNG or JPEG, or its header is cut short */
	MG_IMAGE_NO_FRAME,	/* a JPEG with no frame header (SOFn marker) */
	MG_IMAGE_EMPTY,		/* its header says 0 pixels wide or high */
	MG_IMAGE_TOO_LARGE	/* over MG_IMAGE_MAX_SIDE or MG_IMAGE_MAX_PIXELS */
} mg_image_status;

/* What an image's header says. */
typedef struct mg_image_info {
	const char *media_type;		/* "image/png" or "image/jpeg"; NULL if neither */
	unsigned long width, height;	/* pixels, as the header says; 0 if unknown */
} mg_image_info;

/* Reads the type and size of the image data[0..size) from its header into
 * *info: a PNG's IHDR chunk (and it must end with IEND), a JPEG's first
 * frame header (SOF0..SOF15). Says whether a handout can use it. */
mg_image_status mg_image_probe(const unsigned char *data, size_t size,
			       mg_image_info *info);

/* Reports status st (not MG_IMAGE_OK) of the image named by ref, whose
 * header said *info, as an error to d. */
void mg_image_report(mg_diag *d, const mg_file_ref *ref, mg_image_status st,
		     const mg_image_info *info);

#endif
