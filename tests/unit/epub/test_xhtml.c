/* test_xhtml.c — the EPUB writer on a hand-built Spanish guide that uses
 * every node type: zip layout, well-formed documents, ARIA/epub:type pairs,
 * footnotes, link rewriting, escaping, metadata and byte-reproducibility.
 * With MG_TEST_EPUB_OUT=path it also leaves the EPUB there (for epubcheck),
 * and with MG_TEST_RTL_OUT=path the right-to-left (Arabic) one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "epub/epub.h"
#include "core/vec.h"
#include "model/guide.h"
#include "epub/xhtml.h"
#include "mgtest.h"

static const unsigned char png4x4[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04,
	0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09, 0x29, 0x00, 0x00, 0x00,
	0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x38, 0x60, 0x60, 0x00,
	0x47, 0x0c, 0xc4, 0x71, 0x00, 0xdd, 0x43, 0x12, 0x01, 0x68, 0x74, 0x0d,
	0xce, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
	0x82
};

#define INJECT "<script>alert(1)</script> & ]]> \"q\" \x01"

/* ---- building the model ---- */

static mg_node *add(mg_node *parent, mg_node *child)
{
	mg_node_append(parent, child);
	return child;
}

static mg_node *node(mg_guide *g, mg_node_type t)
{
	return mg_node_new(g, t, 1, 1);
}

static mg_node *text(mg_guide *g, const char *s)
{
	return mg_node_new_text(g, s, strlen(s));
}

static mg_node *para(mg_guide *g, mg_node *parent, const char *s)
{
	mg_node *p = add(parent, node(g, MG_NODE_PARAGRAPH));
	add(p, text(g, s));
	return p;
}

static mg_node *heading(mg_guide *g, mg_node *parent, int level,
			const char *id, const char *s)
{
	mg_node *h = node(g, MG_NODE_HEADING);
	h->level = level;
	h->id = id;
	add(h, text(g, s));
	if (parent)
		add(parent, h);
	return h;
}

static mg_node *link_to(mg_guide *g, mg_node *parent, int part, const char *id,
			const char *s)
{
	mg_node *l = add(parent, node(g, MG_NODE_LINK));
	l->target_part = part;
	l->target_id = id;
	add(l, text(g, s));
	return l;
}

static mg_node *fnref(mg_guide *g, mg_node *parent, int k)
{
	mg_node *r = add(parent, node(g, MG_NODE_FOOTNOTE_REF));
	r->footnote = k;
	return r;
}

static mg_node *inline_wrap(mg_guide *g, mg_node *parent, mg_node_type t,
			    const char *s)
{
	mg_node *e = add(parent, node(g, t));
	add(e, text(g, s));
	return e;
}

static void set_part(mg_guide *g, mg_part *p, mg_part_kind kind,
		     const char *name, const char *id, const char *title)
{
	p->kind = kind;
	p->name = name;
	p->path = mg_arena_printf(g->arena, "book/es/%s.md", name);
	p->title = title;
	p->heading = heading(g, NULL, 1, id, title);
	p->body = node(g, MG_NODE_DOCUMENT);
}

