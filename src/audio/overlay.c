/* overlay.c — spoken units: a part's XHTML walked in reading order, each
 * run of inline content split into sentences (readability/sentences.h) and
 * each sentence wrapped in an id'd span; the SSML to speak them; the SMIL. */
#include "audio/overlay.h"
#include "core/arena.h"
#include "core/vec.h"
#include "epub/epub.h"
#include "readability/sentences.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SMIL_NS "http://www.w3.org/ns/SMIL"
#define EPUB_NS "http://www.idpf.org/2007/ops"

struct ctx {
	xmlDocPtr doc;
	mg_units *u;
	mg_vec ids;		/* of xmlChar *: every id already in the document */
	unsigned next;		/* the next unit number to try */
	int spanish;
	const char *prefix;	/* said before the next unit (a note's "Note") */
};

/* ---- ids ---- */

static void collect_ids(struct ctx *c, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(n, BAD_CAST "id");
		if (id)
			*(xmlChar **)mg_vec_push(&c->ids) = id;
		collect_ids(c, n->children);
	}
}

static int id_used(const struct ctx *c, const char *id)
{
	xmlChar *const *v = c->ids.items;
	for (size_t i = 0; i < c->ids.len; i++)
		if (strcmp((const char *)v[i], id) == 0)
			return 1;
	return 0;
}

/* A new unit with a fresh id ("s1", "s2", … passing over ids in use). */
static mg_unit *new_unit(struct ctx *c, const char *say, size_t len)
{
	mg_units *u = c->u;
	if (u->n == u->cap) {
		u->cap = u->cap ? 2 * u->cap : 64;
		u->u = mg_xrealloc(u->u, u->cap * sizeof *u->u);
	}
	mg_unit *x = &u->u[u->n++];
	do
		snprintf(x->id, sizeof x->id, "s%u", ++c->next);
	while (id_used(c, x->id));
	size_t plen = c->prefix ? strlen(c->prefix) : 0;
	x->say = mg_xmalloc(plen + len + 1);
	memcpy(x->say, c->prefix ? c->prefix : "", plen);
	memcpy(x->say + plen, say, len);
	x->say[plen + len] = '\0';
	c->prefix = NULL;
	return x;
}

/* ---- what is inline, what is said ---- */

static int named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

static int has_attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	int yes = v && xmlStrEqual(v, BAD_CAST value);
	xmlFree(v);
	return yes;
}

static int is_phrasing(xmlNodePtr n)
{
	static const char *const names[] = {
		"a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "kbd",
		"mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u",
	};
	if (n->type == XML_TEXT_NODE)
		return 1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (named(n, names[i]))
			return 1;
	return 0;
}

/* Not said where it stands: a note reference (its note is said after the
 * sentence) and a note's back link. */
static int unsaid(xmlNodePtr n)
{
	return named(n, "a") && (has_attr(n, "role", "doc-noteref") ||
				 has_attr(n, "role", "doc-backlink"));
}

/* Appends the text n says to v; a line break is a space. */
static void said_text(xmlNodePtr n, mg_vec *v)
{
	if (n->type == XML_TEXT_NODE && n->content) {
		mg_vec_append(v, n->content, strlen((const char *)n->content));
		return;
	}
	if (named(n, "br")) {
		mg_vec_append(v, " ", 1);
		return;
	}
	if (n->type != XML_ELEMENT_NODE || unsaid(n))
		return;
	for (xmlNodePtr k = n->children; k; k = k->next)
		said_text(k, v);
}

/* s[0..len) with its white space runs made single spaces, trimmed. */
static size_t squeeze(char *s, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
		if (sp && (o == 0 || s[o - 1] == ' '))
			continue;
		s[o++] = sp ? ' ' : s[i];
	}
	while (o && s[o - 1] == ' ')
		o--;
	return o;
}

/* ---- a run of inline content ---- */

static void walk(struct ctx *c, xmlNodePtr el);
static void say_notes(struct ctx *c, xmlNodePtr span);

/* Where each unit of a run starts: in node[k] at byte off (text), or at
 * node[k] itself (off 0). pos is the offset in the run's said text. */
struct cut {
	size_t k, off, pos;
};

/* The cuts of a run: its start, then each sentence's start that lies in
 * one of the run's own text nodes or at the start of one of its elements
 * (a sentence that starts inside an <em> stays with the one before). */
static size_t find_cuts(const char *t, size_t len, const size_t *start,
			xmlNodePtr *nodes, size_t n, struct cut *cuts)
{
	size_t pos = 0, m = 0;
	mg_span s;

	cuts[m++] = (struct cut){ 0, 0, 0 };
	for (int first = 1; mg_sentence_next(t, len, &pos, &s); first = 0) {
		if (first)
			continue;
		for (size_t k = 0; k < n; k++) {
			size_t end = k + 1 < n ? start[k + 1] : len;
			int text = nodes[k]->type == XML_TEXT_NODE;
			if (s.start == start[k] || (text && s.start > start[k] && s.start < end)) {
				cuts[m++] = (struct cut){ k, s.start - start[k], s.start };
				break;
			}
		}
	}
	return m;
}

