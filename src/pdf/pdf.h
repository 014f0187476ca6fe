/* pdf.h — the PDF writer: loads the style's fonts, asks layout.c to set the
 * guide into pages, and paints, links, outlines and tags them with libharu.
 * Same model and style in, same bytes out. */
#ifndef MG_PDF_H
#define MG_PDF_H

#include "core/diag.h"
#include "core/vec.h"
#include "pdf/fonts.h"
#include "model/guide.h"
#include "typeset/hyphenate.h"
#include "typeset/layout.h"
#include "read/style.h"

/* Makes the PDF of g in memory: *out receives its bytes (the caller's, to
 * free with mg_bytes_release; the build puts them in place), with fonts from
 * lib and hyphenation dictionaries from hy (both shared by the build's jobs;
 * NULL: read for this PDF alone), and what lo asks of the layout (NULL:
 * nothing; borrowed for the call, e.g. the e-book's link for a QR code).
 * Returns 0 on success; on failure reports to d, leaves *out empty and
 * returns -1. Thread-safe for distinct guides. */
int mg_pdf_write(const mg_guide *g, const mg_style *s, mg_fontlib *lib,
		 mg_hyphenlib *hy, const mg_layout_opts *lo, mg_bytes *out,
		 mg_diag *d);

/* Releases fontconfig's process-wide caches. Call once at exit, after every
 * PDF job has ended (LeakSanitizer otherwise reports them). */
void mg_pdf_shutdown(void);

/* The same with a layout made by the caller (tests); l == NULL lays g out. */
int mg_pdf_write_layout(const mg_guide *g, const mg_style *s,
			mg_fontlib *lib, const mg_layout *l,
			mg_bytes *out, mg_diag *d);

#endif