static void chapter_one(mg_guide *g, mg_part *p)
{
	mg_node *b, *n, *l, *im;

	set_part(g, p, MG_PART_CHAPTER, "ch01", "introduccion", "Introducción");
	b = p->body;
	n = para(g, b, "Texto con µ ≥ 5 y “comillas” ");
	inline_wrap(g, n, MG_NODE_EMPH, "énfasis");
	add(n, node(g, MG_NODE_SOFTBREAK));
	inline_wrap(g, n, MG_NODE_STRONG, "fuerte");
	add(n, node(g, MG_NODE_LINEBREAK));
	inline_wrap(g, n, MG_NODE_STRIKE, "tachado");
	mg_node *c = add(n, node(g, MG_NODE_CODE));
	c->text = "x < y";
	c->len = strlen(c->text);
	fnref(g, n, 0);
	add(n, text(g, " y otra vez"));
	fnref(g, n, 0);
	fnref(g, n, 1);
	l = add(n, node(g, MG_NODE_LINK));
	l->url = "https://example.org/?a=1&b=2";
	l->title = "Ejemplo";
	add(l, text(g, "enlace externo"));
	link_to(g, n, 1, "seccion-2", "a la sección 2");
	l = add(n, node(g, MG_NODE_LINK));
	l->url = "https://es.example.org/piel (órgano)?q=\"<x>\"";
	add(l, text(g, "IRI"));
	im = add(n, node(g, MG_NODE_IMAGE));
	im->image = 7;	/* unresolved: its alt text stays */
	im->alt = "sin imagen";
	para(g, b, INJECT);

	heading(g, b, 2, "primera-seccion", "Primera sección");
	heading(g, b, 3, "fn1", "Un id que choca con una nota");
	mg_node *q = add(b, node(g, MG_NODE_BLOCKQUOTE));
	para(g, q, "Cita.");

	mg_node *ol = add(b, node(g, MG_NODE_LIST));
	ol->ordered = 1;
	ol->start = 3;
	ol->tight = 1;
	for (int i = 0; i < 2; i++) {
		mg_node *it = add(ol, node(g, MG_NODE_ITEM));
		para(g, it, i ? "segundo" : "primero");
		if (!i) {
			mg_node *ul = add(it, node(g, MG_NODE_LIST));
			mg_node *sub = add(ul, node(g, MG_NODE_ITEM));
			para(g, sub, "anidado, suelto");
			para(g, sub, "segundo párrafo");
		}
	}
	mg_node *cb = add(b, node(g, MG_NODE_CODE_BLOCK));
	cb->text = "if (a < b && c)\n  return;\n";
	cb->len = strlen(cb->text);
	add(b, node(g, MG_NODE_THEMATIC_BREAK));

	mg_node *t = add(b, node(g, MG_NODE_TABLE));
	t->columns = 2;
	for (int r = 0; r < 3; r++) {
		mg_node *row = add(t, node(g, MG_NODE_TABLE_ROW));
		row->header = r == 0;
		for (int k = 0; k < 2; k++) {
			mg_node *cell = add(row, node(g, MG_NODE_TABLE_CELL));
			cell->align = k ? MG_ALIGN_RIGHT : MG_ALIGN_LEFT;
			if (r == 2 && k == 1)
				continue;	/* an empty cell */
			add(cell, text(g, r ? "dato" : "Encabezado"));
		}
	}
	mg_node *fig = add(b, node(g, MG_NODE_FIGURE));
	fig->image = 1;
	fig->alt = "Un cuadrado rojo";
	fig->title = "Figura 1";
	n = para(g, b, "Imagen en línea: ");
	im = add(n, node(g, MG_NODE_IMAGE));
	im->image = 1;
	im->alt = "cuadrado";
	heading(g, b, 2, "1-numerico", "Un id que empieza por cifra");

	p->nfootnotes = 2;
	p->footnotes = mg_arena_alloc(g->arena, 2 * sizeof(mg_footnote));
	for (int k = 0; k < 2; k++) {
		p->footnotes[k].label = k ? "dos" : "uno";
		p->footnotes[k].body = node(g, MG_NODE_DOCUMENT);
		para(g, p->footnotes[k].body, k ? "Nota dos." : "Nota uno.");
	}
}

static mg_guide *build_guide(void)
{
	mg_guide *g = mg_guide_new();
	static const char *authors[] = { "Ana Pérez", "Luis Gómez" };
	static const char *subjects[] = { "Salud", "Guía" };
	mg_node *n;

	g->dir = "book/es";
	g->slug = "es";
	g->title = "Guía <completa> & \"todo\"";
	g->subtitle = "Todas las funciones";
	g->language = "es";
	g->identifier = "urn:uuid:2f1b3c4d-5e6f-5a0b-8c1d-2e3f4a5b6c7d";
	g->authors = authors;
	g->nauthors = 2;
	g->publisher = "Clínica Ejemplo";
	g->date = "2025-11-25";
	g->description = "Una guía de prueba " INJECT;
	g->subjects = subjects;
	g->nsubjects = 2;
	g->reviewer = "Dra. Marta Ruiz";
	g->reviewed = "2025-11-01";
	g->next_review = "2026-11-01";
	g->contact = "Clínica Ejemplo <consultas@example.org>\nTeléfono: 555-0123";
	g->modified = 1764028800;	/* 2025-11-25T00:00:00Z */

	g->nimages = 2;
	g->images = mg_arena_alloc(g->arena, 2 * sizeof(mg_image));
	for (int i = 0; i < 2; i++) {
		g->images[i].path = i ? "img/rojo.png" : "portada.png";
		g->images[i].media_type = "image/png";
		g->images[i].data = png4x4;
		g->images[i].size = sizeof(png4x4);
		g->images[i].width = g->images[i].height = 4;
	}
	g->cover = 0;

	g->nparts = 4;
	g->parts = mg_arena_alloc(g->arena, 4 * sizeof(mg_part));
	chapter_one(g, &g->parts[0]);

	mg_part *p = &g->parts[1];
	set_part(g, p, MG_PART_CHAPTER, "ch02", "segundo-capitulo", "Segundo capítulo");
	heading(g, p->body, 2, "seccion-2", "Sección 2");
	n = para(g, p->body, "Vuelve a ");
	link_to(g, n, 0, "1-numerico", "la cifra");
	link_to(g, n, 0, NULL, "al principio");
	link_to(g, n, 1, "seccion-2", "aquí");

	p = &g->parts[2];
	set_part(g, p, MG_PART_FAQ, "faq", "preguntas-frecuentes", "Preguntas frecuentes");
	heading(g, p->body, 2, "que-es", "¿Qué es?");
	para(g, p->body, "Una respuesta.");

	p = &g->parts[3];
	set_part(g, p, MG_PART_DISCLAIMER, "disclaimer", "aviso", "Aviso");
	para(g, p->body, "Solo informativo.");
	return g;
}

