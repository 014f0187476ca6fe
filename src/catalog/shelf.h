/* shelf.h — the guides whose products are in an output folder, as the
 * catalogue lists them: each EPUB's package read back (identifier, title,
 * authors, dates, cover) with the PDF, braille and read-aloud files beside it. */
#ifndef MG_SHELF_H
#define MG_SHELF_H

#include <stddef.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/vec.h"

/* A guide's products, as the build names them: <slug>.epub, <slug>.pdf,
 * <slug>.brf, <slug>-audio.epub. */
typedef enum mg_shelf_kind {
	MG_SHELF_EPUB,
	MG_SHELF_PDF,
	MG_SHELF_BRF,
	MG_SHELF_AUDIO,
	MG_SHELF_KINDS
} mg_shelf_kind;

typedef struct mg_shelf_file {
	const char *name;		/* its name in the folder; NULL: absent */
	unsigned long long size;	/* bytes */
} mg_shelf_file;

/* One guide. Its text is the shelf's (arena); NULL when the package has
 * none. */
typedef struct mg_shelf_entry {
	const char *slug;
	const char *identifier;	/* the package's unique identifier */
	const char *title;
	const char *language;	/* dc:language, a BCP 47 tag */
	const char **creators;	/* dc:creator, in order */
	size_t ncreators;
	const char *publisher, *description;
	const char *issued;	/* dc:date when YYYY-MM-DD (or the date of a
				 * longer one), else NULL */
	const char *reviewed;	/* schema:lastReviewed, YYYY-MM-DD, or NULL */
	char updated[24];	/* RFC 3339: the later of issued and reviewed,
				 * else dcterms:modified, else 1970-01-01 */
	mg_shelf_file file[MG_SHELF_KINDS];

	/* The cover image: the EPUB of the guide's (a name in the folder) and
	 * the image's name in its zip; NULL when the package names none. With
	 * it, the name of the drawn cover's thumbnail in the same zip, or NULL
	 * (a guide's own cover). */
	const char *cover_epub, *cover_entry, *thumb_entry;
	/* The files the catalogue writes and links (catalog.c sets them when
	 * it has read the cover): <slug>-cover.png|jpg and <slug>-thumb.png
	 * (for a JPEG, the cover itself), and the thumbnail's size; NULL when
	 * there is no picture to show. */
	const char *cover_file, *thumb_file;
	unsigned long thumb_w, thumb_h;
} mg_shelf_entry;

typedef struct mg_shelf {
	mg_arena *arena;	/* every string of the entries */
	mg_shelf_entry *entries;	/* sorted by slug (heap) */
	size_t len;
} mg_shelf;

/* Reads every guide's EPUB in dir: <slug>.epub, and <slug>-audio.epub
 * when it has media overlays and no <slug>.epub is there (else it is that
 * guide's read-aloud edition); other files are not the catalogue's. An
 * EPUB that cannot be read is reported to d as "dir/name.epub: error: ...",
 * every one of them. 0, or -1 after errors (s is then empty). */
int mg_shelf_read(mg_shelf *s, const char *dir, mg_diag *d);

/* The language of all the guides when they share one (compared without
 * case), else NULL. */
const char *mg_shelf_language(const mg_shelf *s);

/* The publisher of all the guides when they name the same one, else NULL. */
const char *mg_shelf_publisher(const mg_shelf *s);

/* The latest "updated" of the entries, or NULL when there are none. */
const char *mg_shelf_updated(const mg_shelf *s);

void mg_shelf_release(mg_shelf *s);

#endif
