/* cover.h — the cover an EPUB carries when its guide names no `cover:`
 * image: a typographic one, drawn from the guide's title, subtitle,
 * publisher and language in the style's fonts, as a PNG, with a thumbnail. */
#ifndef MG_COVER_H
#define MG_COVER_H

#include "core/diag.h"
#include "core/vec.h"
#include "model/guide.h"
#include "read/style.h"

/* The cover's size in pixels: the 2:3 of e-reader shelves and stores. */
#define MG_COVER_WIDTH 1600
#define MG_COVER_HEIGHT 2400

/* Its thumbnail's, for catalogues: the same 2:3, each pixel the mean of a
 * box of about 5 x 5 of the cover's. */
#define MG_COVER_THUMB_WIDTH 300
#define MG_COVER_THUMB_HEIGHT 450

/* Draws g's cover in style s's fonts (s NULL: the PDF's defaults) as a
 * 4-bit indexed PNG into *out, and its MG_COVER_THUMB_WIDTH x
 * MG_COVER_THUMB_HEIGHT thumbnail as one into *thumb (both the caller's,
 * freed with mg_bytes_release):
 * the title, large and wrapped at spaces, and the subtitle on a band of
 * colour; the publisher (or, without one, the authors) at the foot; the
 * language small at the top. Text always fits: it is set smaller until it
 * does. A right-to-left language's cover shows the language alone (its
 * text needs a shaping engine). Returns 0; on failure (a font not found or
 * not readable) reports to d, leaves *out and *thumb empty and returns -1.
 * The same guide and style give the same bytes. Thread-safe: each call has its own
 * FreeType library. */
int mg_cover_draw(const mg_guide *g, const mg_style *s, mg_bytes *out,
		  mg_bytes *thumb, mg_diag *d);

/* The language as the cover names it: "English" for en and en-*, "Español"
 * for es and es-*, else the BCP 47 tag itself. */
const char *mg_cover_language(const char *tag);

#endif