/* ---- reading the product ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

static xmlDocPtr zip_doc(zip_t *za, const char *name)
{
	zip_stat_t st;
	zip_file_t *zf;
	xmlDocPtr doc = NULL;

	if (zip_stat(za, name, 0, &st) < 0 || !(zf = zip_fopen(za, name, 0)))
		return NULL;
	char *buf = malloc(st.size + 1);
	if (zip_fread(zf, buf, st.size) == (zip_int64_t)st.size)
		doc = xmlReadMemory(buf, (int)st.size, name, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING);
	zip_fclose(zf);
	free(buf);
	return doc;
}

static xmlXPathContextPtr xp(xmlDocPtr doc)
{
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(x, BAD_CAST "h", BAD_CAST MG_XHTML_NS);
	xmlXPathRegisterNs(x, BAD_CAST "epub", BAD_CAST MG_EPUB_NS);
	xmlXPathRegisterNs(x, BAD_CAST "opf", BAD_CAST "http://www.idpf.org/2007/opf");
	xmlXPathRegisterNs(x, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
	xmlXPathRegisterNs(x, BAD_CAST "ncx", BAD_CAST "http://www.daisy.org/z3986/2005/ncx/");
	return x;
}

static int count(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr x = xp(doc);
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, x);
	int n = -1;
	if (o && o->type == XPATH_NODESET)
		n = o->nodesetval ? o->nodesetval->nodeNr : 0;
	else if (o && o->type == XPATH_NUMBER)
		n = (int)o->floatval;
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(x);
	return n;
}

/* The string value of expr, in one of four static buffers (so that two
 * calls can meet in one CHECK). */
static const char *str(xmlDocPtr doc, const char *expr)
{
	static char bufs[4][2048];
	static int k;
	char *buf = bufs[k++ & 3];
	xmlXPathContextPtr x = xp(doc);
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, x);
	xmlChar *s = o ? xmlXPathCastToString(o) : NULL;
	snprintf(buf, sizeof(bufs[0]), "%s", s ? (const char *)s : "");
	xmlFree(s);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(x);
	return buf;
}

static char *tmp_path(const char *tag)
{
	static char buf[2][256];
	static int k;
	char *p = buf[k++ & 1];
	snprintf(p, 256, "%s/mg-test-xhtml-%d-%s.epub",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid(), tag);
	return p;
}

static mg_guide *G;
static char PATH[256];
static zip_t *ZA;

static const char *docs[] = {
	"EPUB/nav.xhtml", "EPUB/titlepage.xhtml", "EPUB/ch01.xhtml",
	"EPUB/ch02.xhtml", "EPUB/faq.xhtml", "EPUB/disclaimer.xhtml", NULL
};

/* mg_epub_write into the file at path. */
static int epub_to(const mg_guide *g, const char *path, mg_diag *d)
{
	mg_bytes b = { (unsigned char *)"x", 1 };

	return mgt_save_bytes(mg_epub_write(g, NULL, &b, d), &b, path);
}

static void test_writes(void)
{
	mg_diag d;
	mg_diag_init(&d);
	CHECK_INT(epub_to(G, PATH, &d), 0);
	CHECK_INT(d.errors, 0);
	mg_diag_print(&d, stdout);
	mg_diag_release(&d);
	int err;
	ZA = zip_open(PATH, ZIP_RDONLY, &err);
	CHECK(ZA != NULL);
}

