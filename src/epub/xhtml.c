/* xhtml.c — what every XHTML document of the EPUB shares: the files' names
 * and ids, libxml2 tree helpers that drop what XML cannot carry (libxml2
 * escapes the rest when it serialises), the skeleton, and serialisation. */
#include "epub/xhtml.h"
#include "epub/xhtml_doc.h"
#include "core/arena.h"

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

void mg_xhtml_text_len(xmlNodePtr n, const char *s, size_t len)
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

void mg_xhtml_text(xmlNodePtr n, const char *s)
{
	if (s)
		mg_xhtml_text_len(n, s, strlen(s));
}

xmlNodePtr mg_xhtml_el(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

xmlNodePtr mg_xhtml_el_text(xmlNodePtr parent, const char *name, const char *s)
{
	return mg_xhtml_el_ns(parent, NULL, name, s);
}

xmlNodePtr mg_xhtml_el_ns(xmlNodePtr parent, xmlNsPtr ns, const char *name,
			  const char *s)
{
	xmlNodePtr n = xmlNewChild(parent, ns, BAD_CAST name, NULL);
	mg_xhtml_text(n, s);
	return n;
}

void mg_xhtml_attr(xmlNodePtr n, const char *name, const char *value)
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

const mg_node *mg_xhtml_section(const mg_xhtml_book *b, size_t i,
				const mg_node *after, char **label, char *href,
				size_t size)
{
	const mg_part *p = &b->g->parts[i];
	const mg_node *n = after ? after->next :
			   p->body ? p->body->first_child : NULL;
	char idbuf[512];

	for (; n; n = n->next) {
		if (n->type != MG_NODE_HEADING || n->level != 2 || !n->id)
			continue;
		*label = mg_xhtml_plain(n);
		if (**label) {
			snprintf(href, size, "%s#%s", b->part_file[i],
				 mg_xhtml_id(n->id, idbuf, sizeof(idbuf)));
			return n;
		}
		free(*label);
	}
	return NULL;
}

/* ---- document skeleton ---- */

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

void mg_xhtml_epub_type(const mg_xhtml_doc *d, xmlNodePtr n, const char *type)
{
	xmlNewNsProp(n, d->epub, BAD_CAST "type", BAD_CAST type);
}

void mg_xhtml_doc_open(mg_xhtml_doc *d, const mg_xhtml_book *b,
		       const char *title, const char *body_type)
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
	mg_xhtml_attr(d->html, "lang", lang);
	xmlNodeSetLang(d->html, BAD_CAST lang);
	if (mg_xhtml_rtl(lang))
		mg_xhtml_attr(d->html, "dir", "rtl");

	d->head = mg_xhtml_el(d->html, "head");
	xmlNodePtr meta = mg_xhtml_el(d->head, "meta");
	mg_xhtml_attr(meta, "charset", "utf-8");
	mg_xhtml_el_text(d->head, "title",
			 title && *title ? title : b->g->title);
	xmlNodePtr link = mg_xhtml_el(d->head, "link");
	mg_xhtml_attr(link, "rel", "stylesheet");
	mg_xhtml_attr(link, "type", "text/css");
	mg_xhtml_attr(link, "href", MG_XHTML_CSS_FILE);

	d->body = mg_xhtml_el(d->html, "body");
	if (body_type)
		mg_xhtml_epub_type(d, d->body, body_type);
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
