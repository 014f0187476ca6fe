/* epub.c — the EPUB 3 package: mimetype (first, stored), container.xml, the
 * OPF with accessibility metadata, an EPUB 2 NCX, the XHTML from xhtml.c, CSS,
 * images and the cover, deflated here and zipped by epubzip.c in a fixed order. */
#include "epub/epub.h"
#include "core/vec.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include "cover/cover.h"
#include "epub/xhtml.h"

#define OPF_NS "http://www.idpf.org/2007/opf"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define NCX_NS "http://www.daisy.org/z3986/2005/ncx/"
#define DIR "EPUB/"
/* zlib's fast strategy: within 2% of level 6's size for the bundled guide,
 * in two thirds of the time. */
#define DEFLATE_LEVEL 3
/* The cover drawn for a guide that names none (cover.h): not shown in any
 * document, only named as the package's cover image. */
#define DRAWN_COVER_ID "cover-image"
#define DRAWN_COVER_FILE "cover.png"
/* Its thumbnail (cover.h), for catalogues (src/catalog/) to use as it is:
 * a plain manifest item, named by nothing else. */
#define DRAWN_THUMB_ID "cover-thumbnail"
#define DRAWN_THUMB_FILE "cover-thumbnail.png"

static const char mimetype[] = "application/epub+zip";

static const char container_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<container version=\"1.0\" "
	"xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	"  <rootfiles>\n"
	"    <rootfile full-path=\"" DIR "package.opf\" "
	"media-type=\"application/oebps-package+xml\"/>\n"
	"  </rootfiles>\n"
	"</container>\n";

/* One zip entry. data is either borrowed (the model, the style, a constant)
 * or owned (xmlFree'd once the zip is made). A deflated entry carries its
 * raw deflate bytes (z, heap) and CRC, which libzip copies as they are. */
struct entry {
	char *name;		/* heap */
	const void *data;
	size_t len;
	xmlChar *owned;
	int store;		/* 1: stored (mimetype, images), 0: deflated */
	unsigned char *z;
	size_t zlen;
	uint32_t crc;
};

struct pkg {
	const mg_guide *g;
	const mg_style *s;
	const mg_epub_media *m;	/* NULL but for the read-aloud EPUB */
	char *css;		/* heap: the style's CSS and the highlight (m) */
	mg_xhtml_book b;
	mg_bytes cover;		/* the drawn cover's PNG, or empty: the guide's own */
	mg_bytes thumb;		/* its thumbnail's PNG, empty with it */
	struct entry *e;
	size_t n, cap;
};

static struct entry *add_entry(struct pkg *p, const char *name)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->e = mg_xrealloc(p->e, p->cap * sizeof(*p->e));
	}
	struct entry *e = &p->e[p->n++];
	memset(e, 0, sizeof(*e));
	e->name = mg_xstrdup(name);
	return e;
}

static void add_bytes(struct pkg *p, const char *name, const void *data,
		      size_t len, int store)
{
	struct entry *e = add_entry(p, name);
	e->data = data;
	e->len = len;
	e->store = store;
}

/* Serialises doc (and frees it) into a new entry DIR + file. */
static int add_doc(struct pkg *p, const char *file, xmlDocPtr doc, int indent,
		   mg_diag *d)
{
	char name[512];
	xmlChar *buf;
	size_t len;
	int rc = mg_xhtml_serialize(doc, indent, &buf, &len);

	xmlFreeDoc(doc);
	snprintf(name, sizeof(name), DIR "%s", file);
	if (rc) {
		mg_error(d, p->g->dir, 0, 0, "cannot write %s for the EPUB", name);
		return -1;
	}
	struct entry *e = add_entry(p, name);
	e->data = buf;
	e->len = len;
	e->owned = buf;
	return 0;
}

/* ---- OPF ---- */

static void prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

static xmlNodePtr meta(xmlNodePtr md, const char *property, const char *text)
{
	xmlNodePtr m = mg_xhtml_el_ns(md, NULL, "meta", text);
	prop(m, "property", property);
	return m;
}

/* "es", "es-MX" → 1 */
static int is_spanish(const char *lang)
{
	return lang && strncasecmp(lang, "es", 2) == 0 &&
	       (lang[2] == '\0' || lang[2] == '-');
}

