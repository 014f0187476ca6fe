/* words.h — the catalogue's fixed words in the guides' own languages:
 * English and Spanish, English for any other. The feed's link titles and
 * the download page take them from here, with sizes and dates. */
#ifndef MG_CATALOG_WORDS_H
#define MG_CATALOG_WORDS_H

#include <stddef.h>

typedef enum mg_catalog_word {
	MG_CW_GUIDES,		/* "Health guides": the title without a publisher */
	MG_CW_GUIDES_OF,	/* "health guides": after "Publisher: " */
	MG_CW_INTRO,		/* the page's first sentence */
	MG_CW_EMPTY,		/* what a page without guides says */
	MG_CW_EPUB,		/* "EPUB e-book" */
	MG_CW_PDF,		/* "PDF to print" */
	MG_CW_BRF,		/* "Braille (BRF)" */
	MG_CW_AUDIO,		/* "EPUB read aloud (synthetic voice)" */
	MG_CW_FEED,		/* "E-reader apps ... can add these guides from" */
	MG_CW_FEED_LINK,	/* "the OPDS catalogue" */
	MG_CW_LANGUAGE,		/* the language's own name: "English", "Español" */
	MG_CW_COUNT
} mg_catalog_word;

/* The word w in language (a BCP 47 tag: "es", "es-MX" are Spanish), or in
 * English. Static text. */
const char *mg_catalog_word_text(const char *language, mg_catalog_word w);

/* 1 when language is one the catalogue has words for (en, es). */
int mg_catalog_has_words(const char *language);

/* A file's size as people read it, in language: "980 bytes", "412 KB",
 * "1.2 MB" ("1,2 MB" in Spanish), in units of 1024 bytes as the build's
 * progress lines count them. Into buf. */
void mg_catalog_size(const char *language, unsigned long long bytes,
		     char *buf, size_t size);

/* A YYYY-MM-DD date written out: "20 November 2026", "20 de noviembre de
 * 2026". Into buf; the date itself when it is not of that form. */
void mg_catalog_date(const char *language, const char *date, char *buf,
		     size_t size);

#endif
