/* xhtml_doc.h — private to src/epub/xhtml*.c: the skeleton every XHTML
 * document starts from and the tree helpers that keep out the characters
 * XML cannot carry. Defined in xhtml.c; the public API is xhtml.h. */
#ifndef MG_XHTML_DOC_H
#define MG_XHTML_DOC_H

#include <stddef.h>

#include <libxml/tree.h>

#include "epub/xhtml.h"

/* One document being built: its root, head and body, and the epub: namespace
 * that mg_xhtml_epub_type attributes are written in. */
typedef struct mg_xhtml_doc {
	const mg_xhtml_book *b;
	xmlDocPtr doc;
	xmlNsPtr epub;
	xmlNodePtr html, head, body;
} mg_xhtml_doc;

/* An XHTML5 document with lang and xml:lang, a title and the stylesheet.
 * A NULL or empty title is the guide's; body_type (may be NULL) is the
 * body's epub:type. The caller owns d->doc. */
void mg_xhtml_doc_open(mg_xhtml_doc *d, const mg_xhtml_book *b,
		       const char *title, const char *body_type);

/* Sets n's epub:type. */
void mg_xhtml_epub_type(const mg_xhtml_doc *d, xmlNodePtr n, const char *type);

/* mg_xhtml_text for s[0..len), which need not be NUL-terminated. */
void mg_xhtml_text_len(xmlNodePtr n, const char *s, size_t len);

#endif
