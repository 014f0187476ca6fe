/* xhtml.c — builds the EPUB's XHTML documents from the Guide model with the
 * libxml2 tree API (libxml2 escapes every model string when it serialises):
 * title page, one document per part with its footnotes, and nav.xhtml. */
#include "epub/xhtml.h"
#include "core/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/hash.h>
#include <libxml/xmlsave.h>

/* ---- small tree helpers ---- */

/* 1 if s[0..len) holds a character XML 1.0 cannot carry: C0 controls other
 * than tab, LF and CR, and U+FFFE/U+FFFF (model strings are valid UTF-8). */
static int has_bad_char(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r')
			return 1;
		if (u[i] == 0xEF && i + 2 < len && u[i + 1] == 0xBF &&
		    (u[i + 2] == 0xBE || u[i + 2] == 0xBF))
			return 1;
	}
	return 0;
}

/* A heap copy of s[0..len) without the characters XML cannot carry. */
static char *strip_bad_chars(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	char *out = mg_xmalloc(len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r')
			continue;
		if (u[i] == 0xEF && i + 2 < len && u[i + 1] == 0xBF &&
		    (u[i + 2] == 0xBE || u[i + 2] == 0xBF)) {
			i += 2;
			continue;
		}
		out[o++] = (char)u[i];
	}
	out[o] = '\0';
	return out;
}

/* Appends a new text node as n's last child. Linked by hand: xmlAddChild
 * would merge it into the text node before it, copying all of that node's
 * content each time, which is quadratic in a long paragraph. */
static void append_text(xmlNodePtr n, const char *s, size_t len)
{
	xmlNodePtr t = xmlNewDocTextLen(n->doc, BAD_CAST s, (int)len);
	if (!t)
		return;
	t->parent = n;
	if (n->last) {
		n->last->next = t;
		t->prev = n->last;
	} else {
		n->children = t;
	}
	n->last = t;
}

static void put_text_len(xmlNodePtr n, const char *s, size_t len)
{
	if (!s || !len)
		return;
	if (!has_bad_char(s, len)) {
		append_text(n, s, len);
		return;
	}
	char *clean = strip_bad_chars(s, len);
	append_text(n, clean, strlen(clean));
	free(clean);
}

static void put_text(xmlNodePtr n, const char *s)
{
	if (s)
		put_text_len(n, s, strlen(s));
}

void mg_xhtml_text(xmlNodePtr n, const char *s)
{
	put_text(n, s);
}

static xmlNodePtr el(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

static xmlNodePtr el_text(xmlNodePtr parent, const char *name, const char *s)
{
	xmlNodePtr n = el(parent, name);
	put_text(n, s);
	return n;
}

static void attr(xmlNodePtr n, const char *name, const char *value)
{
	if (!has_bad_char(value, strlen(value))) {
		xmlNewProp(n, BAD_CAST name, BAD_CAST value);
		return;
	}
	char *clean = strip_bad_chars(value, strlen(value));
	xmlNewProp(n, BAD_CAST name, BAD_CAST clean);
	free(clean);
}

/* ---- names ---- */

const char *mg_xhtml_id(const char *id, char *buf, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	if (id && *id && xmlValidateNCName(BAD_CAST id, 0) == 0)
		return id;
	buf[o++] = '_';
	for (const unsigned char *u = (const unsigned char *)(id ? id : "");
	     *u && o + 4 < size; u++) {
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
		    (*u >= '0' && *u <= '9') || *u == '-' || *u == '_') {
			buf[o++] = (char)*u;
		} else {
			buf[o++] = '.';
			buf[o++] = hex[*u >> 4];
			buf[o++] = hex[*u & 15];
		}
	}
	buf[o] = '\0';
	return buf;
}

