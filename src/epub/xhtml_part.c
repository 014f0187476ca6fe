/* xhtml_part.c — one XHTML document per part of the guide: its heading, its
 * blocks and inlines (written without recursion, nested no deeper than
 * reading systems' XML parsers take), its footnotes with their back links. */
#include "epub/xhtml.h"
#include "epub/xhtml_doc.h"
#include "core/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

#define MAX_DEPTH 200

struct part_ctx {
	mg_xhtml_doc d;
	const mg_part *p;
	size_t part;
	xmlNodePtr cur;
	xmlHashTablePtr ids;	/* every id used in the document */
	char **fn_id;		/* per footnote: the note's id */
	char **fnref_id;	/* per footnote: its first reference's id */
	int *nrefs;		/* per footnote: references so far */
	int depth;		/* elements opened by render, nested */
	mg_vec opened;		/* char per open container: 1 if it opened one */
	char idbuf[512];
};

/* A heap id, base or base-2, base-3..., unused so far in the document. */
static char *unique_id(struct part_ctx *c, const char *base)
{
	char buf[600];
	int k = 1;
	snprintf(buf, sizeof(buf), "%s", base);
	while (xmlHashLookup(c->ids, BAD_CAST buf))
		snprintf(buf, sizeof(buf), "%s-%d", base, ++k);
	xmlHashAddEntry(c->ids, BAD_CAST buf, (void *)1);
	return mg_xstrdup(buf);
}

static int collect_ids(const mg_node *n, int entering, void *ctx)
{
	struct part_ctx *c = ctx;
	if (entering && n->type == MG_NODE_HEADING && n->id) {
		const char *id = mg_xhtml_id(n->id, c->idbuf, sizeof(c->idbuf));
		xmlHashAddEntry(c->ids, BAD_CAST id, (void *)1);
	}
	return 0;
}

static int in_tight_item(const mg_node *n)
{
	const mg_node *item = n->parent;
	return item && item->type == MG_NODE_ITEM && item->parent &&
	       item->parent->type == MG_NODE_LIST && item->parent->tight;
}

static void link_href(struct part_ctx *c, const mg_node *n, xmlNodePtr a)
{
	const mg_xhtml_book *b = c->d.b;
	char href[1200];
	const char *file = b->part_file[n->target_part];

	if (!n->target_id) {
		mg_xhtml_attr(a, "href", file);
		return;
	}
	const char *id = mg_xhtml_id(n->target_id, c->idbuf, sizeof(c->idbuf));
	if ((size_t)n->target_part == c->part)
		snprintf(href, sizeof(href), "#%s", id);
	else
		snprintf(href, sizeof(href), "%s#%s", file, id);
	mg_xhtml_attr(a, "href", href);
}

/* with_title: the title as a tooltip (a figure shows it as its caption).
 * An image the model could not resolve becomes its alt text. */
static void image_el(struct part_ctx *c, const mg_node *n, xmlNodePtr parent,
		     int with_title)
{
	const mg_guide *g = c->d.b->g;
	char num[32];

	if (n->image < 0 || (size_t)n->image >= g->nimages) {
		mg_xhtml_text(parent, n->alt);
		return;
	}
	const mg_image *im = &g->images[n->image];
	xmlNodePtr img = mg_xhtml_el(parent, "img");
	mg_xhtml_attr(img, "src", c->d.b->image_file[n->image]);
	if (im->width > 0 && im->height > 0) {
		snprintf(num, sizeof(num), "%d", im->width);
		mg_xhtml_attr(img, "width", num);
		snprintf(num, sizeof(num), "%d", im->height);
		mg_xhtml_attr(img, "height", num);
	}
	mg_xhtml_attr(img, "alt", n->alt ? n->alt : "");
	if (with_title && n->title && *n->title)
		mg_xhtml_attr(img, "title", n->title);
}

/* A URL as written, with the bytes a URL cannot hold (space, quotes, <>,
 * controls, non-ASCII) percent-encoded, as a heap string. */