static const char *a11y_summary(const mg_guide *g)
{
	if (is_spanish(g->language))
		return g->nimages ?
			"Publicación con índice navegable, encabezados "
			"estructurados y un orden de lectura lógico. Todas las "
			"imágenes tienen texto alternativo. Sin riesgos conocidos." :
			"Publicación con índice navegable, encabezados "
			"estructurados y un orden de lectura lógico. Solo "
			"contiene texto. Sin riesgos conocidos.";
	return g->nimages ?
		"This publication has a navigable table of contents, structured "
		"headings and a logical reading order. Every image has a text "
		"alternative. No known hazards." :
		"This publication has a navigable table of contents, structured "
		"headings and a logical reading order. It is text only. No known "
		"hazards.";
}

/* The read-aloud EPUB's summary says the voice is synthetic. */
static const char *a11y_audio_summary(const mg_guide *g)
{
	if (is_spanish(g->language))
		return "Publicación con índice navegable, encabezados "
			"estructurados y un orden de lectura lógico. Una voz "
			"sintética (eSpeak NG), no una persona, lee el texto en voz "
			"alta, sincronizada frase a frase con el texto resaltado; "
			"las imágenes se leen por su texto alternativo. Sin riesgos "
			"conocidos.";
	return "This publication has a navigable table of contents, structured "
		"headings and a logical reading order. A synthetic voice (eSpeak "
		"NG), not a human narrator, reads the text aloud, synchronised "
		"sentence by sentence with the highlighted text; images are read "
		"by their text alternatives. No known hazards.";
}

/* Where readers send questions. Dublin Core has no term for a contact;
 * schema.org's contactPoint is one, and EPUB reserves the schema: prefix
 * (no declaration needed). The lines become one, joined by "; ". */
static void contact_meta(xmlNodePtr md, const char *contact)
{
	char *s = mg_xmalloc(2 * strlen(contact) + 1), *o = s;
	for (; *contact; contact++) {
		if (*contact != '\n') {
			*o++ = *contact;
			continue;
		}
		*o++ = ';';
		*o++ = ' ';
	}
	*o = '\0';
	meta(md, "schema:contactPoint", s);
	free(s);
}

/* The overlays' durations (each, and the total: their sum), the narrator
 * and the class that highlights the sentence being read. */
static void media_metadata(struct pkg *p, xmlNodePtr md)
{
	char buf[64], ref[32];
	long total = 0;

	for (size_t i = 0; i < p->g->nparts; i++) {
		long ms = p->m->parts[i].ms;
		total += ms;
		mg_epub_clock(ms, buf, sizeof buf);
		snprintf(ref, sizeof ref, "#mo%zu", i + 1);
		prop(meta(md, "media:duration", buf), "refines", ref);
	}
	mg_epub_clock(total, buf, sizeof buf);
	meta(md, "media:duration", buf);
	if (p->m->narrator)
		meta(md, "media:narrator", p->m->narrator);
	meta(md, "media:active-class", MG_EPUB_ACTIVE_CLASS);
}

