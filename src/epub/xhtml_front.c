/* xhtml_front.c — the EPUB's front-matter documents: the title page (cover
 * image, title, authors, publisher, dates of review, contact) and nav.xhtml
 * (the table of contents, two levels deep, and the landmarks). */
#include "epub/xhtml.h"
#include "epub/xhtml_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- title page ---- */

/* "label: date" with the date in a <time> when it is YYYY-MM-DD. */
static void dated_line(xmlNodePtr parent, const char *cls, const char *label,
		       const char *date)
{
	xmlNodePtr p = mg_xhtml_el(parent, "p");
	mg_xhtml_attr(p, "class", cls);
	mg_xhtml_text(p, label);
	mg_xhtml_text(p, ": ");
	if (mg_date_is_iso(date)) {
		xmlNodePtr t = mg_xhtml_el_text(p, "time", date);
		mg_xhtml_attr(t, "datetime", date);
	} else {
		mg_xhtml_text(p, date);
	}
}

/* "Questions about this guide?" and the contact, its lines kept apart by
 * <br/> as guide.yaml wrote them. */
static void contact_block(xmlNodePtr parent, const char *lang, const char *contact)
{
	xmlNodePtr box = mg_xhtml_el(parent, "div");
	mg_xhtml_attr(box, "class", "contact");
	mg_xhtml_el_text(box, "p", mg_term_text(lang, MG_TERM_QUESTIONS));
	xmlNodePtr p = mg_xhtml_el(box, "p");
	for (const char *s = contact; *s;) {
		size_t len = strcspn(s, "\n");
		mg_xhtml_text_len(p, s, len);
		s += len;
		if (*s) {
			mg_xhtml_el(p, "br");
			s++;
		}
	}
}

xmlDocPtr mg_xhtml_title_page(const mg_xhtml_book *b)
{
	const mg_guide *g = b->g;
	const char *lang = g->language;
	mg_xhtml_doc d;

	mg_xhtml_doc_open(&d, b, g->title, "frontmatter");
	xmlNodePtr sec = mg_xhtml_el(d.body, "section");
	mg_xhtml_epub_type(&d, sec, "titlepage");
	mg_xhtml_attr(sec, "class", "titlepage");
	mg_xhtml_attr(sec, "id", "titlepage");
	if (b->cover_image >= 0) {
		xmlNodePtr fig = mg_xhtml_el(sec, "div");
		mg_xhtml_attr(fig, "class", "cover");
		xmlNodePtr img = mg_xhtml_el(fig, "img");
		mg_xhtml_epub_type(&d, img, "cover");
		mg_xhtml_attr(img, "role", "doc-cover");
		mg_xhtml_attr(img, "id", "cover");
		mg_xhtml_attr(img, "src", b->image_file[b->cover_image]);
		mg_xhtml_attr(img, "alt", g->title ? g->title : "");
	}
	mg_xhtml_attr(mg_xhtml_el_text(sec, "h1", g->title), "class", "title");
	if (g->subtitle && *g->subtitle) {
		xmlNodePtr st = mg_xhtml_el_text(sec, "p", g->subtitle);
		mg_xhtml_attr(st, "class", "subtitle");
		mg_xhtml_attr(st, "role", "doc-subtitle");
	}
	if (g->nauthors) {
		xmlNodePtr p = mg_xhtml_el(sec, "p");
		mg_xhtml_attr(p, "class", "authors");
		mg_xhtml_text(p, mg_term_text(lang, MG_TERM_BY));
		mg_xhtml_text(p, " ");
		for (size_t i = 0; i < g->nauthors; i++) {
			if (i)
				mg_xhtml_text(p, ", ");
			mg_xhtml_text(p, g->authors[i]);
		}
	}
	if (g->publisher && *g->publisher)
		mg_xhtml_attr(mg_xhtml_el_text(sec, "p", g->publisher), "class",
			      "publisher");
	if (g->date && *g->date)
		dated_line(sec, "date", mg_term_text(lang, MG_TERM_PUBLISHED), g->date);
	if (g->reviewer || g->reviewed || g->next_review) {
		xmlNodePtr box = mg_xhtml_el(sec, "div");
		mg_xhtml_attr(box, "class", "review");
		if (g->reviewer) {
			xmlNodePtr p = mg_xhtml_el(box, "p");
			mg_xhtml_text(p, mg_term_text(lang, MG_TERM_REVIEWED_BY));
			mg_xhtml_text(p, " ");
			mg_xhtml_text(p, g->reviewer);
		}
		if (g->reviewed)
			dated_line(box, "reviewed",
				   mg_term_text(lang, MG_TERM_REVIEWED_ON), g->reviewed);
		if (g->next_review)
			dated_line(box, "next-review",
				   mg_term_text(lang, MG_TERM_NEXT_REVIEW), g->next_review);
	}
	if (g->contact && *g->contact)
		contact_block(sec, lang, g->contact);
	return d.doc;
}

