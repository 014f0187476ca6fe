/* type.h — the cover's type, set with FreeType: the style's faces found with
 * fontconfig (pdf/fontfind.h), DejaVu Sans for the glyphs they lack, widths
 * measured in ems, and runs of text drawn onto a canvas. */
#ifndef MG_COVER_TYPE_H
#define MG_COVER_TYPE_H

#include <stddef.h>

#include "core/diag.h"
#include "cover/canvas.h"
#include "read/style.h"

/* The faces a cover is set in. */
typedef enum mg_type_face {
	MG_TYPE_HEADING,	/* the heading family, bold: title, labels */
	MG_TYPE_BODY,		/* the body family, regular: subtitle */
	MG_TYPE_FACES
} mg_type_face;

/* One cover's type: its own FreeType library and faces, so that covers
 * drawn on several threads share nothing. Made by mg_type_open, owned by
 * its caller, ended by mg_type_close. */
typedef struct mg_type mg_type;

/* Finds and opens style s's faces (s NULL: the PDF's defaults). Reports a
 * face that cannot be found or read to d at the style's style.yaml and
 * returns NULL. */
mg_type *mg_type_open(const mg_style *s, mg_diag *d);
void mg_type_close(mg_type *t);

/* The width of s[0..len) in face, in ems: the sum of its glyphs' advances.
 * A character the face lacks takes the fallback font's glyph, or none. */
double mg_type_width(mg_type *t, mg_type_face face, const char *s, size_t len);

/* The face's ascent and descent (both positive), in ems. */
double mg_type_ascent(const mg_type *t, mg_type_face face);
double mg_type_descent(const mg_type *t, mg_type_face face);

/* Where and how a run of text is drawn: onto c with ink; its baseline
 * starts at (x, y) (pixels, y downwards); `size` is the em in pixels. */
typedef struct mg_type_pen {
	mg_canvas *c;
	mg_ink ink;
	double size;
	double x, y;
} mg_type_pen;

/* Draws s[0..len) in face with pen, advancing pen->x by its width (the
 * width mg_type_width measures, times the size). */
void mg_type_draw(mg_type *t, mg_type_face face, const char *s, size_t len,
		  mg_type_pen *pen);

#endif
