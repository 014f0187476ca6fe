/* package.h — what one EPUB says about itself, read back from the zip:
 * its package document's metadata (identifier, title, authors, dates,
 * description), whether it is read aloud, its cover image and the
 * thumbnail of a drawn cover. */
#ifndef MG_PACKAGE_H
#define MG_PACKAGE_H

#include <stddef.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/vec.h"

/* Text is as the package has it, white space made single spaces; NULL
 * when it has none. All of it lives in the arena given to mg_package_read. */
typedef struct mg_package {
	const char *identifier;	/* the dc:identifier unique-identifier names
				 * (else the first one) */
	const char *title, *language, *publisher, *description;
	const char **creators;	/* dc:creator, in order */
	size_t ncreators;
	const char *date;	/* dc:date */
	const char *reviewed;	/* <meta property="schema:lastReviewed"> */
	const char *modified;	/* <meta property="dcterms:modified"> */
	int overlays;		/* it has media overlays: a read-aloud EPUB */
	const char *cover_entry;	/* the cover image's name in the zip:
					 * properties="cover-image", else the
					 * EPUB 2 <meta name="cover">; or NULL */
	const char *thumb_entry;	/* the drawn cover's thumbnail (the
					 * item id="cover-thumbnail", a PNG),
					 * or NULL */
} mg_package;

/* Reads the EPUB at path (META-INF/container.xml, then the package
 * document it names) into *p. An EPUB without an identifier, title or
 * language, or whose cover image or thumbnail is missing from the zip, is
 * not read.
 * 0, or -1 after an error reported to d as "path: error: ...". */
int mg_package_read(const char *path, mg_package *p, mg_arena *a,
		    mg_diag *d);

/* The bytes of the image entry (a cover_entry or thumb_entry) of the EPUB at path, into
 * *out (heap, the caller's). 0, or -1 reported to d. */
int mg_package_cover(const char *path, const char *entry, mg_bytes *out,
		     mg_diag *d);

#endif