/* ---- navigation document ---- */

static xmlNodePtr nav_entry(xmlNodePtr ol, const char *href, const char *label)
{
	xmlNodePtr li = mg_xhtml_el(ol, "li");
	xmlNodePtr a = mg_xhtml_el_text(li, "a", label && *label ? label : href);
	mg_xhtml_attr(a, "href", href);
	return li;
}

static void toc_part(const mg_xhtml_book *b, size_t i, xmlNodePtr ol)
{
	char href[1200], *label;
	xmlNodePtr sub = NULL;

	xmlNodePtr li = nav_entry(ol, b->part_file[i], b->g->parts[i].title);
	for (const mg_node *n = NULL;
	     (n = mg_xhtml_section(b, i, n, &label, href, sizeof(href)));
	     free(label)) {
		if (!sub)
			sub = mg_xhtml_el(li, "ol");
		nav_entry(sub, href, label);
	}
}

static void landmark(mg_xhtml_doc *d, xmlNodePtr ol, const char *type,
		     const char *href, const char *label)
{
	xmlNodePtr li = nav_entry(ol, href, label);
	mg_xhtml_epub_type(d, xmlFirstElementChild(li), type);
}

xmlDocPtr mg_xhtml_nav(const mg_xhtml_book *b)
{
	const mg_guide *g = b->g;
	const char *lang = g->language;
	mg_xhtml_doc d;
	size_t first_back = g->nparts;

	mg_xhtml_doc_open(&d, b, mg_term_text(lang, MG_TERM_CONTENTS),
			  "frontmatter");
	xmlNodePtr nav = mg_xhtml_el(d.body, "nav");
	mg_xhtml_epub_type(&d, nav, "toc");
	mg_xhtml_attr(nav, "role", "doc-toc");
	mg_xhtml_attr(nav, "id", "toc");
	mg_xhtml_attr(nav, "aria-labelledby", "toc-title");
	xmlNodePtr h = mg_xhtml_el_text(nav, "h1",
					mg_term_text(lang, MG_TERM_CONTENTS));
	mg_xhtml_attr(h, "id", "toc-title");
	xmlNodePtr ol = mg_xhtml_el(nav, "ol");
	nav_entry(ol, MG_XHTML_TITLE_FILE, mg_term_text(lang, MG_TERM_TITLE_PAGE));
	for (size_t i = 0; i < g->nparts; i++) {
		toc_part(b, i, ol);
		if (g->parts[i].kind != MG_PART_CHAPTER && first_back == g->nparts)
			first_back = i;
	}

	nav = mg_xhtml_el(d.body, "nav");
	mg_xhtml_epub_type(&d, nav, "landmarks");
	mg_xhtml_attr(nav, "id", "landmarks");
	mg_xhtml_attr(nav, "aria-labelledby", "landmarks-title");
	mg_xhtml_attr(nav, "hidden", "hidden");
	h = mg_xhtml_el_text(nav, "h2", mg_term_text(lang, MG_TERM_LANDMARKS));
	mg_xhtml_attr(h, "id", "landmarks-title");
	ol = mg_xhtml_el(nav, "ol");
	/* without a cover image the title page is the (typographic) cover */
	landmark(&d, ol, "cover",
		 b->cover_image >= 0 ? MG_XHTML_TITLE_FILE "#cover" : MG_XHTML_TITLE_FILE,
		 mg_term_text(lang, MG_TERM_COVER));
	landmark(&d, ol, "titlepage", MG_XHTML_TITLE_FILE,
		 mg_term_text(lang, MG_TERM_TITLE_PAGE));
	landmark(&d, ol, "toc", MG_XHTML_NAV_FILE "#toc",
		 mg_term_text(lang, MG_TERM_CONTENTS));
	if (g->nparts && g->parts[0].kind == MG_PART_CHAPTER)
		landmark(&d, ol, "bodymatter", b->part_file[0],
			 mg_term_text(lang, MG_TERM_START));
	if (first_back < g->nparts)
		landmark(&d, ol, "backmatter", b->part_file[first_back],
			 g->parts[first_back].title);
	return d.doc;
}