static void opf_metadata(struct pkg *p, xmlNodePtr pkg)
{
	const mg_guide *g = p->g;
	xmlNodePtr md = mg_xhtml_el_ns(pkg, NULL, "metadata", NULL);
	xmlNsPtr dc = xmlNewNs(md, BAD_CAST DC_NS, BAD_CAST "dc");
	char buf[64];
	struct tm tm;

	prop(mg_xhtml_el_ns(md, dc, "identifier", g->identifier), "id", "uid");
	prop(mg_xhtml_el_ns(md, dc, "title", g->title), "id", "title");
	mg_xhtml_el_ns(md, dc, "language", g->language);
	for (size_t i = 0; i < g->nauthors; i++) {
		snprintf(buf, sizeof(buf), "creator%zu", i + 1);
		prop(mg_xhtml_el_ns(md, dc, "creator", g->authors[i]), "id", buf);
		snprintf(buf, sizeof(buf), "#creator%zu", i + 1);
		xmlNodePtr m = meta(md, "role", "aut");
		prop(m, "refines", buf);
		prop(m, "scheme", "marc:relators");
	}
	if (g->publisher && *g->publisher)
		mg_xhtml_el_ns(md, dc, "publisher", g->publisher);
	if (mg_date_is_iso(g->date))
		mg_xhtml_el_ns(md, dc, "date", g->date);
	if (g->description && *g->description)
		mg_xhtml_el_ns(md, dc, "description", g->description);
	for (size_t i = 0; i < g->nsubjects; i++)
		mg_xhtml_el_ns(md, dc, "subject", g->subjects[i]);
	if (g->contact && *g->contact)
		contact_meta(md, g->contact);
	/* When a clinician last checked the guide: the catalogue's "updated"
	 * and the download page read it back. Dublin Core has no review date;
	 * schema.org's lastReviewed is one (the schema: prefix is reserved). */
	if (mg_date_is_iso(g->reviewed))
		meta(md, "schema:lastReviewed", g->reviewed);

	time_t t = g->modified;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	meta(md, "dcterms:modified", buf);

	meta(md, "schema:accessMode", "textual");
	if (g->nimages)
		meta(md, "schema:accessMode", "visual");
	if (p->m)
		meta(md, "schema:accessMode", "auditory");
	meta(md, "schema:accessModeSufficient", "textual");
	if (g->nimages)
		meta(md, "schema:accessModeSufficient", "textual,visual");
	if (p->m)
		meta(md, "schema:accessModeSufficient", "auditory");
	meta(md, "schema:accessibilityFeature", "structuralNavigation");
	meta(md, "schema:accessibilityFeature", "tableOfContents");
	meta(md, "schema:accessibilityFeature", "readingOrder");
	meta(md, "schema:accessibilityFeature", "displayTransformability");
	meta(md, "schema:accessibilityFeature", "ARIA");
	if (g->nimages)
		meta(md, "schema:accessibilityFeature", "alternativeText");
	if (p->m)
		meta(md, "schema:accessibilityFeature", "synchronizedAudioText");
	meta(md, "schema:accessibilityHazard", "none");
	meta(md, "schema:accessibilitySummary",
	     p->m ? a11y_audio_summary(g) : a11y_summary(g));
	if (p->m)
		media_metadata(p, md);

	/* for EPUB 2 readers */
	xmlNodePtr m = mg_xhtml_el_ns(md, NULL, "meta", NULL);
	prop(m, "name", "cover");
	prop(m, "content", p->b.cover_image >= 0 ?
			   p->b.image_id[p->b.cover_image] : DRAWN_COVER_ID);
}

static xmlNodePtr item(xmlNodePtr mf, const char *id, const char *href,
		       const char *type, const char *props)
{
	xmlNodePtr it = mg_xhtml_el_ns(mf, NULL, "item", NULL);
	prop(it, "id", id);
	prop(it, "href", href);
	prop(it, "media-type", type);
	if (props)
		prop(it, "properties", props);
	return it;
}

/* A part's overlay and audio in the manifest; its document names the
 * overlay. */
static void media_items(xmlNodePtr mf, xmlNodePtr doc_item,
			const mg_epub_media_part *mp, size_t i)
{
	char id[32];

	snprintf(id, sizeof id, "mo%zu", i + 1);
	prop(doc_item, "media-overlay", id);
	item(mf, id, mp->smil_file, "application/smil+xml", NULL);
	snprintf(id, sizeof id, "au%zu", i + 1);
	item(mf, id, mp->mp3_file, "audio/mpeg", NULL);
}

static void itemref(xmlNodePtr spine, const char *idref)
{
	prop(mg_xhtml_el_ns(spine, NULL, "itemref", NULL), "idref", idref);
}

static void reference(xmlNodePtr guide, const char *type, const char *title,
		      const char *href)
{
	xmlNodePtr r = mg_xhtml_el_ns(guide, NULL, "reference", NULL);
	prop(r, "type", type);
	prop(r, "title", title);
	prop(r, "href", href);
}