static char *href_escape(const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char safe[] = "-_.~!*'();:@&=+$,/?#[]%";
	size_t n = strlen(url);
	char *out = mg_xmalloc(3 * n + 1), *o = out;

	for (const unsigned char *u = (const unsigned char *)url; *u; u++) {
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
		    (*u >= '0' && *u <= '9') || strchr(safe, *u)) {
			*o++ = (char)*u;
		} else {
			*o++ = '%';
			*o++ = hex[*u >> 4];
			*o++ = hex[*u & 15];
		}
	}
	*o = '\0';
	return out;
}

static void footnote_ref(struct part_ctx *c, const mg_node *n)
{
	char buf[64];
	int k = n->footnote;

	if (k < 0 || (size_t)k >= c->p->nfootnotes)
		return;
	if (!c->fn_id[k]) {
		snprintf(buf, sizeof(buf), "fn%d", k + 1);
		c->fn_id[k] = unique_id(c, buf);
	}
	c->nrefs[k]++;
	if (c->nrefs[k] == 1)
		snprintf(buf, sizeof(buf), "fnref%d", k + 1);
	else
		snprintf(buf, sizeof(buf), "fnref%d-%d", k + 1, c->nrefs[k]);
	char *ref = unique_id(c, buf);

	xmlNodePtr sup = mg_xhtml_el(c->cur, "sup");
	xmlNodePtr a = mg_xhtml_el(sup, "a");
	mg_xhtml_epub_type(&c->d, a, "noteref");
	mg_xhtml_attr(a, "role", "doc-noteref");
	mg_xhtml_attr(a, "id", ref);
	snprintf(buf, sizeof(buf), "#%s", c->fn_id[k]);
	mg_xhtml_attr(a, "href", buf);
	snprintf(buf, sizeof(buf), "%d", k + 1);
	mg_xhtml_text(a, buf);
	if (!c->fnref_id[k])
		c->fnref_id[k] = ref;
	else
		free(ref);
}

static const char *align_class(mg_align a)
{
	switch (a) {
	case MG_ALIGN_LEFT:
		return "align-left";
	case MG_ALIGN_CENTER:
		return "align-center";
	case MG_ALIGN_RIGHT:
		return "align-right";
	default:
		return NULL;
	}
}

static xmlNodePtr table_section(xmlNodePtr table, const char *name)
{
	xmlNodePtr last = xmlGetLastChild(table);
	if (last && xmlStrEqual(last->name, BAD_CAST name))
		return last;
	return mg_xhtml_el(table, name);
}

/* Leaf nodes: written whole on entering; their children (if any) are not
 * visited. */
static void leaf(struct part_ctx *c, const mg_node *n)
{
	xmlNodePtr e;
	switch (n->type) {
	case MG_NODE_TEXT:
		mg_xhtml_text_len(c->cur, n->text, n->len);
		break;
	case MG_NODE_SOFTBREAK:
		mg_xhtml_text(c->cur, "\n");
		break;
	case MG_NODE_LINEBREAK:
		mg_xhtml_el(c->cur, "br");
		mg_xhtml_text(c->cur, "\n");
		break;
	case MG_NODE_CODE:
		e = mg_xhtml_el(c->cur, "code");
		mg_xhtml_text_len(e, n->text, n->len);
		break;
	case MG_NODE_CODE_BLOCK:
		e = mg_xhtml_el(mg_xhtml_el(c->cur, "pre"), "code");
		mg_xhtml_text_len(e, n->text, n->len);
		break;
	case MG_NODE_THEMATIC_BREAK:
		mg_xhtml_el(c->cur, "hr");
		break;
	case MG_NODE_IMAGE:
		image_el(c, n, c->cur, 1);
		break;
	case MG_NODE_FIGURE:
		e = mg_xhtml_el(c->cur, "figure");
		image_el(c, n, e, 0);
		if (n->title && *n->title)
			mg_xhtml_el_text(e, "figcaption", n->title);
		break;
	case MG_NODE_FOOTNOTE_REF:
		footnote_ref(c, n);
		break;
	default:
		break;
	}
}

static int is_leaf(mg_node_type t)
{
	switch (t) {
	case MG_NODE_TEXT:
	case MG_NODE_SOFTBREAK:
	case MG_NODE_LINEBREAK:
	case MG_NODE_CODE:
	case MG_NODE_CODE_BLOCK:
	case MG_NODE_THEMATIC_BREAK:
	case MG_NODE_IMAGE:
	case MG_NODE_FIGURE:
	case MG_NODE_FOOTNOTE_REF:
		return 1;
	default:
		return 0;
	}
}

