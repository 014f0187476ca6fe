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
 * free with mg_bytes_release; the build puts them in place). Its cover image
 * is g's own, or, when g names none, one drawn in s's fonts (cover.h).
 * Returns 0 on success; on failure reports to d, leaves *out empty and
 * returns -1. Thread-safe for distinct guides. */
int mg_epub_write(const mg_guide *g, const mg_style *s, mg_bytes *out,
		  mg_diag *d);

/* A read-aloud EPUB's additions to each part (EPUB 3 Media Overlays): its
 * XHTML with the ids the overlay points at, the overlay, the speech. */
typedef struct mg_epub_media_part {
	const void *xhtml;
	size_t xhtml_len;
	const char *smil_file;	/* "ch01.smil", beside the documents */
	const void *smil;
	size_t smil_len;
	const char *mp3_file;	/* "audio/ch01.mp3" */
	const void *mp3;
	size_t mp3_len;
	long ms;		/* the overlay's duration: the sum of its clips */
} mg_epub_media_part;

typedef struct mg_epub_media {
	const mg_epub_media_part *parts;	/* one per part of the guide */
	const char *narrator;	/* the synthetic voice, for media:narrator */
} mg_epub_media;

/* The class a reading system gives the sentence being read
 * (media:active-class), and the style the package adds for it. */
#define MG_EPUB_ACTIVE_CLASS "mg-reading"

/* mg_epub_write for the read-aloud EPUB: the same package, with each part's
 * document, overlay and audio from m, the overlays' metadata, the
 * highlight's style and the auditory accessibility metadata. Borrows m. */
/* Initialises libxml2, once per process, before a thread uses the XHTML
 * writer outside mg_epub_write (which calls it itself). */
void mg_epub_init(void);

/* ms as a SMIL clock value, "0:01:02.345" (media:duration, clipBegin). */
void mg_epub_clock(long ms, char *buf, size_t size);

int mg_epub_write_media(const mg_guide *g, const mg_style *s,
			const mg_epub_media *m, mg_bytes *out, mg_diag *d);

#endif
