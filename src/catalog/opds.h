/* opds.h — catalog.xml: the folder's guides as an OPDS 1.2 acquisition feed
 * (an Atom feed, RFC 4287), which e-reader apps such as KOReader and
 * Thorium browse and download from. */
#ifndef MG_OPDS_H
#define MG_OPDS_H

#include "catalog/shelf.h"
#include "core/vec.h"

/* The media type of a link to an acquisition feed (OPDS 1.2, 7.1.3). */
#define MG_OPDS_ACQUISITION_TYPE \
	"application/atom+xml;profile=opds-catalog;kind=acquisition"

/* The feed of shelf s into *out (heap bytes, the caller's). Its links are
 * relative, or absolute under base (a checked --base-url) when not NULL;
 * its covers are the names catalog.c set on the entries. Nothing in it
 * depends on the clock or on where the folder is. 0, or -1 when libxml2
 * fails (*out empty). */
int mg_opds_feed(const mg_shelf *s, const char *base, mg_bytes *out);

/* The feed's atom:id: a urn:uuid, UUID v5 of base (the --base-url) or,
 * without one, of a fixed name. Into buf (at least 46 bytes). */
void mg_opds_feed_id(const char *base, char *buf, size_t size);

/* An entry's atom:id: the EPUB's identifier when it is an absolute IRI
 * (urn:isbn:..., urn:uuid:..., https://...), else a urn:uuid, UUID v5 of
 * it. malloc'd: the caller frees it. */
char *mg_opds_entry_id(const char *identifier);

#endif