/* The element a container node opens, or NULL for one that opens none
 * (DOCUMENT, a paragraph of a tight list item). */
static xmlNodePtr open_container(struct part_ctx *c, const mg_node *n)
{
	xmlNodePtr e = NULL;
	char name[16];
	const char *cls;

	switch (n->type) {
	case MG_NODE_PARAGRAPH:
		return mg_xhtml_el(c->cur, "p");
	case MG_NODE_HEADING:
		snprintf(name, sizeof(name), "h%d",
			 n->level < 2 ? 2 : n->level > 6 ? 6 : n->level);
		e = mg_xhtml_el(c->cur, name);
		if (n->id)
			mg_xhtml_attr(e, "id", mg_xhtml_id(n->id, c->idbuf,
							   sizeof(c->idbuf)));
		return e;
	case MG_NODE_BLOCKQUOTE:
		return mg_xhtml_el(c->cur, "blockquote");
	case MG_NODE_LIST:
		e = mg_xhtml_el(c->cur, n->ordered ? "ol" : "ul");
		if (n->ordered && n->start != 1) {
			snprintf(name, sizeof(name), "%d", n->start);
			mg_xhtml_attr(e, "start", name);
		}
		return e;
	case MG_NODE_ITEM:
		return mg_xhtml_el(c->cur, "li");
	case MG_NODE_TABLE:
		return mg_xhtml_el(c->cur, "table");
	case MG_NODE_TABLE_ROW:
		e = table_section(c->cur, n->header ? "thead" : "tbody");
		return mg_xhtml_el(e, "tr");
	case MG_NODE_TABLE_CELL:
		if (n->parent && n->parent->header) {
			e = mg_xhtml_el(c->cur, "th");
			mg_xhtml_attr(e, "scope", "col");
		} else {
			e = mg_xhtml_el(c->cur, "td");
		}
		if ((cls = align_class(n->align)))
			mg_xhtml_attr(e, "class", cls);
		return e;
	case MG_NODE_EMPH:
		return mg_xhtml_el(c->cur, "em");
	case MG_NODE_STRONG:
		return mg_xhtml_el(c->cur, "strong");
	case MG_NODE_STRIKE:
		return mg_xhtml_el(c->cur, "del");
	case MG_NODE_LINK:
		if (n->url) {
			e = mg_xhtml_el(c->cur, "a");
			char *href = href_escape(n->url);
			mg_xhtml_attr(e, "href", href);
			free(href);
		} else if (n->target_part >= 0 &&
			   (size_t)n->target_part < c->d.b->g->nparts) {
			e = mg_xhtml_el(c->cur, "a");
			link_href(c, n, e);
		} else {
			return mg_xhtml_el(c->cur, "span");
		}
		if (n->title && *n->title)
			mg_xhtml_attr(e, "title", n->title);
		return e;
	default:
		return NULL;
	}
}

/* 1 if a container node opens an element (DOCUMENT and the paragraphs of
 * tight list items open none). */
static int opens_element(const mg_node *n)
{
	switch (n->type) {
	case MG_NODE_PARAGRAPH:
		return !in_tight_item(n);
	case MG_NODE_HEADING:
	case MG_NODE_BLOCKQUOTE:
	case MG_NODE_LIST:
	case MG_NODE_ITEM:
	case MG_NODE_TABLE:
	case MG_NODE_TABLE_ROW:
	case MG_NODE_TABLE_CELL:
	case MG_NODE_EMPH:
	case MG_NODE_STRONG:
	case MG_NODE_STRIKE:
	case MG_NODE_LINK:
		return 1;
	default:
		return 0;
	}
}

/* The element levels a container needs below it to stay valid HTML: a list
 * its item, a table its tbody, tr and cell. The containers that nest without
 * end (quotes, lists) also leave room for the paragraphs, tables and inlines
 * inside them, which therefore still open when the nesting stops. */
static int levels_needed(const mg_node *n)
{
	switch (n->type) {
	case MG_NODE_BLOCKQUOTE:
	case MG_NODE_ITEM:
		return 1 + 8;
	case MG_NODE_LIST:
		return 2 + 8;
	case MG_NODE_TABLE:
		return 4;
	case MG_NODE_TABLE_ROW:	/* thead/tbody and tr */
		return 2;
	default:
		return 1;
	}
}