/* Moves the run's nodes into spans[], cut at cuts[]. */
static void fill_spans(xmlNodePtr *nodes, size_t n, const struct cut *cuts,
		       size_t m, xmlNodePtr *spans)
{
	size_t j = 0;
	for (size_t k = 0; k < n; k++) {
		xmlNodePtr x = nodes[k];
		if (x->type != XML_TEXT_NODE) {
			while (j + 1 < m && cuts[j + 1].k == k)
				j++;
			xmlUnlinkNode(x);
			xmlAddChild(spans[j], x);
			continue;
		}
		const char *s = (const char *)x->content;
		size_t len = s ? strlen(s) : 0, from = 0;
		while (j + 1 < m && cuts[j + 1].k == k) {
			size_t to = cuts[j + 1].off;
			if (to > from)
				xmlAddChild(spans[j], xmlNewDocTextLen(x->doc, BAD_CAST s + from, (int)(to - from)));
			from = to;
			j++;
		}
		if (len > from)
			xmlAddChild(spans[j], xmlNewDocTextLen(x->doc, BAD_CAST s + from, (int)(len - from)));
		xmlUnlinkNode(x);
		xmlFreeNode(x);
	}
}

/* A run of inline siblings: split into sentences, each wrapped in a span
 * and made a unit (with the notes it refers to after it). */
static void run(struct ctx *c, xmlNodePtr *nodes, size_t n)
{
	mg_vec t;
	size_t *start = mg_xmalloc(n * sizeof *start);
	struct cut *cuts;

	mg_vec_init(&t, 1);
	for (size_t k = 0; k < n; k++) {
		start[k] = t.len;
		said_text(nodes[k], &t);
	}
	mg_vec_append(&t, "", 1);
	cuts = mg_xmalloc((t.len + 1) * sizeof *cuts);
	size_t m = find_cuts(t.items, t.len - 1, start, nodes, n, cuts);
	size_t pos = 0;
	mg_span probe;
	if (!mg_sentence_next(t.items, t.len - 1, &pos, &probe))
		goto out;	/* no word to say */
	xmlNodePtr *spans = mg_xmalloc(m * sizeof *spans);
	for (size_t j = 0; j < m; j++) {
		spans[j] = xmlNewDocNode(c->doc, nodes[0]->parent->ns, BAD_CAST "span", NULL);
		xmlAddPrevSibling(nodes[0], spans[j]);
	}
	fill_spans(nodes, n, cuts, m, spans);
	for (size_t j = 0; j < m; j++) {
		size_t end = j + 1 < m ? cuts[j + 1].pos : t.len - 1;
		char *s = (char *)t.items + cuts[j].pos;
		mg_unit *x = new_unit(c, s, squeeze(s, end - cuts[j].pos));
		xmlNewProp(spans[j], BAD_CAST "id", BAD_CAST x->id);
		say_notes(c, spans[j]);
	}
	free(spans);
out:
	free(cuts);
	free(start);
	mg_vec_release(&t);
}

/* ---- notes, images, the walk ---- */

static xmlNodePtr find_id(xmlNodePtr n, const char *id)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (has_attr(n, "id", id))
			return n;
		xmlNodePtr f = find_id(n->children, id);
		if (f)
			return f;
	}
	return NULL;
}

/* The notes referred to inside el, said now: announced, then their text. */
static void say_notes(struct ctx *c, xmlNodePtr el)
{
	for (xmlNodePtr k = el->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (!(named(k, "a") && has_attr(k, "role", "doc-noteref"))) {
			say_notes(c, k);
			continue;
		}
		xmlChar *href = xmlGetProp(k, BAD_CAST "href");
		xmlNodePtr note = href && href[0] == '#' ?
			find_id(xmlDocGetRootElement(c->doc), (const char *)href + 1) : NULL;
		xmlFree(href);
		if (!note)
			continue;
		c->prefix = c->spanish ? "Nota " : "Note ";
		walk(c, note);
		c->prefix = NULL;
	}
}

/* An image is said by its alt text, announced. */
static void image(struct ctx *c, xmlNodePtr img)
{
	xmlChar *alt = xmlGetProp(img, BAD_CAST "alt");
	xmlChar *id = xmlGetProp(img, BAD_CAST "id");
	if (alt && *alt) {
		char *say = mg_xmalloc(strlen((char *)alt) + 16);
		sprintf(say, "%s %s", c->spanish ? "Imagen:" : "Image:", (char *)alt);
		mg_unit *x = new_unit(c, say, squeeze(say, strlen(say)));
		if (id)
			snprintf(x->id, sizeof x->id, "%s", (char *)id);
		else
			xmlNewProp(img, BAD_CAST "id", BAD_CAST x->id);
		free(say);
	}
	xmlFree(alt);
	xmlFree(id);
}