static void test_zip_layout(void)
{
	static const char *order[] = {
		"mimetype", "META-INF/container.xml", "EPUB/package.opf",
		"EPUB/toc.ncx", "EPUB/nav.xhtml", "EPUB/style.css",
		"EPUB/titlepage.xhtml", "EPUB/ch01.xhtml", "EPUB/ch02.xhtml",
		"EPUB/faq.xhtml", "EPUB/disclaimer.xhtml", "EPUB/images/img1.png",
		"EPUB/images/img2.png", NULL
	};
	size_t len;
	char *raw = slurp(PATH, &len);
	zip_stat_t st;

	CHECK(raw && len > 60);
	/* the first local header: "mimetype", no extra field, stored bytes */
	CHECK(raw && memcmp(raw, "PK\x03\x04", 4) == 0);
	CHECK(raw && raw[8] == 0 && raw[9] == 0);		/* method: stored */
	CHECK(raw && raw[26] == 8 && raw[27] == 0);		/* name length */
	CHECK(raw && raw[28] == 0 && raw[29] == 0);		/* extra length */
	CHECK(raw && memcmp(raw + 30, "mimetypeapplication/epub+zip", 28) == 0);
	free(raw);

	if (!ZA)
		return;
	CHECK_INT(zip_get_num_entries(ZA, 0), 13);
	for (int i = 0; order[i]; i++)
		CHECK_STR(zip_get_name(ZA, (zip_uint64_t)i, 0), order[i]);
	for (zip_int64_t i = 0; i < zip_get_num_entries(ZA, 0); i++) {
		CHECK_INT(zip_file_extra_fields_count(ZA, (zip_uint64_t)i,
						      ZIP_FL_LOCAL | ZIP_FL_CENTRAL), 0);
		CHECK(zip_stat_index(ZA, (zip_uint64_t)i, 0, &st) == 0);
		if (i == 0 || i >= 11)
			CHECK_INT(st.comp_method, ZIP_CM_STORE);
		else
			CHECK_INT(st.comp_method, ZIP_CM_DEFLATE);
	}
}

static void test_documents_well_formed(void)
{
	for (int i = 0; ZA && docs[i]; i++) {
		xmlDocPtr doc = zip_doc(ZA, docs[i]);
		CHECK(doc != NULL);
		if (!doc) {
			printf("  not well-formed: %s\n", docs[i]);
			continue;
		}
		CHECK_STR(str(doc, "/h:html/@lang"), "es");
		CHECK_STR(str(doc, "/h:html/@xml:lang"), "es");
		CHECK_INT(count(doc, "//h:script"), 0);
		CHECK_INT(count(doc, "//h:ol[not(h:li)]"), 0);
		/* ids unique in the document */
		CHECK_INT(count(doc, "//*[@id = following::*/@id or @id = descendant::*/@id]"), 0);
		/* every same-document link lands on an id */
		CHECK_INT(count(doc, "//h:a[starts-with(@href, '#')]"
				     "[not(substring(@href, 2) = //@id)]"), 0);
		/* every epub:type of DPUB-ARIA meaning has its role */
		CHECK_INT(count(doc, "//*[@epub:type='footnote' or @epub:type='noteref'"
				     " or @epub:type='backlink' or @epub:type='chapter']"
				     "[not(@role)]"), 0);
		/* all images have alt text */
		CHECK_INT(count(doc, "//h:img[not(@alt) or @alt='']"), 0);
		xmlFreeDoc(doc);
	}
}

