/* page.c — index.html, the download page, built as a libxml2 HTML tree (so
 * every title and summary is escaped) and written by its HTML serializer:
 * guides grouped by language, each an article; a small style sheet inside. */
#include "catalog/page.h"
#include "catalog/opds.h"
#include "catalog/url.h"
#include "catalog/words.h"
#include "core/arena.h"
#include "epub/xhtml.h"
#include "model/guide.h"

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Readable type (1.125 rem: 18 px at a browser's default size, and it
 * follows the reader's own), text and links of WCAG AA contrast or better
 * (17:1, 8:1), links underlined, focus drawn thick. The cover and the text
 * sit side by side where there is room for both and one above the other
 * where not (a phone): flex wrapping, no media query. */
static const char css[] =
	"html{font-size:100%}"
	"body{margin:0;font-family:system-ui,\"Segoe UI\",Roboto,\"Noto Sans\","
	"\"DejaVu Sans\",Arial,sans-serif;font-size:1.125rem;line-height:1.5;"
	"color:#1b1b1b;background:#fff}"
	"header,main,footer{max-width:62rem;margin:0 auto;padding:0 1rem}"
	"h1{font-size:2rem;line-height:1.25;margin:1.5rem 0 .5rem}"
	"h2{font-size:1.5rem;line-height:1.3;margin:2rem 0 0;"
	"padding-bottom:.25rem;border-bottom:2px solid #1b1b1b}"
	"h3{font-size:1.25rem;line-height:1.3;margin:0 0 .5rem}"
	"p{margin:0 0 .75rem;max-width:40em}"
	"article{display:flex;flex-wrap:wrap;gap:1rem 1.5rem;padding:1.5rem 0;"
	"border-bottom:1px solid #6b6b6b}"
	"article img{flex:0 0 auto;width:10rem;height:auto;align-self:flex-start;"
	"border:1px solid #6b6b6b}"
	"article>div{flex:1 1 18rem;min-width:0}"
	".by,.date{color:#3d3d3d}"
	".get{list-style:none;margin:0;padding:0}"
	".get li{margin:.25rem 0}"
	".get a{display:inline-block;padding:.25rem 0}"
	"a{color:#0b4f9c;text-decoration:underline;text-underline-offset:.15em}"
	"a:visited{color:#5a2d82}"
	"a:hover{text-decoration-thickness:.15em}"
	"a:focus{outline:3px solid #1b1b1b;outline-offset:2px;"
	"background:#fff1a8;color:#1b1b1b}"
	"footer{padding-top:1.5rem;padding-bottom:2rem}"
	".vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;"
	"border:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

struct page {
	const mg_shelf *s;
	const char *base;	/* NULL: relative links */
	const char *lang;	/* the page's language */
};

/* A line break after a block (libxml2 breaks lines only around the HTML
 * 4 elements it knows); between blocks it is not shown. */
static void end_block(xmlNodePtr n)
{
	xmlAddNextSibling(n, xmlNewDocText(n->doc, BAD_CAST "\n"));
}

static void attr(xmlNodePtr n, const char *name, const char *value)
{
	if (value)
		xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

/* An attribute holding a link to file under the page's base. */
static void href_attr(const struct page *p, xmlNodePtr n, const char *name,
		      const char *file)
{
	char *href = mg_url_join(p->base, file);

	attr(n, name, href);
	free(href);
}

const char *mg_page_language(const mg_shelf *s)
{
	const char *common = mg_shelf_language(s);

	return common && mg_catalog_has_words(common) ? common : "en";
}

char *mg_page_title(const mg_shelf *s, const char *language)
{
	const char *publisher = mg_shelf_publisher(s);
	const char *guides;
	char *title;

	if (!publisher)
		return mg_xstrdup(mg_catalog_word_text(language, MG_CW_GUIDES));
	guides = mg_catalog_word_text(language, MG_CW_GUIDES_OF);
	title = mg_xmalloc(strlen(publisher) + strlen(guides) + 3);
	sprintf(title, "%s: %s", publisher, guides);
	return title;
}

char *mg_page_anchor(const mg_shelf_entry *e)
{
	return mg_url_join(NULL, e->slug);
}

/* ---- a guide ---- */

/* "Last reviewed: 20 November 2026", else "Published: ...", else nothing. */
static void date_line(xmlNodePtr box, const mg_shelf_entry *e)
{
	const char *date = e->reviewed ? e->reviewed : e->issued;
	mg_term label = e->reviewed ? MG_TERM_REVIEWED_ON : MG_TERM_PUBLISHED;
	char written[64];
	xmlNodePtr line, t;

	if (!date)
		return;
	line = mg_xhtml_el_text(box, "p", mg_term_text(e->language, label));
	attr(line, "class", "date");
	mg_xhtml_text(line, ": ");
	mg_catalog_date(e->language, date, written, sizeof written);
	t = mg_xhtml_el_text(line, "time", written);
	attr(t, "datetime", date);
}

/* "By Ana Pérez, José Núñez" */
static void by_line(xmlNodePtr box, const mg_shelf_entry *e)
{
	xmlNodePtr line;

	if (!e->ncreators)
		return;
	line = mg_xhtml_el_text(box, "p", mg_term_text(e->language, MG_TERM_BY));
	attr(line, "class", "by");
	for (size_t i = 0; i < e->ncreators; i++) {
		mg_xhtml_text(line, i ? ", " : " ");
		mg_xhtml_text(line, e->creators[i]);
	}
}

/* A link to each of the guide's files: "EPUB e-book, 412 KB", and, for a
 * screen reader's list of links, the guide's title (not shown). */
static void downloads(const struct page *p, xmlNodePtr box,
		      const mg_shelf_entry *e, const char *text_lang)
{
	static const struct {
		mg_shelf_kind kind;
		const char *type;
		mg_catalog_word word;
	} kinds[] = {
		{ MG_SHELF_EPUB, "application/epub+zip", MG_CW_EPUB },
		{ MG_SHELF_PDF, "application/pdf", MG_CW_PDF },
		{ MG_SHELF_BRF, "application/x-brf", MG_CW_BRF },
		{ MG_SHELF_AUDIO, "application/epub+zip", MG_CW_AUDIO },
	};
	xmlNodePtr list = mg_xhtml_el_text(box, "ul", NULL);
	char size[32];

	attr(list, "class", "get");
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		const mg_shelf_file *f = &e->file[kinds[i].kind];
		xmlNodePtr a, hidden;
		if (!f->name)
			continue;
		a = mg_xhtml_el_text(mg_xhtml_el_text(list, "li", NULL), "a",
		       mg_catalog_word_text(e->language, kinds[i].word));
		href_attr(p, a, "href", f->name);
		attr(a, "type", kinds[i].type);
		mg_catalog_size(e->language, f->size, size, sizeof size);
		mg_xhtml_text(a, ", ");
		mg_xhtml_text(a, size);
		hidden = mg_xhtml_el_text(a, "span", ": ");
		attr(hidden, "class", "vh");
		mg_xhtml_text(hidden, e->title);
		attr(hidden, "lang", text_lang);
	}
}

/* The cover beside the title says nothing the title does not: it is
 * there to be recognised, so its text alternative is empty (WCAG H67). */
static void thumbnail(const struct page *p, xmlNodePtr art,
		      const mg_shelf_entry *e)
{
	xmlNodePtr img;
	char n[32];

	if (!e->thumb_file)
		return;
	img = mg_xhtml_el_text(art, "img", NULL);
	href_attr(p, img, "src", e->thumb_file);
	attr(img, "alt", "");
	snprintf(n, sizeof n, "%lu", e->thumb_w);
	attr(img, "width", n);
	snprintf(n, sizeof n, "%lu", e->thumb_h);
	attr(img, "height", n);
	attr(img, "loading", "lazy");
}

/* One guide. text_lang is set on the guide's own text when its section
 * is not in its language (a language the page has no words for). */
static void article(const struct page *p, xmlNodePtr section,
		    const mg_shelf_entry *e, const char *text_lang)
{
	xmlNodePtr art = mg_xhtml_el_text(section, "article", NULL), box, n;
	char *anchor = mg_page_anchor(e);

	attr(art, "id", anchor);
	free(anchor);
	thumbnail(p, art, e);
	box = mg_xhtml_el_text(art, "div", NULL);
	attr(mg_xhtml_el_text(box, "h3", e->title), "lang", text_lang);
	by_line(box, e);
	if (e->description) {
		n = mg_xhtml_el_text(box, "p", e->description);
		attr(n, "lang", text_lang);
	}
	date_line(box, e);
	downloads(p, box, e, text_lang);
	end_block(box);
	end_block(art);
}

/* ---- the page ---- */

static int by_language(const void *a, const void *b)
{
	const mg_shelf_entry *x = *(const mg_shelf_entry *const *)a;
	const mg_shelf_entry *y = *(const mg_shelf_entry *const *)b;
	int c = strcasecmp(x->language, y->language);

	return c ? c : strcmp(x->slug, y->slug);
}

/* The heading of a language's guides, in that language: "English",
 * "Español", "Español (es-MX)"; a language without words: its tag. */
static void language_heading(xmlNodePtr section, const char *tag)
{
	char name[128];

	if (!mg_catalog_has_words(tag)) {
		mg_xhtml_el_text(section, "h2", tag);
		return;
	}
	if (strchr(tag, '-'))
		snprintf(name, sizeof name, "%s (%s)",
			 mg_catalog_word_text(tag, MG_CW_LANGUAGE), tag);
	else
		snprintf(name, sizeof name, "%s",
			 mg_catalog_word_text(tag, MG_CW_LANGUAGE));
	mg_xhtml_el_text(section, "h2", name);
}

/* A section per language, in the order of their tags. */
static void guides(const struct page *p, xmlNodePtr main)
{
	const mg_shelf *s = p->s;
	const mg_shelf_entry **order;
	xmlNodePtr section = NULL;
	const char *tag = NULL;

	if (!s->len) {
		mg_xhtml_el_text(main, "p", mg_catalog_word_text(p->lang, MG_CW_EMPTY));
		return;
	}
	order = mg_xcalloc(s->len, sizeof *order);
	for (size_t i = 0; i < s->len; i++)
		order[i] = &s->entries[i];
	qsort(order, s->len, sizeof *order, by_language);
	for (size_t i = 0; i < s->len; i++) {
		const mg_shelf_entry *e = order[i];
		int words = mg_catalog_has_words(e->language);
		if (!tag || strcasecmp(tag, e->language) != 0) {
			tag = e->language;
			if (section)
				end_block(section);
			section = mg_xhtml_el_text(main, "section", NULL);
			if (words)
				attr(section, "lang", tag);
			if (words && mg_xhtml_rtl(tag))
				attr(section, "dir", "rtl");
			language_heading(section, tag);
		}
		article(p, section, e, words ? NULL : e->language);
	}
	end_block(section);
	free(order);
}

static void head(const struct page *p, xmlNodePtr html, const char *title)
{
	xmlNodePtr h = mg_xhtml_el_text(html, "head", NULL), n;

	attr(mg_xhtml_el_text(h, "meta", NULL), "charset", "utf-8");
	n = mg_xhtml_el_text(h, "meta", NULL);
	attr(n, "name", "viewport");
	attr(n, "content", "width=device-width, initial-scale=1");
	mg_xhtml_el_text(h, "title", title);
	/* feed autodiscovery (OPDS 1.2, section 7) */
	n = mg_xhtml_el_text(h, "link", NULL);
	attr(n, "rel", "alternate");
	attr(n, "type", MG_OPDS_ACQUISITION_TYPE);
	href_attr(p, n, "href", "catalog.xml");
	attr(n, "title", title);
	mg_xhtml_el_text(h, "style", css);
	end_block(h);
}

/* Where reading apps find the feed, with its address when it is known. */
static void footer(const struct page *p, xmlNodePtr body)
{
	xmlNodePtr foot = mg_xhtml_el_text(body, "footer", NULL);
	xmlNodePtr para = mg_xhtml_el_text(foot, "p", mg_catalog_word_text(p->lang, MG_CW_FEED));
	xmlNodePtr a;
	char *href = mg_url_join(p->base, "catalog.xml");

	mg_xhtml_text(para, " ");
	a = mg_xhtml_el_text(para, "a", mg_catalog_word_text(p->lang, MG_CW_FEED_LINK));
	attr(a, "href", href);
	attr(a, "type", MG_OPDS_ACQUISITION_TYPE);
	mg_xhtml_text(a, " (");
	mg_xhtml_text(a, href);
	mg_xhtml_text(a, ")");
	mg_xhtml_text(para, ".");
	end_block(foot);
	free(href);
}

/* The tree as HTML, in UTF-8 (the encoding its <meta> names). */
static int serialize(xmlDocPtr doc, mg_bytes *out)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlOutputBufferPtr ob = buf ? xmlOutputBufferCreateBuffer(buf, NULL) : NULL;
	int rc = -1;

	if (!ob)
		goto out;
	htmlDocContentDumpFormatOutput(ob, doc, "UTF-8", 1);
	if (xmlOutputBufferClose(ob) < 0 || xmlBufferLength(buf) <= 0)
		goto out;
	out->len = (size_t)xmlBufferLength(buf);
	out->data = mg_xmalloc(out->len);
	memcpy(out->data, xmlBufferContent(buf), out->len);
	rc = 0;
out:
	if (buf)
		xmlBufferFree(buf);
	return rc;
}

int mg_page_html(const mg_shelf *s, const char *base, mg_bytes *out)
{
	struct page p = { .s = s, .base = base, .lang = mg_page_language(s) };
	htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr html, body, header, main;
	char *title = mg_page_title(s, p.lang);
	int rc;

	out->data = NULL;
	out->len = 0;
	/* written as it is in the tree: UTF-8, no entities */
	doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
	html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, html);
	attr(html, "lang", p.lang);
	head(&p, html, title);
	body = mg_xhtml_el_text(html, "body", NULL);
	header = mg_xhtml_el_text(body, "header", NULL);
	mg_xhtml_el_text(header, "h1", title);
	mg_xhtml_el_text(header, "p", mg_catalog_word_text(p.lang, MG_CW_INTRO));
	end_block(header);
	main = mg_xhtml_el_text(body, "main", NULL);
	guides(&p, main);
	end_block(main);
	footer(&p, body);
	rc = serialize(doc, out);
	free(title);
	xmlFreeDoc(doc);
	return rc;
}
