/* page.h — index.html: the folder's guides as a download page a clinic
 * can put on its website: grouped by language, each with its cover, title,
 * summary, review date and links to its files with their sizes. */
#ifndef MG_PAGE_H
#define MG_PAGE_H

#include "catalog/shelf.h"
#include "core/vec.h"

/* The page of shelf s into *out (heap bytes, the caller's): HTML5, no
 * script, its style sheet inside. Links relative, or absolute under base
 * when not NULL. 0, or -1 when libxml2 fails (*out empty). */
int mg_page_html(const mg_shelf *s, const char *base, mg_bytes *out);

/* The page's language: that of all the guides when they share one the
 * catalogue has words for (words.h), else "en". The feed's too. */
const char *mg_page_language(const mg_shelf *s);

/* The title of the page and the feed: "Publisher: health guides" when all
 * the guides name one publisher, else "Health guides", in language.
 * malloc'd: the caller frees it. */
char *mg_page_title(const mg_shelf *s, const char *language);

/* The id of entry e's article on the page (its slug, %-escaped as a URL
 * is), which the feed links to as index.html#id. malloc'd. */
char *mg_page_anchor(const mg_shelf_entry *e);

#endif
