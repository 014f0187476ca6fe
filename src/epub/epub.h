/* epub.h — the EPUB 3 writer: packages the XHTML documents, the nav, the NCX,
 * the OPF, the stylesheet and the images into a zip, made with libzip
 * (epubzip.h). Same model and style in, same bytes out. */
#ifndef MG_EPUB_H
#define MG_EPUB_H

#include "core/diag.h"
#include "core/vec.h"
#include "epub/epubzip.h"
#include "model/guide.h"
#include "read/style.h"

/* Makes the EPUB of g in memory: *out receives its bytes (the caller's, to
 * free with mg_bytes_release; the build puts them in place). Returns 0 on
 * success; on failure reports to d, leaves *out empty and returns -1.
 * Thread-safe for distinct guides. */
int mg_epub_write(const mg_guide *g, const mg_style *s, mg_bytes *out,
		  mg_diag *d);

#endif
