/* pdf.c — the PDF writer (stub until the writer lands).
 * Fonts through fontconfig, pages from layout.c, painted with libharu.
 * Deterministic: dates from the guide, never the clock. */
#include "pdf.h"

int mg_pdf_write(const mg_guide *g, const mg_style *s, const char *path,
		 mg_diag *d)
{
	mg_error(d, g->dir, 0, 0, "the PDF writer is not written yet");
	return -1;
}