static xmlDocPtr opf(struct pkg *p)
{
	const mg_guide *g = p->g;
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr pkg = xmlNewDocNode(doc, NULL, BAD_CAST "package", NULL);

	xmlDocSetRootElement(doc, pkg);
	xmlSetNs(pkg, xmlNewNs(pkg, BAD_CAST OPF_NS, NULL));
	prop(pkg, "version", "3.0");
	prop(pkg, "unique-identifier", "uid");
	xmlNodeSetLang(pkg, BAD_CAST g->language);
	if (mg_xhtml_rtl(g->language))
		prop(pkg, "dir", "rtl");
	opf_metadata(p, pkg);

	xmlNodePtr mf = mg_xhtml_el_ns(pkg, NULL, "manifest", NULL);
	item(mf, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	item(mf, "nav", MG_XHTML_NAV_FILE, "application/xhtml+xml", "nav");
	item(mf, "css", MG_XHTML_CSS_FILE, "text/css", NULL);
	item(mf, "titlepage", MG_XHTML_TITLE_FILE, "application/xhtml+xml", NULL);
	for (size_t i = 0; i < g->nparts; i++) {
		xmlNodePtr it = item(mf, p->b.part_id[i], p->b.part_file[i],
				     "application/xhtml+xml", NULL);
		if (p->m)
			media_items(mf, it, &p->m->parts[i], i);
	}
	for (size_t i = 0; i < g->nimages; i++)
		item(mf, p->b.image_id[i], p->b.image_file[i],
		     g->images[i].media_type,
		     (int)i == p->b.cover_image ? "cover-image" : NULL);
	if (p->cover.len)
		item(mf, DRAWN_COVER_ID, DRAWN_COVER_FILE, "image/png",
		     "cover-image");
	if (p->thumb.len)
		item(mf, DRAWN_THUMB_ID, DRAWN_THUMB_FILE, "image/png", NULL);

	xmlNodePtr spine = mg_xhtml_el_ns(pkg, NULL, "spine", NULL);
	prop(spine, "toc", "ncx");
	if (mg_xhtml_rtl(g->language))
		prop(spine, "page-progression-direction", "rtl");
	itemref(spine, "titlepage");
	itemref(spine, "nav");
	for (size_t i = 0; i < g->nparts; i++)
		itemref(spine, p->b.part_id[i]);

	/* for EPUB 2 reading systems (Adobe RMSDK) */
	xmlNodePtr guide = mg_xhtml_el_ns(pkg, NULL, "guide", NULL);
	reference(guide, "cover", mg_term_text(g->language, MG_TERM_COVER),
		  MG_XHTML_TITLE_FILE);
	reference(guide, "title-page", mg_term_text(g->language, MG_TERM_TITLE_PAGE),
		  MG_XHTML_TITLE_FILE);
	reference(guide, "toc", mg_term_text(g->language, MG_TERM_CONTENTS),
		  MG_XHTML_NAV_FILE);
	if (g->parts[0].kind == MG_PART_CHAPTER)
		reference(guide, "text", mg_term_text(g->language, MG_TERM_START),
			  p->b.part_file[0]);
	return doc;
}

/* ---- NCX ---- */

struct ncx {
	xmlNodePtr map;
	int order;
};

static xmlNodePtr nav_point(struct ncx *x, xmlNodePtr parent, const char *label,
			    const char *src)
{
	char buf[32];
	xmlNodePtr np = mg_xhtml_el_ns(parent, NULL, "navPoint", NULL);
	x->order++;
	snprintf(buf, sizeof(buf), "np%d", x->order);
	prop(np, "id", buf);
	snprintf(buf, sizeof(buf), "%d", x->order);
	prop(np, "playOrder", buf);
	mg_xhtml_el_ns(mg_xhtml_el_ns(np, NULL, "navLabel", NULL), NULL, "text",
	      label && *label ? label : src);
	prop(mg_xhtml_el_ns(np, NULL, "content", NULL), "src", src);
	return np;
}

static int ncx_part(struct pkg *p, struct ncx *x, size_t i)
{
	const char *file = p->b.part_file[i];
	char src[1200], *label;
	int depth = 1;

	xmlNodePtr np = nav_point(x, x->map, p->g->parts[i].title, file);
	for (const mg_node *n = NULL;
	     (n = mg_xhtml_section(&p->b, i, n, &label, src, sizeof(src)));
	     free(label)) {
		nav_point(x, np, label, src);
		depth = 2;
	}
	return depth;
}

static xmlDocPtr ncx(struct pkg *p)
{
	const mg_guide *g = p->g;
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "ncx", NULL);
	struct ncx x = { 0 };
	int depth = 1;

	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST NCX_NS, NULL));
	prop(root, "version", "2005-1");
	xmlNodeSetLang(root, BAD_CAST g->language);

	xmlNodePtr head = mg_xhtml_el_ns(root, NULL, "head", NULL);
	xmlNodePtr m = mg_xhtml_el_ns(head, NULL, "meta", NULL);
	prop(m, "name", "dtb:uid");
	prop(m, "content", g->identifier);
	xmlNodePtr mdepth = mg_xhtml_el_ns(head, NULL, "meta", NULL);
	prop(mdepth, "name", "dtb:depth");
	m = mg_xhtml_el_ns(head, NULL, "meta", NULL);
	prop(m, "name", "dtb:totalPageCount");
	prop(m, "content", "0");
	m = mg_xhtml_el_ns(head, NULL, "meta", NULL);
	prop(m, "name", "dtb:maxPageNumber");
	prop(m, "content", "0");
	mg_xhtml_el_ns(mg_xhtml_el_ns(root, NULL, "docTitle", NULL), NULL, "text", g->title);

	x.map = mg_xhtml_el_ns(root, NULL, "navMap", NULL);
	nav_point(&x, x.map, mg_term_text(g->language, MG_TERM_TITLE_PAGE),
		  MG_XHTML_TITLE_FILE);
	nav_point(&x, x.map, mg_term_text(g->language, MG_TERM_CONTENTS),
		  MG_XHTML_NAV_FILE);
	for (size_t i = 0; i < g->nparts; i++)
		if (ncx_part(p, &x, i) > depth)
			depth = 2;
	prop(mdepth, "content", depth == 2 ? "2" : "1");
	return doc;
}