static void test_chapter_markup(void)
{
	xmlDocPtr doc = ZA ? zip_doc(ZA, "EPUB/ch01.xhtml") : NULL;
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_INT(count(doc, "//h:section[@epub:type='chapter'][@role='doc-chapter']"), 1);
	CHECK_STR(str(doc, "//h:h1/@id"), "introduccion");
	CHECK_STR(str(doc, "//h:h1"), "Introducción");
	CHECK_INT(count(doc, "//h:aside[@epub:type='footnote'][@role='doc-footnote']"), 2);
	CHECK_INT(count(doc, "//h:a[@epub:type='noteref'][@role='doc-noteref']"), 3);
	CHECK_INT(count(doc, "//h:a[@role='doc-backlink']"), 2);
	/* the heading "fn1" keeps its id; the note takes another */
	CHECK_STR(str(doc, "//h:h3/@id"), "fn1");
	CHECK(strcmp(str(doc, "//h:aside[1]/@id"), "fn1") != 0);
	CHECK_STR(str(doc, "//h:a[@role='doc-noteref'][1]/@href"),
		  mg_arena_printf(G->arena, "#%s", str(doc, "//h:aside[1]/@id")));
	CHECK_STR(str(doc, "//h:aside[1]//h:a[@role='doc-backlink']/@href"),
		  mg_arena_printf(G->arena, "#%s",
				  str(doc, "(//h:a[@role='doc-noteref'])[1]/@id")));
	CHECK_STR(str(doc, "//h:aside[1]/h:p"), "1. Nota uno. \xe2\x86\xa9\xef\xb8\x8e");
	/* table */
	CHECK_INT(count(doc, "//h:table/h:thead/h:tr/h:th[@scope='col']"), 2);
	CHECK_INT(count(doc, "//h:table/h:tbody/h:tr"), 2);
	CHECK_INT(count(doc, "//h:td[@class='align-right']"), 2);
	/* lists: tight items hold no <p>, loose ones do */
	CHECK_STR(str(doc, "//h:ol/@start"), "3");
	CHECK_INT(count(doc, "//h:ol/h:li/h:p"), 0);
	CHECK_INT(count(doc, "//h:ol/h:li/h:ul/h:li/h:p"), 2);
	CHECK_STR(str(doc, "//h:pre/h:code"), "if (a < b && c)\n  return;\n");
	CHECK_INT(count(doc, "//h:blockquote/h:p"), 1);
	CHECK_INT(count(doc, "//h:hr"), 1);
	CHECK_INT(count(doc, "//h:em | //h:strong | //h:del | //h:code | //h:br"), 6);
	/* images */
	CHECK_STR(str(doc, "//h:figure/h:img/@src"), "images/img2.png");
	CHECK_STR(str(doc, "//h:figure/h:img/@alt"), "Un cuadrado rojo");
	CHECK_STR(str(doc, "//h:figure/h:figcaption"), "Figura 1");
	CHECK_STR(str(doc, "//h:p/h:img/@alt"), "cuadrado");
	/* links */
	CHECK_STR(str(doc, "//h:a[@title='Ejemplo']/@href"), "https://example.org/?a=1&b=2");
	CHECK_STR(str(doc, "//h:a[. = 'a la sección 2']/@href"), "ch02.xhtml#seccion-2");
	CHECK_STR(str(doc, "//h:a[. = 'IRI']/@href"),
		  "https://es.example.org/piel%20(%C3%B3rgano)?q=%22%3Cx%3E%22");
	CHECK_INT(count(doc, "//h:p[contains(., 'sin imagen')]"), 1);
	CHECK_INT(count(doc, "//h:img[not(@src)]"), 0);
	/* an id that is no XML name is made one, consistently */
	CHECK_STR(str(doc, "//h:h2[2]/@id"), "_1-numerico");
	/* markup in the model is text */
	CHECK_INT(count(doc, "//h:p[. = '<script>alert(1)</script> & ]]> \"q\" ']"), 1);
	xmlFreeDoc(doc);
}

static void test_links_across_documents(void)
{
	xmlDocPtr doc = ZA ? zip_doc(ZA, "EPUB/ch02.xhtml") : NULL;
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(str(doc, "//h:a[. = 'la cifra']/@href"), "ch01.xhtml#_1-numerico");
	CHECK_STR(str(doc, "//h:a[. = 'al principio']/@href"), "ch01.xhtml");
	CHECK_STR(str(doc, "//h:a[. = 'aquí']/@href"), "#seccion-2");
	xmlFreeDoc(doc);
}

static void test_back_matter(void)
{
	xmlDocPtr faq = ZA ? zip_doc(ZA, "EPUB/faq.xhtml") : NULL;
	xmlDocPtr dis = ZA ? zip_doc(ZA, "EPUB/disclaimer.xhtml") : NULL;
	CHECK(faq && dis);
	if (!faq || !dis)
		goto out;
	CHECK_STR(str(faq, "/h:html/h:body/@epub:type"), "backmatter");
	CHECK_INT(count(faq, "//h:section[@epub:type='qna'][@role='doc-qna']"), 1);
	CHECK_STR(str(faq, "//h:h1"), "Preguntas frecuentes");
	CHECK_STR(str(dis, "/h:html/h:body/@epub:type"), "backmatter");
	CHECK_INT(count(dis, "//h:section[@epub:type='appendix'][@role='doc-appendix']"), 1);
	CHECK_STR(str(dis, "//h:h1"), "Aviso");
out:
	xmlFreeDoc(faq);
	xmlFreeDoc(dis);
}

