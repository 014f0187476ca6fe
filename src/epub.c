/* epub.c — the EPUB 3 writer (stub until the writer lands).
 * Packages XHTML, nav, NCX, OPF, CSS and images with libzip.
 * Deterministic: fixed timestamps and entry order. */
#include "epub.h"

int mg_epub_write(const mg_guide *g, const mg_style *s, const char *path,
		  mg_diag *d)
{
	mg_error(d, g->dir, 0, 0, "the EPUB writer is not written yet");
	return -1;
}