/* ---- zip ---- */

/* Deflates every entry that is not stored with one zlib stream, reset
 * between entries: one set of buffers for the whole EPUB. */
static int deflate_entries(struct pkg *p)
{
	z_stream z;
	int rc = -1;

	memset(&z, 0, sizeof(z));
	/* -15: raw deflate, as zip wants it; memory level 6 (zlib's default
	 * is 8): the same bytes for a guide's small documents, and a quarter of
	 * the hash table to clear between entries */
	if (deflateInit2(&z, DEFLATE_LEVEL, Z_DEFLATED, -15, 6,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	for (size_t i = 0; i < p->n; i++) {
		struct entry *e = &p->e[i];
		if (e->store)
			continue;
		uLong bound = deflateBound(&z, (uLong)e->len);
		e->z = mg_xmalloc(bound);
		z.next_in = (Bytef *)e->data;
		z.avail_in = (uInt)e->len;
		z.next_out = e->z;
		z.avail_out = (uInt)bound;
		if (deflate(&z, Z_FINISH) != Z_STREAM_END)
			goto out;
		e->zlen = bound - z.avail_out;
		e->crc = (uint32_t)crc32(crc32(0, NULL, 0), e->data, (uInt)e->len);
		if (deflateReset(&z) != Z_OK)
			goto out;
	}
	rc = 0;
out:
	deflateEnd(&z);
	return rc;
}

/* Hands the entries, deflated, to the zip writer (epubzip.h). */
static int write_zip(struct pkg *p, mg_bytes *out, mg_diag *d)
{
	mg_zip_entry *ze;
	char why[256];
	int rc;

	if (deflate_entries(p) < 0) {
		mg_error(d, p->g->dir, 0, 0, "cannot compress the EPUB's files");
		return -1;
	}
	ze = mg_xcalloc(p->n, sizeof(*ze));
	for (size_t i = 0; i < p->n; i++) {
		const struct entry *e = &p->e[i];

		ze[i].name = e->name;
		ze[i].data = e->store ? e->data : e->z;
		ze[i].len = e->store ? e->len : e->zlen;
		ze[i].size = e->len;
		ze[i].crc = e->crc;
		ze[i].deflated = !e->store;
	}
	rc = mg_epubzip_write(ze, p->n, p->g->modified, out, why, sizeof(why));
	if (rc < 0)
		mg_error(d, p->g->dir, 0, 0, "cannot make the EPUB: %s", why);
	free(ze);
	return rc;
}

/* ---- the whole package ---- */

static int check_guide(const mg_guide *g, mg_diag *d)
{
	const char *missing = !g->title || !*g->title ? "title" :
			      !g->language || !*g->language ? "language" :
			      !g->identifier || !*g->identifier ? "identifier" :
			      !g->nparts ? "parts" : NULL;
	if (!missing)
		return 0;
	mg_error(d, g->dir, 0, 0, "cannot write an EPUB without a %s", missing);
	return -1;
}

/* The read-aloud parts: each document (with its ids), then the overlays,
 * then the audio, stored (MP3 does not deflate). */
static void add_media(struct pkg *p)
{
	char name[512];
	size_t n = p->g->nparts;
	const mg_epub_media_part *mp = p->m->parts;

	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof name, DIR "%s", p->b.part_file[i]);
		add_bytes(p, name, mp[i].xhtml, mp[i].xhtml_len, 0);
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof name, DIR "%s", mp[i].smil_file);
		add_bytes(p, name, mp[i].smil, mp[i].smil_len, 0);
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof name, DIR "%s", mp[i].mp3_file);
		add_bytes(p, name, mp[i].mp3, mp[i].mp3_len, 1);
	}
}

