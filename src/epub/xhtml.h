/* xhtml.h — the Guide model as XHTML5 documents (libxml2 trees) for the EPUB:
 * the title page, one document per part, and the navigation document.
 * Reads the model only (never its arena), so it may run beside the PDF writer. */
#ifndef MG_XHTML_H
#define MG_XHTML_H

#include <stddef.h>

#include <libxml/tree.h>

#include "model/guide.h"

#define MG_XHTML_NS "http://www.w3.org/1999/xhtml"
#define MG_EPUB_NS "http://www.idpf.org/2007/ops"

/* The names of a guide's files inside the EPUB, all relative to the folder
 * that holds the OPF (and every document: links never need "../"). Built once
 * by mg_xhtml_book_init; owns its strings (heap), released by
 * mg_xhtml_book_release. */
typedef struct mg_xhtml_book {
	const mg_guide *g;
	char **part_file;	/* "ch01.xhtml": unique, safe in a URL */
	char **part_id;		/* manifest id: "doc-ch01" */
	char **image_file;	/* "images/img1.png" */
	char **image_id;	/* "img1" */
	int cover_image;	/* guide->cover if it names an image, else -1 */
} mg_xhtml_book;

#define MG_XHTML_TITLE_FILE "titlepage.xhtml"
#define MG_XHTML_NAV_FILE "nav.xhtml"
#define MG_XHTML_CSS_FILE "style.css"

void mg_xhtml_book_init(mg_xhtml_book *b, const mg_guide *g);
void mg_xhtml_book_release(mg_xhtml_book *b);

/* Each returns a new document the caller frees with xmlFreeDoc. */
xmlDocPtr mg_xhtml_title_page(const mg_xhtml_book *b);
xmlDocPtr mg_xhtml_part(const mg_xhtml_book *b, size_t part);
xmlDocPtr mg_xhtml_nav(const mg_xhtml_book *b);

/* An anchor id as written into the documents: the model's id if it is a valid
 * XML id (an NCName), else a valid id derived from it. Writes into buf
 * (size >= 2) and returns it, or returns id itself when it is valid. */
const char *mg_xhtml_id(const char *id, char *buf, size_t size);

/* 1 if language (BCP 47) is written right to left: Arabic, Hebrew, Persian,
 * Urdu, ... or a tag with an Arabic, Hebrew, Thaana or Syriac script subtag. */
int mg_xhtml_rtl(const char *language);

/* Appends s as text to n, leaving out the characters XML 1.0 cannot carry
 * (C0 controls, U+FFFE, U+FFFF); libxml2 escapes the rest when it writes. */
void mg_xhtml_text(xmlNodePtr n, const char *s);

/* A new element name as parent's last child. */
xmlNodePtr mg_xhtml_el(xmlNodePtr parent, const char *name);

/* The same, holding s as text (nothing when s is NULL). */
xmlNodePtr mg_xhtml_el_text(xmlNodePtr parent, const char *name, const char *s);

/* The same in namespace ns (NULL: parent's). */
xmlNodePtr mg_xhtml_el_ns(xmlNodePtr parent, xmlNsPtr ns, const char *name,
			  const char *s);

/* Sets attribute name to value, without the characters XML cannot carry. */
void mg_xhtml_attr(xmlNodePtr n, const char *name, const char *value);

/* The plain text of a heading's inlines (TEXT, CODE, image alt; breaks as
 * spaces; footnote references left out), as a heap string the caller frees. */
char *mg_xhtml_plain(const mg_node *n);

/* The section of part i after `after` (NULL: its first) that the tables of
 * contents list: a level-2 heading with an id and a non-empty label. Returns
 * it with its label in *label (the caller frees it) and "file#id" in href, or
 * NULL when there are no more. */
const mg_node *mg_xhtml_section(const mg_xhtml_book *b, size_t i,
				const mg_node *after, char **label, char *href,
				size_t size);

/* Serialises doc as UTF-8 XML into a heap buffer (*out, *len) the caller frees
 * with xmlFree; indent only for documents without mixed content (OPF, NCX).
 * An XHTML element that must not be self-closed (<p/>) is written as <p></p>.
 * Returns 0, or -1 when libxml2 fails. */
int mg_xhtml_serialize(xmlDocPtr doc, int indent, xmlChar **out, size_t *len);

#endif