static int safe_stem(const char *s)
{
	size_t n = 0;
	if (!s || !*s)
		return 0;
	for (; s[n]; n++) {
		char c = s[n];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return n <= 64 && strcmp(s, "titlepage") != 0 && strcmp(s, "nav") != 0 &&
	       strcmp(s, "style") != 0;
}

/* Chooses a unique file stem for part i: its name when that is safe. */
static char *part_stem(const mg_part *p, size_t i, xmlHashTablePtr used)
{
	char buf[96];
	if (safe_stem(p->name) && !xmlHashLookup(used, BAD_CAST p->name)) {
		snprintf(buf, sizeof(buf), "%s", p->name);
	} else {
		int k = 0;
		snprintf(buf, sizeof(buf), "part%zu", i + 1);
		while (xmlHashLookup(used, BAD_CAST buf))
			snprintf(buf, sizeof(buf), "part%zu-%d", i + 1, ++k);
	}
	xmlHashAddEntry(used, BAD_CAST buf, (void *)1);
	return mg_xstrdup(buf);
}

void mg_xhtml_book_init(mg_xhtml_book *b, const mg_guide *g)
{
	xmlHashTablePtr used = xmlHashCreate(16);
	char buf[160];

	memset(b, 0, sizeof(*b));
	b->g = g;
	b->cover_image = (g->cover >= 0 && (size_t)g->cover < g->nimages) ?
				 g->cover : -1;
	b->part_file = mg_xcalloc(g->nparts + 1, sizeof(char *));
	b->part_id = mg_xcalloc(g->nparts + 1, sizeof(char *));
	for (size_t i = 0; i < g->nparts; i++) {
		char *stem = part_stem(&g->parts[i], i, used);
		snprintf(buf, sizeof(buf), "%s.xhtml", stem);
		b->part_file[i] = mg_xstrdup(buf);
		snprintf(buf, sizeof(buf), "doc-%s", stem);
		b->part_id[i] = mg_xstrdup(buf);
		free(stem);
	}
	xmlHashFree(used, NULL);

	b->image_file = mg_xcalloc(g->nimages + 1, sizeof(char *));
	b->image_id = mg_xcalloc(g->nimages + 1, sizeof(char *));
	for (size_t i = 0; i < g->nimages; i++) {
		const char *mt = g->images[i].media_type;
		const char *ext = mt && strcmp(mt, "image/jpeg") == 0 ? "jpg" : "png";
		snprintf(buf, sizeof(buf), "images/img%zu.%s", i + 1, ext);
		b->image_file[i] = mg_xstrdup(buf);
		snprintf(buf, sizeof(buf), "img%zu", i + 1);
		b->image_id[i] = mg_xstrdup(buf);
	}
}

static void free_strv(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void mg_xhtml_book_release(mg_xhtml_book *b)
{
	if (!b->g)
		return;
	free_strv(b->part_file, b->g->nparts);
	free_strv(b->part_id, b->g->nparts);
	free_strv(b->image_file, b->g->nimages);
	free_strv(b->image_id, b->g->nimages);
	memset(b, 0, sizeof(*b));
}

/* ---- plain text ---- */

char *mg_xhtml_plain(const mg_node *n)
{
	return mg_node_plain_text_dup(n);
}

/* ---- documents ---- */

int mg_xhtml_rtl(const char *language)
{
	static const char *const primary[] = {
		"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ug",
		"ur", "yi", NULL
	};
	static const char *const scripts[] = {
		"-arab", "-hebr", "-thaa", "-syrc", NULL
	};
	size_t n;

	if (!language)
		return 0;
	n = strcspn(language, "-");
	for (int i = 0; primary[i]; i++)
		if (strlen(primary[i]) == n && strncasecmp(language, primary[i], n) == 0)
			return 1;
	for (int i = 0; scripts[i]; i++) {
		const char *p = strcasestr(language, scripts[i]);
		if (p && (p[5] == '\0' || p[5] == '-'))
			return 1;
	}
	return 0;
}

struct doc {
	const mg_xhtml_book *b;
	xmlDocPtr doc;
	xmlNsPtr epub;
	xmlNodePtr html, head, body;
};

static void epub_type(struct doc *d, xmlNodePtr n, const char *type)
{
	xmlNewNsProp(n, d->epub, BAD_CAST "type", BAD_CAST type);
}

/* An XHTML5 document with lang and xml:lang, a title and the stylesheet. */
static void doc_open(struct doc *d, const mg_xhtml_book *b, const char *title,
		     const char *body_type)
{
	const char *lang = b->g->language ? b->g->language : "en";
	xmlNsPtr ns;

	memset(d, 0, sizeof(*d));
	d->b = b;
	d->doc = xmlNewDoc(BAD_CAST "1.0");
	d->html = xmlNewDocNode(d->doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(d->doc, d->html);
	xmlCreateIntSubset(d->doc, BAD_CAST "html", NULL, NULL);
	ns = xmlNewNs(d->html, BAD_CAST MG_XHTML_NS, NULL);
	xmlSetNs(d->html, ns);
	d->epub = xmlNewNs(d->html, BAD_CAST MG_EPUB_NS, BAD_CAST "epub");
	attr(d->html, "lang", lang);
	xmlNodeSetLang(d->html, BAD_CAST lang);
	if (mg_xhtml_rtl(lang))
		attr(d->html, "dir", "rtl");

	d->head = el(d->html, "head");
	xmlNodePtr meta = el(d->head, "meta");
	attr(meta, "charset", "utf-8");
	el_text(d->head, "title", title && *title ? title : b->g->title);
	xmlNodePtr link = el(d->head, "link");
	attr(link, "rel", "stylesheet");
	attr(link, "type", "text/css");
	attr(link, "href", MG_XHTML_CSS_FILE);

	d->body = el(d->html, "body");
	if (body_type)
		epub_type(d, d->body, body_type);
}

/* ---- part documents ---- */

#define MAX_DEPTH 200

struct part_ctx {
	struct doc d;
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
		attr(a, "href", file);
		return;
	}
	const char *id = mg_xhtml_id(n->target_id, c->idbuf, sizeof(c->idbuf));
	if ((size_t)n->target_part == c->part)
		snprintf(href, sizeof(href), "#%s", id);
	else
		snprintf(href, sizeof(href), "%s#%s", file, id);
	attr(a, "href", href);
}

/* with_title: the title as a tooltip (a figure shows it as its caption).
 * An image the model could not resolve becomes its alt text. */
static void image_el(struct part_ctx *c, const mg_node *n, xmlNodePtr parent,
		     int with_title)
{
	const mg_guide *g = c->d.b->g;
	char num[32];

	if (n->image < 0 || (size_t)n->image >= g->nimages) {
		put_text(parent, n->alt);
		return;
	}
	const mg_image *im = &g->images[n->image];
	xmlNodePtr img = el(parent, "img");
	attr(img, "src", c->d.b->image_file[n->image]);
	if (im->width > 0 && im->height > 0) {
		snprintf(num, sizeof(num), "%d", im->width);
		attr(img, "width", num);
		snprintf(num, sizeof(num), "%d", im->height);
		attr(img, "height", num);
	}
	attr(img, "alt", n->alt ? n->alt : "");
	if (with_title && n->title && *n->title)
		attr(img, "title", n->title);
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

	xmlNodePtr sup = el(c->cur, "sup");
	xmlNodePtr a = el(sup, "a");
	epub_type(&c->d, a, "noteref");
	attr(a, "role", "doc-noteref");
	attr(a, "id", ref);
	snprintf(buf, sizeof(buf), "#%s", c->fn_id[k]);
	attr(a, "href", buf);
	snprintf(buf, sizeof(buf), "%d", k + 1);
	put_text(a, buf);
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
	return el(table, name);
}

/* Leaf nodes: written whole on entering; their children (if any) are not
 * visited. */
static void leaf(struct part_ctx *c, const mg_node *n)
{
	xmlNodePtr e;
	switch (n->type) {
	case MG_NODE_TEXT:
		put_text_len(c->cur, n->text, n->len);
		break;
	case MG_NODE_SOFTBREAK:
		put_text(c->cur, "\n");
		break;
	case MG_NODE_LINEBREAK:
		el(c->cur, "br");
		put_text(c->cur, "\n");
		break;
	case MG_NODE_CODE:
		e = el(c->cur, "code");
		put_text_len(e, n->text, n->len);
		break;
	case MG_NODE_CODE_BLOCK:
		e = el(el(c->cur, "pre"), "code");
		put_text_len(e, n->text, n->len);
		break;
	case MG_NODE_THEMATIC_BREAK:
		el(c->cur, "hr");
		break;
	case MG_NODE_IMAGE:
		image_el(c, n, c->cur, 1);
		break;
	case MG_NODE_FIGURE:
		e = el(c->cur, "figure");
		image_el(c, n, e, 0);
		if (n->title && *n->title)
			el_text(e, "figcaption", n->title);
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
		return el(c->cur, "p");
	case MG_NODE_HEADING:
		snprintf(name, sizeof(name), "h%d",
			 n->level < 2 ? 2 : n->level > 6 ? 6 : n->level);
		e = el(c->cur, name);
		if (n->id)
			attr(e, "id", mg_xhtml_id(n->id, c->idbuf, sizeof(c->idbuf)));
		return e;
	case MG_NODE_BLOCKQUOTE:
		return el(c->cur, "blockquote");
	case MG_NODE_LIST:
		e = el(c->cur, n->ordered ? "ol" : "ul");
		if (n->ordered && n->start != 1) {
			snprintf(name, sizeof(name), "%d", n->start);
			attr(e, "start", name);
		}
		return e;
	case MG_NODE_ITEM:
		return el(c->cur, "li");
	case MG_NODE_TABLE:
		return el(c->cur, "table");
	case MG_NODE_TABLE_ROW:
		return el(table_section(c->cur, n->header ? "thead" : "tbody"), "tr");
	case MG_NODE_TABLE_CELL:
		if (n->parent && n->parent->header) {
			e = el(c->cur, "th");
			attr(e, "scope", "col");
		} else {
			e = el(c->cur, "td");
		}
		if ((cls = align_class(n->align)))
			attr(e, "class", cls);
		return e;
	case MG_NODE_EMPH:
		return el(c->cur, "em");
	case MG_NODE_STRONG:
		return el(c->cur, "strong");
	case MG_NODE_STRIKE:
		return el(c->cur, "del");
	case MG_NODE_LINK:
		if (n->url) {
			e = el(c->cur, "a");
			char *href = href_escape(n->url);
			attr(e, "href", href);
			free(href);
		} else if (n->target_part >= 0 &&
			   (size_t)n->target_part < c->d.b->g->nparts) {
			e = el(c->cur, "a");
			link_href(c, n, e);
		} else {
			return el(c->cur, "span");
		}
		if (n->title && *n->title)
			attr(e, "title", n->title);
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
		put_text(e, text);
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
	put_text(span, buf);
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
		last = el(aside, "p");
	else
		put_text(last, " ");
	xmlNodePtr a = el(last, "a");
	epub_type(&c->d, a, "backlink");
	attr(a, "role", "doc-backlink");
	snprintf(buf, sizeof(buf), "#%s", c->fnref_id[k]);
	attr(a, "href", buf);
	attr(a, "aria-label", mg_term_text(lang, MG_TERM_BACK_TO_TEXT));
	attr(a, "title", mg_term_text(lang, MG_TERM_BACK_TO_TEXT));
	put_text(a, "\xe2\x86\xa9\xef\xb8\x8e");	/* U+21A9 U+FE0E */
}

static void footnotes(struct part_ctx *c, xmlNodePtr section)
{
	const char *lang = c->d.b->g->language;
	size_t written = 0;

	for (size_t k = 0; k < c->p->nfootnotes; k++)
		written += c->fnref_id[k] != NULL;
	if (!written)
		return;
	xmlNodePtr box = el(section, "section");
	attr(box, "class", "footnotes");
	char *hid = unique_id(c, "notes");
	attr(box, "aria-labelledby", hid);
	xmlNodePtr h = el_text(box, "h2", mg_term_text(lang, MG_TERM_FOOTNOTES));
	attr(h, "id", hid);
	free(hid);

	for (size_t k = 0; k < c->p->nfootnotes; k++) {
		const mg_footnote *fn = &c->p->footnotes[k];
		if (!c->fnref_id[k])
			continue;	/* never referenced: nothing leads to it */
		xmlNodePtr aside = el(box, "aside");
		epub_type(&c->d, aside, "footnote");
		attr(aside, "role", "doc-footnote");
		attr(aside, "id", c->fn_id[k]);
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
	doc_open(&c.d, b, p->title,
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

	xmlNodePtr section = el(c.d.body, "section");
	epub_type(&c.d, section, type);
	attr(section, "role", role);
	xmlNodePtr h1 = el(section, "h1");
	if (p->heading && p->heading->id)
		attr(h1, "id", mg_xhtml_id(p->heading->id, c.idbuf, sizeof(c.idbuf)));
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

/* ---- title page ---- */

/* "label: date" with the date in a <time> when it is YYYY-MM-DD. */
static void dated_line(xmlNodePtr parent, const char *cls, const char *label,
		       const char *date)
{
	xmlNodePtr p = el(parent, "p");
	attr(p, "class", cls);
	put_text(p, label);
	put_text(p, ": ");
	if (mg_date_is_iso(date)) {
		xmlNodePtr t = el_text(p, "time", date);
		attr(t, "datetime", date);
	} else {
		put_text(p, date);
	}
}

xmlDocPtr mg_xhtml_title_page(const mg_xhtml_book *b)
{
	const mg_guide *g = b->g;
	const char *lang = g->language;
	struct doc d;

	doc_open(&d, b, g->title, "frontmatter");
	xmlNodePtr sec = el(d.body, "section");
	epub_type(&d, sec, "titlepage");
	attr(sec, "class", "titlepage");
	attr(sec, "id", "titlepage");
	if (b->cover_image >= 0) {
		xmlNodePtr fig = el(sec, "div");
		attr(fig, "class", "cover");
		xmlNodePtr img = el(fig, "img");
		epub_type(&d, img, "cover");
		attr(img, "role", "doc-cover");
		attr(img, "id", "cover");
		attr(img, "src", b->image_file[b->cover_image]);
		attr(img, "alt", g->title ? g->title : "");
	}
	attr(el_text(sec, "h1", g->title), "class", "title");
	if (g->subtitle && *g->subtitle) {
		xmlNodePtr st = el_text(sec, "p", g->subtitle);
		attr(st, "class", "subtitle");
		attr(st, "role", "doc-subtitle");
	}
	if (g->nauthors) {
		xmlNodePtr p = el(sec, "p");
		attr(p, "class", "authors");
		put_text(p, mg_term_text(lang, MG_TERM_BY));
		put_text(p, " ");
		for (size_t i = 0; i < g->nauthors; i++) {
			if (i)
				put_text(p, ", ");
			put_text(p, g->authors[i]);
		}
	}
	if (g->publisher && *g->publisher)
		attr(el_text(sec, "p", g->publisher), "class", "publisher");
	if (g->date && *g->date)
		dated_line(sec, "date", mg_term_text(lang, MG_TERM_PUBLISHED), g->date);
	if (g->reviewer || g->reviewed || g->next_review) {
		xmlNodePtr box = el(sec, "div");
		attr(box, "class", "review");
		if (g->reviewer) {
			xmlNodePtr p = el(box, "p");
			put_text(p, mg_term_text(lang, MG_TERM_REVIEWED_BY));
			put_text(p, " ");
			put_text(p, g->reviewer);
		}
		if (g->reviewed)
			dated_line(box, "reviewed",
				   mg_term_text(lang, MG_TERM_REVIEWED_ON), g->reviewed);
		if (g->next_review)
			dated_line(box, "next-review",
				   mg_term_text(lang, MG_TERM_NEXT_REVIEW), g->next_review);
	}
	return d.doc;
}

/* ---- navigation document ---- */

static xmlNodePtr nav_entry(xmlNodePtr ol, const char *href, const char *label)
{
	xmlNodePtr li = el(ol, "li");
	xmlNodePtr a = el_text(li, "a", label && *label ? label : href);
	attr(a, "href", href);
	return li;
}

static void toc_part(const mg_xhtml_book *b, size_t i, xmlNodePtr ol)
{
	const mg_part *p = &b->g->parts[i];
	const char *file = b->part_file[i];
	char href[1200], idbuf[512];
	xmlNodePtr sub = NULL;

	xmlNodePtr li = nav_entry(ol, file, p->title);
	for (const mg_node *n = p->body ? p->body->first_child : NULL; n; n = n->next) {
		if (n->type != MG_NODE_HEADING || n->level != 2 || !n->id)
			continue;
		char *label = mg_xhtml_plain(n);
		if (*label) {
			snprintf(href, sizeof(href), "%s#%s", file,
				 mg_xhtml_id(n->id, idbuf, sizeof(idbuf)));
			if (!sub)
				sub = el(li, "ol");
			nav_entry(sub, href, label);
		}
		free(label);
	}
}

static void landmark(struct doc *d, xmlNodePtr ol, const char *type,
		     const char *href, const char *label)
{
	xmlNodePtr li = nav_entry(ol, href, label);
	epub_type(d, xmlFirstElementChild(li), type);
}

xmlDocPtr mg_xhtml_nav(const mg_xhtml_book *b)
{
	const mg_guide *g = b->g;
	const char *lang = g->language;
	struct doc d;
	size_t first_back = g->nparts;

	doc_open(&d, b, mg_term_text(lang, MG_TERM_CONTENTS), "frontmatter");
	xmlNodePtr nav = el(d.body, "nav");
	epub_type(&d, nav, "toc");
	attr(nav, "role", "doc-toc");
	attr(nav, "id", "toc");
	attr(nav, "aria-labelledby", "toc-title");
	attr(el_text(nav, "h1", mg_term_text(lang, MG_TERM_CONTENTS)), "id", "toc-title");
	xmlNodePtr ol = el(nav, "ol");
	nav_entry(ol, MG_XHTML_TITLE_FILE, mg_term_text(lang, MG_TERM_TITLE_PAGE));
	for (size_t i = 0; i < g->nparts; i++) {
		toc_part(b, i, ol);
		if (g->parts[i].kind != MG_PART_CHAPTER && first_back == g->nparts)
			first_back = i;
	}

	nav = el(d.body, "nav");
	epub_type(&d, nav, "landmarks");
	attr(nav, "id", "landmarks");
	attr(nav, "aria-labelledby", "landmarks-title");
	attr(nav, "hidden", "hidden");
	attr(el_text(nav, "h2", mg_term_text(lang, MG_TERM_LANDMARKS)), "id",
	     "landmarks-title");
	ol = el(nav, "ol");
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

/* ---- serialisation ---- */

static int is_void_element(const xmlChar *name)
{
	static const char *const names[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "source", "track", "wbr", NULL
	};
	for (int i = 0; names[i]; i++)
		if (xmlStrEqual(name, BAD_CAST names[i]))
			return 1;
	return 0;
}

/* <p></p>, never <p/>: an HTML parser (a converter, a browser) would read
 * <p/> as an open tag. Iterative, like the model's walk. */
static void open_empty_elements(xmlNodePtr root)
{
	xmlNodePtr n = root;
	while (n) {
		if (n->type == XML_ELEMENT_NODE && !n->children &&
		    !is_void_element(n->name))
			xmlAddChild(n, xmlNewDocText(n->doc, BAD_CAST ""));
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
}

int mg_xhtml_serialize(xmlDocPtr doc, int indent, xmlChar **out, size_t *len)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlBufferPtr buf;
	xmlSaveCtxtPtr save;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (root && xmlStrEqual(root->name, BAD_CAST "html"))
		open_empty_elements(root);
	if (!(buf = xmlBufferCreate()))
		return -1;
	save = xmlSaveToBuffer(buf, "UTF-8", indent ? XML_SAVE_FORMAT : 0);
	if (!save)
		goto out;
	if (xmlSaveDoc(save, doc) < 0) {
		xmlSaveClose(save);
		goto out;
	}
	if (xmlSaveClose(save) < 0)
		goto out;
	*len = (size_t)xmlBufferLength(buf);
	*out = xmlBufferDetach(buf);
	rc = *out ? 0 : -1;
out:
	xmlBufferFree(buf);
	return rc;
}