/* The style's CSS and the highlight of the sentence being read. */
static char *media_css(const mg_style *s)
{
	static const char rule[] =
		"\n/* read aloud: the sentence being read (media:active-class) */\n"
		"." MG_EPUB_ACTIVE_CLASS " { background-color: #ffeb3b; color: #000; }\n";
	size_t len = s && s->css ? s->css_len : 0;
	char *css = mg_xmalloc(len + sizeof rule);

	if (len)
		memcpy(css, s->css, len);
	memcpy(css + len, rule, sizeof rule);
	return css;
}

static int build_entries(struct pkg *p, mg_diag *d)
{
	const mg_guide *g = p->g;
	static const char no_css[] = "/* no stylesheet */\n";

	add_bytes(p, "mimetype", mimetype, sizeof(mimetype) - 1, 1);
	add_bytes(p, "META-INF/container.xml", container_xml,
		  sizeof(container_xml) - 1, 0);
	if (add_doc(p, "package.opf", opf(p), 1, d) ||
	    add_doc(p, "toc.ncx", ncx(p), 1, d) ||
	    add_doc(p, MG_XHTML_NAV_FILE, mg_xhtml_nav(&p->b), 0, d))
		return -1;
	if (p->m)
		add_bytes(p, DIR MG_XHTML_CSS_FILE, p->css, strlen(p->css), 0);
	else if (p->s && p->s->css)
		add_bytes(p, DIR MG_XHTML_CSS_FILE, p->s->css, p->s->css_len, 0);
	else
		add_bytes(p, DIR MG_XHTML_CSS_FILE, no_css, sizeof(no_css) - 1, 0);
	if (add_doc(p, MG_XHTML_TITLE_FILE, mg_xhtml_title_page(&p->b), 0, d))
		return -1;
	if (p->m) {
		add_media(p);
	} else {
		for (size_t i = 0; i < g->nparts; i++)
			if (add_doc(p, p->b.part_file[i], mg_xhtml_part(&p->b, i), 0, d))
				return -1;
	}
	for (size_t i = 0; i < g->nimages; i++) {
		char name[512];
		snprintf(name, sizeof(name), DIR "%s", p->b.image_file[i]);
		add_bytes(p, name, g->images[i].data, g->images[i].size, 1);
	}
	if (p->cover.len)
		add_bytes(p, DIR DRAWN_COVER_FILE, p->cover.data, p->cover.len, 1);
	if (p->thumb.len)
		add_bytes(p, DIR DRAWN_THUMB_FILE, p->thumb.data, p->thumb.len, 1);
	return 0;
}

/* libxml2 2.9 initialises itself lazily, and not safely when two threads
 * start at once; the first EPUB of the process does it, once. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

void mg_epub_init(void)
{
	pthread_once(&xml_once, xml_init);
}

void mg_epub_clock(long ms, char *buf, size_t size)
{
	snprintf(buf, size, "%ld:%02ld:%02ld.%03ld", ms / 3600000,
		 ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

int mg_epub_write(const mg_guide *g, const mg_style *s,
		  mg_bytes *out, mg_diag *d)
{
	return mg_epub_write_media(g, s, NULL, out, d);
}

int mg_epub_write_media(const mg_guide *g, const mg_style *s,
			const mg_epub_media *m, mg_bytes *out, mg_diag *d)
{
	struct pkg p;
	int rc = -1;

	out->data = NULL;
	out->len = 0;
	if (check_guide(g, d))
		return -1;
	pthread_once(&xml_once, xml_init);
	memset(&p, 0, sizeof(p));
	p.g = g;
	p.s = s;
	p.m = m;
	if (m)
		p.css = media_css(s);
	mg_xhtml_book_init(&p.b, g);
	if (p.b.cover_image < 0 && mg_cover_draw(g, s, &p.cover, &p.thumb, d) < 0)
		goto out;
	if (build_entries(&p, d))
		goto out;
	rc = write_zip(&p, out, d);
out:
	for (size_t i = 0; i < p.n; i++) {
		free(p.e[i].name);
		free(p.e[i].z);
		xmlFree(p.e[i].owned);
	}
	free(p.e);
	free(p.css);
	mg_bytes_release(&p.cover);
	mg_bytes_release(&p.thumb);
	mg_xhtml_book_release(&p.b);
	return rc;
}