static void test_title_page(void)
{
	xmlDocPtr doc = ZA ? zip_doc(ZA, "EPUB/titlepage.xhtml") : NULL;
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(str(doc, "//h:h1"), "Guía <completa> & \"todo\"");
	CHECK_STR(str(doc, "//h:img[@role='doc-cover']/@src"), "images/img1.png");
	CHECK_STR(str(doc, "//h:p[@class='authors']"), "Por Ana Pérez, Luis Gómez");
	CHECK_STR(str(doc, "//h:p[@class='date']/h:time/@datetime"), "2025-11-25");
	CHECK_STR(str(doc, "//h:p[@class='date']"), "Publicado: 2025-11-25");
	CHECK_INT(count(doc, "//h:div[@class='review']/h:p"), 3);
	CHECK(strstr(str(doc, "//h:div[@class='review']"), "Revisión médica de Dra. Marta Ruiz"));
	/* the contact after the review, its two lines kept apart */
	CHECK_STR(str(doc, "//h:div[@class='contact']/h:p[1]"), "¿Preguntas sobre esta guía?");
	CHECK_STR(str(doc, "//h:div[@class='contact']/h:p[2]"),
		  "Clínica Ejemplo <consultas@example.org>Teléfono: 555-0123");
	CHECK_INT(count(doc, "//h:div[@class='contact']/h:p[2]/h:br"), 1);
	CHECK_INT(count(doc, "//h:div[@class='review']/following-sibling::h:div[@class='contact']"), 1);
	xmlFreeDoc(doc);
}

static void test_nav(void)
{
	xmlDocPtr doc = ZA ? zip_doc(ZA, "EPUB/nav.xhtml") : NULL;
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_INT(count(doc, "//h:nav[@epub:type='toc'][@role='doc-toc']"), 1);
	CHECK_STR(str(doc, "//h:nav[@epub:type='toc']/h:h1"), "Índice");
	/* title page, 2 chapters, FAQ, disclaimer */
	CHECK_INT(count(doc, "//h:nav[@epub:type='toc']/h:ol/h:li"), 5);
	CHECK_STR(str(doc, "//h:nav[@epub:type='toc']/h:ol/h:li[2]/h:ol/h:li[1]/h:a/@href"),
		  "ch01.xhtml#primera-seccion");
	CHECK_STR(str(doc, "//h:nav[@epub:type='toc']/h:ol/h:li[2]/h:ol/h:li[2]/h:a/@href"),
		  "ch01.xhtml#_1-numerico");
	CHECK_STR(str(doc, "//h:nav[@epub:type='toc']/h:ol/h:li[4]/h:a"), "Preguntas frecuentes");
	CHECK_STR(str(doc, "//h:nav[@epub:type='toc']/h:ol/h:li[5]/h:a/@href"), "disclaimer.xhtml");
	CHECK_INT(count(doc, "//h:nav[@epub:type='landmarks']/h:ol/h:li"), 5);
	CHECK_STR(str(doc, "//h:a[@epub:type='bodymatter']/@href"), "ch01.xhtml");
	CHECK_STR(str(doc, "//h:a[@epub:type='backmatter']/@href"), "faq.xhtml");
	xmlFreeDoc(doc);
}

static void test_package(void)
{
	xmlDocPtr opf = ZA ? zip_doc(ZA, "EPUB/package.opf") : NULL;
	xmlDocPtr ncx = ZA ? zip_doc(ZA, "EPUB/toc.ncx") : NULL;
	CHECK(opf && ncx);
	if (!opf || !ncx)
		goto out;
	CHECK_STR(str(opf, "/opf:package/@xml:lang"), "es");
	CHECK_STR(str(opf, "//dc:identifier[@id = /opf:package/@unique-identifier]"),
		  G->identifier);
	CHECK_STR(str(ncx, "//ncx:meta[@name='dtb:uid']/@content"), G->identifier);
	CHECK_STR(str(opf, "//opf:meta[@property='dcterms:modified']"), "2025-11-25T00:00:00Z");
	CHECK_STR(str(opf, "//dc:title"), G->title);
	CHECK_INT(count(opf, "//dc:creator"), 2);
	CHECK_INT(count(opf, "//dc:subject"), 2);
	CHECK_STR(str(opf, "//dc:date"), "2025-11-25");
	CHECK_INT(count(opf, "//opf:meta[@property='schema:accessMode']"), 2);
	CHECK_INT(count(opf, "//opf:meta[@property='schema:accessibilityFeature'][. = 'alternativeText']"), 1);
	CHECK_STR(str(opf, "//opf:meta[@property='schema:accessibilityHazard']"), "none");
	CHECK_INT(count(opf, "//opf:meta[@property='schema:accessibilitySummary']"), 1);
	CHECK_STR(str(opf, "//opf:meta[@property='schema:contactPoint']"),
		  "Clínica Ejemplo <consultas@example.org>; Teléfono: 555-0123");
	/* the guide's own cover, and no drawn one nor its thumbnail */
	CHECK_INT(count(opf, "//opf:item[@properties='cover-image']"), 1);
	CHECK_INT(count(opf, "//opf:item[@id='cover-thumbnail']"), 0);
	/* the review date, which the catalogue reads back */
	CHECK_STR(str(opf, "//opf:meta[@property='schema:lastReviewed']"), "2025-11-01");
	CHECK_STR(str(opf, "//opf:item[@properties='cover-image']/@href"), "images/img1.png");
	CHECK_STR(str(opf, "//opf:meta[@name='cover']/@content"), "img1");
	CHECK_STR(str(opf, "//opf:item[@properties='nav']/@href"), "nav.xhtml");
	CHECK_INT(count(opf, "//opf:spine/opf:itemref"), 6);
	CHECK_STR(str(opf, "//opf:spine/opf:itemref[last()]/@idref"), "doc-disclaimer");
	/* control characters never reach the XML */
	CHECK(strchr(str(opf, "//dc:description"), '\x01') == NULL);
	CHECK_INT(count(ncx, "//ncx:navPoint"), 10);
	CHECK_STR(str(ncx, "(//ncx:navPoint)[last()]/@playOrder"), "10");
out:
	xmlFreeDoc(opf);
	xmlFreeDoc(ncx);
}