/* Past MAX_DEPTH nested elements, containers open none and their content
 * joins the deepest open element: XML parsers in reading systems refuse
 * documents nested much deeper (libxml2 stops at 256). c->opened records,
 * for each container entered and not yet left, whether it opened one. */
static void enter(struct part_ctx *c, const mg_node *n)
{
	if (!opens_element(n))
		return;
	char *opened = mg_vec_push(&c->opened);
	if (c->depth + levels_needed(n) > MAX_DEPTH)
		return;
	*opened = 1;
	c->cur = open_container(c, n);
	c->depth += n->type == MG_NODE_TABLE_ROW ? 2 : 1;
}

static void leave(struct part_ctx *c, const mg_node *n)
{
	if (!opens_element(n) || !c->opened.len)
		return;
	c->opened.len--;
	if (!((char *)c->opened.items)[c->opened.len])
		return;
	c->cur = c->cur->parent;
	c->depth--;
	if (n->type == MG_NODE_TABLE_ROW) {	/* tr's parent is thead/tbody */
		c->cur = c->cur->parent;
		c->depth--;
	}
}

/* Writes root's subtree under c->cur, without recursion (the parent links
 * are the stack), so that deep nesting cannot overflow the C stack. */
static void render(struct part_ctx *c, const mg_node *root)
{
	const mg_node *n = root;

	for (;;) {
		if (is_leaf(n->type)) {
			leaf(c, n);
		} else {
			enter(c, n);
			if (n->first_child) {
				n = n->first_child;
				continue;
			}
			leave(c, n);
		}
		while (n != root && !n->next) {
			n = n->parent;
			leave(c, n);
		}
		if (n == root)
			return;
		n = n->next;
	}
}

/* The inlines of a heading, or text when it has none. */
static void heading_inlines(struct part_ctx *c, const mg_node *h,
			    const char *text, xmlNodePtr e)
{
	xmlNodePtr save = c->cur;
	c->cur = e;
	if (h && h->first_child) {
		for (const mg_node *k = h->first_child; k; k = k->next)
			render(c, k);
	} else {
		mg_xhtml_text(e, text);
	}
	c->cur = save;
}

/* The footnote's number first, in its first paragraph. */
static void footnote_label(xmlNodePtr aside, int num)
{
	char buf[32];
	xmlNodePtr first = xmlFirstElementChild(aside);
	xmlNodePtr span = xmlNewDocNode(aside->doc, aside->ns, BAD_CAST "span", NULL);

	snprintf(buf, sizeof(buf), "%d.", num);
	mg_xhtml_text(span, buf);
	xmlNewProp(span, BAD_CAST "class", BAD_CAST "note-label");
	if (!first || !xmlStrEqual(first->name, BAD_CAST "p")) {
		xmlNodePtr p = xmlNewDocNode(aside->doc, aside->ns, BAD_CAST "p", NULL);
		if (first)
			xmlAddPrevSibling(first, p);
		else
			xmlAddChild(aside, p);
		first = p;
	}
	if (first->children) {
		xmlAddPrevSibling(first->children, span);
		xmlAddNextSibling(span, xmlNewDocText(aside->doc, BAD_CAST " "));
	} else {
		xmlAddChild(first, span);
	}
}

/* The back link after the note's text, in its last paragraph. */
static void footnote_backlink(struct part_ctx *c, xmlNodePtr aside, int k)
{
	char buf[64];
	xmlNodePtr last = xmlLastElementChild(aside);
	const char *lang = c->d.b->g->language;

	if (!last || !xmlStrEqual(last->name, BAD_CAST "p"))
		last = mg_xhtml_el(aside, "p");
	else
		mg_xhtml_text(last, " ");
	xmlNodePtr a = mg_xhtml_el(last, "a");
	mg_xhtml_epub_type(&c->d, a, "backlink");
	mg_xhtml_attr(a, "role", "doc-backlink");
	snprintf(buf, sizeof(buf), "#%s", c->fnref_id[k]);
	mg_xhtml_attr(a, "href", buf);
	mg_xhtml_attr(a, "aria-label", mg_term_text(lang, MG_TERM_BACK_TO_TEXT));
	mg_xhtml_attr(a, "title", mg_term_text(lang, MG_TERM_BACK_TO_TEXT));
	mg_xhtml_text(a, "\xe2\x86\xa9\xef\xb8\x8e");	/* U+21A9 U+FE0E */
}

