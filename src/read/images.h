/* images.h — what the reader learns from an image file's own bytes: that it
 * is a PNG or a JPEG (whatever its name says), its size in pixels, and that
 * the PDF writer can draw it without crashing; a damaged one is refused. */
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

/* A JPEG a PDF cannot hold, and what to do about it: the words after "is a
 * JPEG file " or "the JPEG file is ", said when the guide is read and, by
 * the PDF writer (pdf_error.c), should libharu refuse one all the same. */
#define MG_IMAGE_JPEG_KIND_TEXT "of a kind the PDF writer cannot draw (it takes " \
	"8-bit baseline or progressive JPEGs in grey, RGB or CMYK): save it " \
	"again as an ordinary JPEG or as a PNG"

typedef enum mg_image_status {
	MG_IMAGE_OK,
	MG_IMAGE_UNKNOWN,	/* not a PNG or JPEG, or its header is cut short */
	MG_IMAGE_NO_FRAME,	/* a JPEG with no frame header (SOFn marker) */
	MG_IMAGE_EMPTY,		/* its header says 0 pixels wide or high */
	MG_IMAGE_TOO_LARGE,	/* over MG_IMAGE_MAX_SIDE or MG_IMAGE_MAX_PIXELS */
	MG_IMAGE_JPEG_KIND,	/* a JPEG not 8-bit baseline or progressive in
				 * grey, RGB or CMYK, which a PDF cannot hold */
	MG_IMAGE_INTERLACED,	/* a sound PNG, interlaced: libharu 2.3 fails
				 * on it, or crashes when it has transparency */
	MG_IMAGE_PNG_TRNS,	/* a sound PNG with a tRNS chunk libharu 2.3
				 * crashes on or misreads: in an RGB picture,
				 * or a palette of 1, 2 or 4 bits */

	/* A damaged PNG: libpng, called by the PDF writer, would end the whole
	 * process on any of these (libharu gives it no way to return). */
	MG_IMAGE_BAD_HEADER,	/* IHDR not 13 bytes, or an unknown method */
	MG_IMAGE_BAD_DEPTH,	/* a bit depth its colour type may not have */
	MG_IMAGE_BAD_CHUNKS,	/* a chunk cut short, failing its CRC, or out of
				 * place (a second IHDR or PLTE, IDATs apart) */
	MG_IMAGE_BAD_PALETTE,	/* a palette image without 1 to 256 colours in
				 * a PLTE chunk before its picture data */
	MG_IMAGE_NO_DATA,	/* no IDAT chunk */
	MG_IMAGE_DATA_BAD,	/* the IDAT zlib stream is corrupt or unfinished */
	MG_IMAGE_DATA_SHORT,	/* it inflates to fewer bytes than IHDR implies */
	MG_IMAGE_DATA_LONG,	/* to more bytes, or goes on after its end */
	MG_IMAGE_BAD_FILTER	/* a row's filter type byte is over 4 */
} mg_image_status;

/* What an image's header says. */
typedef struct mg_image_info {
	const char *media_type;		/* "image/png" or "image/jpeg"; NULL if neither */
	unsigned long width, height;	/* pixels, as the header says; 0 if unknown */
	unsigned bit_depth, colour_type;	/* a PNG's IHDR says; 0 for a JPEG */
} mg_image_info;

/* Reads the type and size of the image data[0..size) from its header into
 * *info: a PNG's IHDR chunk (and it must end with IEND), a JPEG's first
 * frame header (SOF0..SOF15). Says whether a handout can use it: its size,
 * a JPEG's kind, a PNG's chunks and picture data, which is inflated (in
 * constant memory, never the whole picture) and must fill exactly the rows
 * IHDR announces, and then a sound PNG's kind. */
mg_image_status mg_image_probe(const unsigned char *data, size_t size,
			       mg_image_info *info);

/* Reports status st (not MG_IMAGE_OK) of the image named by ref, whose
 * header said *info, as an error to d. */
void mg_image_report(mg_diag *d, const mg_file_ref *ref, mg_image_status st,
		     const mg_image_info *info);

/* Whether PNG colour type colour allows bit depth depth (PNG spec,
 * 11.2.2): the reader checks it, and the PDF writer again before libharu. */
int mg_png_depth_ok(unsigned depth, unsigned colour);

#endif
