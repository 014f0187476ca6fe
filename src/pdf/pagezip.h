/* pagezip.h — the PDF's page contents deflated while later pages are painted:
 * each page as soon as it is added, by a helper on another core when one is
 * free (thread.h), else by the caller. Same bytes either way. */
#ifndef MG_PAGEZIP_H
#define MG_PAGEZIP_H

#include <stddef.h>

#include "core/thread.h"

typedef struct mg_pagezip mg_pagezip;

/* For npages pages; help may be NULL (everything is done by the caller).
 * One thread (the painter) calls everything below. */
mg_pagezip *mg_pagezip_new(size_t npages, const mg_helper *help);

/* Adds the next page's content (raw: heap, taken; NULL when len is 0), to be
 * deflated at level 1: on the helper while the caller goes on, or here at
 * once when the helper is not free. 0, or -1 when compression failed. */
int mg_pagezip_add(mg_pagezip *z, unsigned char *raw, size_t len);

/* Waits until every page added is deflated, deflating what the helper has
 * not taken yet. 0, or -1 when compression failed. */
int mg_pagezip_finish(mg_pagezip *z);

/* Page i's deflated bytes, in the zlib format that /FlateDecode reads;
 * call after finish. They stay valid until mg_pagezip_free. */
const unsigned char *mg_pagezip_page(const mg_pagezip *z, size_t i,
				     size_t *len);

/* Waits for the helper, if it is still at work, and frees everything. */
void mg_pagezip_free(mg_pagezip *z);

#endif