static void test_reproducible(void)
{
	const char *other = tmp_path("again");
	mg_diag d;
	size_t la = 0, lb = 0;

	mg_diag_init(&d);
	CHECK_INT(epub_to(G, other, &d), 0);
	mg_diag_release(&d);
	char *a = slurp(PATH, &la), *b = slurp(other, &lb);
	CHECK(a && b && la == lb && memcmp(a, b, la) == 0);
	free(a);
	free(b);
	unlink(other);
}

static void test_ids(void)
{
	char buf[64];
	CHECK_STR(mg_xhtml_id("intro", buf, sizeof(buf)), "intro");
	CHECK_STR(mg_xhtml_id("1-intro", buf, sizeof(buf)), "_1-intro");
	CHECK_STR(mg_xhtml_id("a b:c", buf, sizeof(buf)), "_a.20b.3ac");
	CHECK_STR(mg_xhtml_id("", buf, sizeof(buf)), "_");
}

static void test_missing_metadata(void)
{
	mg_guide *g = mg_guide_new();
	mg_diag d;
	mg_diag_init(&d);
	g->title = "x";
	g->language = "en";
	CHECK_INT(epub_to(g, tmp_path("bad"), &d), -1);
	CHECK_INT(d.errors, 1);
	CHECK(d.len && strstr(d.items[0].text, "identifier"));
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* 300 nested quotes around a list and a table: the document stays within
 * what XML parsers accept (libxml2: 256 levels), valid, with all its text. */
static void test_deep_nesting(void)
{
	mg_guide *g = mg_guide_new();
	mg_node *n;
	mg_xhtml_book b;

	g->title = "Deep";
	g->language = "en";
	g->identifier = "urn:x:deep";
	g->nparts = 1;
	g->parts = mg_arena_alloc(g->arena, sizeof(mg_part));
	set_part(g, &g->parts[0], MG_PART_DISCLAIMER, "d", "d", "Deep");
	n = g->parts[0].body;
	for (int i = 0; i < 300; i++)
		n = add(n, node(g, MG_NODE_BLOCKQUOTE));
	mg_node *list = add(n, node(g, MG_NODE_LIST));
	para(g, add(list, node(g, MG_NODE_ITEM)), "item");
	mg_node *t = add(n, node(g, MG_NODE_TABLE));
	mg_node *row = add(t, node(g, MG_NODE_TABLE_ROW));
	add(add(row, node(g, MG_NODE_TABLE_CELL)), text(g, "cell"));
	para(g, n, "bottom");

	mg_xhtml_book_init(&b, g);
	xmlDocPtr doc = mg_xhtml_part(&b, 0);
	xmlChar *buf = NULL;
	size_t len = 0;
	CHECK_INT(mg_xhtml_serialize(doc, 0, &buf, &len), 0);
	xmlFreeDoc(doc);
	doc = buf ? xmlReadMemory((const char *)buf, (int)len, "d.xhtml", NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR) : NULL;
	CHECK(doc != NULL);	/* parsed without XML_PARSE_HUGE */
	if (doc) {
		CHECK(count(doc, "//h:blockquote") < 256);
		CHECK(count(doc, "//h:blockquote") > 150);
		CHECK_INT(count(doc, "//*[count(ancestor::*) > 210]"), 0);
		CHECK_INT(count(doc, "//h:p[. = 'item']"), 1);
		CHECK_INT(count(doc, "//h:table/h:tbody/h:tr/h:td[. = 'cell']"), 1);
		CHECK_INT(count(doc, "//h:p[. = 'bottom']"), 1);
		xmlFreeDoc(doc);
	}
	xmlFree(buf);
	mg_xhtml_book_release(&b);
	mg_guide_free(g);
}

/* Arabic: right to left in the documents, the package and the spine. */
static void test_rtl(void)
{
	mg_guide *g = mg_guide_new();
	const char *path = tmp_path("rtl");
	mg_diag d;
	int err;

	CHECK(mg_xhtml_rtl("ar") && mg_xhtml_rtl("he-IL") && mg_xhtml_rtl("az-Arab"));
	CHECK(!mg_xhtml_rtl("en") && !mg_xhtml_rtl("es-MX") && !mg_xhtml_rtl("arn"));
	g->title = "دليل";
	g->language = "ar";
	g->identifier = "urn:x:rtl";
	g->nparts = 1;
	g->parts = mg_arena_alloc(g->arena, sizeof(mg_part));
	set_part(g, &g->parts[0], MG_PART_DISCLAIMER, "disclaimer", "d", "تنبيه");
	para(g, g->parts[0].body, "للعلم فقط.");
	mg_diag_init(&d);
	CHECK_INT(epub_to(g, path, &d), 0);
	mg_diag_release(&d);
	zip_t *za = zip_open(path, ZIP_RDONLY, &err);
	CHECK(za != NULL);
	if (za) {
		xmlDocPtr opf = zip_doc(za, "EPUB/package.opf");
		xmlDocPtr dis = zip_doc(za, "EPUB/disclaimer.xhtml");
		CHECK(opf && dis);
		if (opf && dis) {
			CHECK_STR(str(opf, "/opf:package/@dir"), "rtl");
			CHECK_STR(str(opf, "//opf:spine/@page-progression-direction"), "rtl");
			CHECK_STR(str(dis, "/h:html/@dir"), "rtl");
			/* no chapter: no "text" reference, no bodymatter landmark */
			CHECK_INT(count(opf, "//opf:guide/opf:reference"), 3);
			/* no cover: one is drawn, named the EPUB 3 and 2 ways,
			 * stored (a PNG deflates no further), shown nowhere */
			CHECK_INT(count(opf, "//opf:item[@properties='cover-image']"), 1);
			CHECK_STR(str(opf, "//opf:item[@properties='cover-image']/@href"), "cover.png");
			CHECK_STR(str(opf, "//opf:item[@properties='cover-image']/@media-type"), "image/png");
			CHECK_STR(str(opf, "//opf:meta[@name='cover']/@content"),
				  str(opf, "//opf:item[@properties='cover-image']/@id"));
			/* and its thumbnail, a plain item for catalogues */
			CHECK_INT(count(opf, "//opf:item[@id='cover-thumbnail']"), 1);
			CHECK_STR(str(opf, "//opf:item[@id='cover-thumbnail']/@href"),
				  "cover-thumbnail.png");
			CHECK_STR(str(opf, "//opf:item[@id='cover-thumbnail']/@media-type"),
				  "image/png");
			CHECK_INT(count(opf, "//opf:item[@id='cover-thumbnail'][@properties]"), 0);
		}
		xmlDocPtr tp = zip_doc(za, "EPUB/titlepage.xhtml");
		CHECK(tp && count(tp, "//h:img") == 0);
		xmlFreeDoc(tp);
		zip_stat_t st;
		CHECK(zip_stat(za, "EPUB/cover.png", 0, &st) == 0 &&
		      st.comp_method == ZIP_CM_STORE && st.size > 1000);
		CHECK(zip_stat(za, "EPUB/cover-thumbnail.png", 0, &st) == 0 &&
		      st.comp_method == ZIP_CM_STORE && st.size > 100);
		xmlFreeDoc(opf);
		xmlFreeDoc(dis);
		zip_discard(za);
	}
	if (getenv("MG_TEST_RTL_OUT"))
		rename(path, getenv("MG_TEST_RTL_OUT"));
	unlink(path);
	mg_guide_free(g);
}

int main(void)
{
	const char *keep = getenv("MG_TEST_EPUB_OUT");

	G = build_guide();
	snprintf(PATH, sizeof(PATH), "%s", keep && *keep ? keep : tmp_path("main"));
	RUN(test_writes);
	RUN(test_zip_layout);
	RUN(test_documents_well_formed);
	RUN(test_chapter_markup);
	RUN(test_links_across_documents);
	RUN(test_back_matter);
	RUN(test_title_page);
	RUN(test_nav);
	RUN(test_package);
	RUN(test_reproducible);
	RUN(test_ids);
	RUN(test_missing_metadata);
	RUN(test_deep_nesting);
	RUN(test_rtl);
	if (ZA)
		zip_discard(ZA);
	if (!keep || !*keep)
		unlink(PATH);
	mg_guide_free(G);
	return MGT_DONE();
}
