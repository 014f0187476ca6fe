/* pdf_error.h — libharu's error codes as sentences an author can act on,
 * reported where the guide causes them (an image's first use, a font file,
 * the guide): the PDF writer's errors say what went wrong and where. */
#ifndef MG_PDF_ERROR_H
#define MG_PDF_ERROR_H

#include <hpdf.h>

#include "core/diag.h"
#include "model/guide.h"

/* What libharu's error code means, as a sentence without a final stop
 * ("the PDF writer ran out of memory"). Never NULL: a code not known here
 * (or 0) gets a sentence too. Callers add the code in hex for bug reports. */
const char *mg_hpdf_error_text(HPDF_STATUS code);

/* 1 if code is about a font (its file, its tables, its use on a page). */
int mg_hpdf_error_is_font(HPDF_STATUS code);

/* Reports the libharu error code (with its detail) that stopped the PDF of
 * g, as "cannot make the PDF: <sentence> (libharu error 0x...)": a font's
 * error at the font file libharu could not read (font, if known), else at
 * the style's style.yaml (in style_dir), which names the fonts; any other
 * error at the guide's folder. */
void mg_pdf_failure(mg_diag *d, const mg_guide *g, const char *style_dir,
		    const char *font, HPDF_STATUS code, HPDF_STATUS detail);

/* Reports an error about image index of g, "image '<path>' <what>", where
 * the guide uses it: the Markdown file, line and column of its first use;
 * for the cover (named in guide.yaml, whose line the model does not keep)
 * guide.yaml, as "cover image '<path>' <what>"; else the image file. */
void mg_pdf_image_error(mg_diag *d, const mg_guide *g, int index,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
