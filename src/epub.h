/* epub.h — the EPUB 3 writer: packages the XHTML documents, the nav, the NCX,
 * the OPF, the stylesheet and the images into a zip with libzip.
 * Same model and style in, same bytes out. */
#ifndef MG_EPUB_H
#define MG_EPUB_H

#include "diag.h"
#include "guide.h"
#include "style.h"

/* Writes the EPUB of g to path (a temporary file the build later renames).
 * Returns 0 on success; on failure reports to d and returns -1 (the caller
 * removes path). Thread-safe for distinct guides. */
int mg_epub_write(const mg_guide *g, const mg_style *s, const char *path,
		  mg_diag *d);

#endif