/* Said at their references, not where they stand: the notes and their box. */
static int said_elsewhere(xmlNodePtr n)
{
	return (named(n, "aside") && has_attr(n, "role", "doc-footnote")) ||
	       (named(n, "section") && has_attr(n, "class", "footnotes"));
}

static void walk(struct ctx *c, xmlNodePtr el)
{
	xmlNodePtr n = el->children;
	mg_vec nodes;

	mg_vec_init(&nodes, sizeof(xmlNodePtr));
	while (n) {
		if (is_phrasing(n)) {
			nodes.len = 0;
			for (; n && is_phrasing(n); n = n->next)
				*(xmlNodePtr *)mg_vec_push(&nodes) = n;
			run(c, nodes.items, nodes.len);
			continue;
		}
		xmlNodePtr next = n->next;
		if (named(n, "img"))
			image(c, n);
		else if (n->type == XML_ELEMENT_NODE && !said_elsewhere(n))
			walk(c, n);
		n = next;
	}
	mg_vec_release(&nodes);
}

void mg_units_mark(xmlDocPtr doc, const char *language, mg_units *u)
{
	struct ctx c = { .doc = doc, .u = u };
	xmlNodePtr root = xmlDocGetRootElement(doc);

	memset(u, 0, sizeof *u);
	c.spanish = language && strncasecmp(language, "es", 2) == 0 &&
		    (language[2] == '\0' || language[2] == '-');
	mg_vec_init(&c.ids, sizeof(xmlChar *));
	collect_ids(&c, root);
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
		if (named(n, "body"))
			walk(&c, n);
	for (size_t i = 0; i < c.ids.len; i++)
		xmlFree(((xmlChar **)c.ids.items)[i]);
	mg_vec_release(&c.ids);
}

void mg_units_release(mg_units *u)
{
	for (size_t i = 0; i < u->n; i++)
		free(u->u[i].say);
	free(u->u);
	memset(u, 0, sizeof *u);
}

/* ---- SSML ---- */

static void escaped(mg_vec *v, const char *s)
{
	for (; *s; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" :
				*s == '>' ? "&gt;" : NULL;
		if (e)
			mg_vec_append(v, e, strlen(e));
		else
			mg_vec_append(v, s, 1);
	}
}

char *mg_units_ssml(const mg_units *u)
{
	mg_vec v;
	char buf[64];

	mg_vec_init(&v, 1);
	mg_vec_append(&v, "<speak>\n", 8);
	for (size_t i = 0; i < u->n; i++) {
		int len = snprintf(buf, sizeof buf, "<s><mark name=\"%zu\"/>", i);
		mg_vec_append(&v, buf, (size_t)len);
		escaped(&v, u->u[i].say);
		mg_vec_append(&v, "</s>\n", 5);
	}
	mg_vec_append(&v, "</speak>\n", 10);	/* with the NUL */
	return v.items;
}

/* ---- SMIL ---- */

static void par(xmlNodePtr seq, size_t i, const char *xhtml_file,
		const char *id, const char *mp3_file, long b, long e)
{
	char buf[512];
	xmlNodePtr p = xmlNewChild(seq, NULL, BAD_CAST "par", NULL);
	snprintf(buf, sizeof buf, "par%zu", i + 1);
	xmlNewProp(p, BAD_CAST "id", BAD_CAST buf);
	xmlNodePtr t = xmlNewChild(p, NULL, BAD_CAST "text", NULL);
	snprintf(buf, sizeof buf, "%s#%s", xhtml_file, id);
	xmlNewProp(t, BAD_CAST "src", BAD_CAST buf);
	xmlNodePtr a = xmlNewChild(p, NULL, BAD_CAST "audio", NULL);
	xmlNewProp(a, BAD_CAST "src", BAD_CAST mp3_file);
	mg_epub_clock(b, buf, sizeof buf);
	xmlNewProp(a, BAD_CAST "clipBegin", BAD_CAST buf);
	mg_epub_clock(e, buf, sizeof buf);
	xmlNewProp(a, BAD_CAST "clipEnd", BAD_CAST buf);
}

int mg_overlay_smil(const mg_units *u, const mg_clips *c, const char *xhtml_file,
		    const char *mp3_file, xmlChar **out, size_t *len)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "smil", NULL);
	int n = 0;

	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST SMIL_NS, NULL));
	xmlNewNs(root, BAD_CAST EPUB_NS, BAD_CAST "epub");
	xmlNewProp(root, BAD_CAST "version", BAD_CAST "3.0");
	xmlNodePtr body = xmlNewChild(root, NULL, BAD_CAST "body", NULL);
	for (size_t i = 0; i < u->n; i++)
		par(body, i, xhtml_file, u->u[i].id, mp3_file, c->begin_ms[i],
		    i + 1 < u->n ? c->begin_ms[i + 1] : c->end_ms);
	*out = NULL;
	xmlDocDumpFormatMemoryEnc(doc, out, &n, "UTF-8", 1);
	xmlFreeDoc(doc);
	*len = n > 0 ? (size_t)n : 0;
	return *out ? 0 : -1;
}