static void footnotes(struct part_ctx *c, xmlNodePtr section)
{
	const char *lang = c->d.b->g->language;
	size_t written = 0;

	for (size_t k = 0; k < c->p->nfootnotes; k++)
		written += c->fnref_id[k] != NULL;
	if (!written)
		return;
	xmlNodePtr box = mg_xhtml_el(section, "section");
	mg_xhtml_attr(box, "class", "footnotes");
	char *hid = unique_id(c, "notes");
	mg_xhtml_attr(box, "aria-labelledby", hid);
	xmlNodePtr h = mg_xhtml_el_text(box, "h2",
					mg_term_text(lang, MG_TERM_FOOTNOTES));
	mg_xhtml_attr(h, "id", hid);
	free(hid);

	for (size_t k = 0; k < c->p->nfootnotes; k++) {
		const mg_footnote *fn = &c->p->footnotes[k];
		if (!c->fnref_id[k])
			continue;	/* never referenced: nothing leads to it */
		xmlNodePtr aside = mg_xhtml_el(box, "aside");
		mg_xhtml_epub_type(&c->d, aside, "footnote");
		mg_xhtml_attr(aside, "role", "doc-footnote");
		mg_xhtml_attr(aside, "id", c->fn_id[k]);
		c->cur = aside;
		if (fn->body)
			render(c, fn->body);
		footnote_label(aside, (int)k + 1);
		footnote_backlink(c, aside, (int)k);
	}
}

static const char *part_epub_type(mg_part_kind kind, const char **role)
{
	switch (kind) {
	case MG_PART_FAQ:
		*role = "doc-qna";
		return "qna";
	case MG_PART_DISCLAIMER:
		*role = "doc-appendix";
		return "appendix";
	default:
		*role = "doc-chapter";
		return "chapter";
	}
}

xmlDocPtr mg_xhtml_part(const mg_xhtml_book *b, size_t part)
{
	struct part_ctx c;
	const mg_part *p = &b->g->parts[part];
	const char *role;
	const char *type = part_epub_type(p->kind, &role);

	memset(&c, 0, sizeof(c));
	c.p = p;
	c.part = part;
	mg_xhtml_doc_open(&c.d, b, p->title,
		 p->kind == MG_PART_CHAPTER ? "bodymatter" : "backmatter");
	c.ids = xmlHashCreate(64);
	c.fn_id = mg_xcalloc(p->nfootnotes + 1, sizeof(char *));
	c.fnref_id = mg_xcalloc(p->nfootnotes + 1, sizeof(char *));
	c.nrefs = mg_xcalloc(p->nfootnotes + 1, sizeof(int));
	mg_vec_init(&c.opened, 1);
	if (p->heading)
		collect_ids(p->heading, 1, &c);
	mg_node_walk(p->body, collect_ids, &c);
	for (size_t k = 0; k < p->nfootnotes; k++)
		mg_node_walk(p->footnotes[k].body, collect_ids, &c);

	xmlNodePtr section = mg_xhtml_el(c.d.body, "section");
	mg_xhtml_epub_type(&c.d, section, type);
	mg_xhtml_attr(section, "role", role);
	xmlNodePtr h1 = mg_xhtml_el(section, "h1");
	if (p->heading && p->heading->id)
		mg_xhtml_attr(h1, "id", mg_xhtml_id(p->heading->id, c.idbuf,
						    sizeof(c.idbuf)));
	heading_inlines(&c, p->heading, p->title, h1);

	c.cur = section;
	if (p->body)
		render(&c, p->body);
	footnotes(&c, section);

	for (size_t k = 0; k < p->nfootnotes; k++) {
		free(c.fn_id[k]);
		free(c.fnref_id[k]);
	}
	free(c.fn_id);
	free(c.fnref_id);
	free(c.nrefs);
	mg_vec_release(&c.opened);
	xmlHashFree(c.ids, NULL);
	return c.d.doc;
}
