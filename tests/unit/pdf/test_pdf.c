/* test_pdf.c — the PDF writer on a hand-made layout: fonts and metrics,
 * painting, links, outline, tags, reproducibility. With an argument, only
 * writes the sample PDF there (tests/e2e/pdf.sh checks it with poppler). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <fontconfig/fontconfig.h>

#include "pdf/fonts.h"
#include "core/vec.h"
#include "typeset/layout.h"
#include "mgtest.h"
#include "pdf/pdf.h"

static const unsigned char png[] =
	"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
	"\x00\x00\x00\x10\x00\x00\x00\x0c\x08\x02\x00\x00\x00\xe4\x85\xaa"
	"\xd6\x00\x00\x01\x55\x49\x44\x41\x54\x78\xda\x0d\xcb\x21\x01\xc5"
	"\x20\x14\x40\x51\x22\x4c\x10\x00\x89\x5c\x00\xc4\x22\xbc\x08\x08"
	"\x02\x20\x91\x37\x00\x82\x08\x2f\xc2\x04\x01\x90\x48\x02\x20\x16"
	"\x81\x08\xff\x1f\x7f\x8c\x31\x5c\x06\x67\xb8\x0d\x8f\x41\x0c\xd1"
	"\x90\x0d\x18\x9a\x41\x0d\xaf\x61\x18\x96\xe1\x33\x1c\x83\x31\x96"
	"\xcb\xe2\x2c\xb7\xe5\xb1\x88\x25\x5a\xb2\x05\x4b\xb3\xa8\xe5\xb5"
	"\x0c\xcb\xb2\x7c\x96\x63\xff\xc1\x73\x79\x9c\xe7\xf6\x3c\x1e\xf1"
	"\x44\x4f\xf6\xe0\x69\x1e\xf5\xbc\x9e\xe1\x59\x9e\xcf\x73\xfc\x3f"
	"\x04\xae\x80\x0b\xdc\x81\x27\x20\x81\x18\xc8\x01\x02\x2d\xa0\x81"
	"\x37\x30\x02\x2b\xf0\x05\x4e\xf8\x07\xe1\x12\x9c\x70\x0b\x8f\x20"
	"\x42\x14\xb2\x80\xd0\x04\x15\x5e\x61\x08\x4b\xf8\x84\x23\xff\x90"
	"\xb8\x12\x2e\x71\x27\x9e\x84\x24\x62\x22\x27\x48\xb4\x84\x26\xde"
	"\xc4\x48\xac\xc4\x97\x38\xe9\x1f\x0a\x57\xc1\x15\xee\xc2\x53\x90"
	"\x42\x2c\xe4\x02\x85\x56\xd0\xc2\x5b\x18\x85\x55\xf8\x0a\xa7\xfc"
	"\x43\xe5\xaa\xb8\xca\x5d\x79\x2a\x52\x89\x95\x5c\xa1\xd2\x2a\x5a"
	"\x79\x2b\xa3\xb2\x2a\x5f\xe5\xd4\x7f\x50\x2e\xc5\x29\xb7\xf2\x28"
	"\xa2\x44\x25\x2b\x28\x4d\x51\xe5\x55\x86\xb2\x94\x4f\x39\xfa\x0f"
	"\x9d\xab\xe3\x3a\x77\xe7\xe9\x48\x27\x76\x72\x87\x4e\xeb\x68\xe7"
	"\xed\x8c\xce\xea\x7c\x9d\xd3\xff\x61\x72\x4d\xdc\xe4\x9e\x3c\x13"
	"\x99\xc4\x49\x9e\x30\x69\x13\x9d\xbc\x93\x31\x59\x93\x6f\x72\xe6"
	"\x3f\x6c\xae\x8d\xdb\xdc\x9b\x67\x23\x9b\xb8\xc9\x1b\x36\x6d\xa3"
	"\x9b\x77\x33\x36\x6b\xf3\x6d\xce\xe6\x07\x33\x6d\x0c\x90\xb1\x7c"
	"\x86\xfe\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

static mg_style style = {
	.name = "default", .dir = "styles/default",
	.page_width = 595.276, .page_height = 841.89,
	.margin_top = 64, .margin_bottom = 64, .margin_inner = 64,
	.margin_outer = 64, .font_size = 10.5, .leading = 14.5,
	.body_font = "Liberation Serif", .heading_font = "Liberation Serif",
	.mono_font = "Liberation Mono",
};

/* Words of the sample in reading order (what the struct tree must read). */
static const char *const sample_words =
	"Naltrexone and you A colour gradient First item Dose 50 mg "
	"This leaflet explains how naltrexone works "
	"See the clinic site or read about medicine every day Side effects "
	"Smile and go back to the top";

typedef struct builder {
	mg_layout *l;
	mg_vec pages[2], elems, links, dests, outline;
	mg_metrics m;
	double x;		/* pen on the current line */
} builder;

static int elem(builder *b, mg_role role, int parent)
{
	mg_elem *e = mg_vec_push(&b->elems);

	e->role = role;
	e->parent = parent;
	return (int)b->elems.len - 1;
}

/* Appends a text box at the pen (or at x if x >= 0) and moves the pen. */
static mg_box *text(builder *b, int page, double x, double y, mg_face face,
		    double size, const char *s, int el)
{
	mg_box *bx = mg_vec_push(&b->pages[page]);

	if (x >= 0)
		b->x = x;
	bx->kind = MG_BOX_TEXT;
	bx->x = b->x;
	bx->y = y;
	bx->face = face;
	bx->size = size;
	bx->text = s;
	bx->len = strlen(s);
	bx->w = b->m.text_width(b->m.ctx, face, s, bx->len, size);
	bx->elem = el;
	bx->link = -1;
	b->x += bx->w;
	return bx;
}

static void rule(builder *b, int page, double x, double y, double w, double h)
{
	mg_box *bx = mg_vec_push(&b->pages[page]);

	bx->kind = MG_BOX_RULE;
	bx->x = x;
	bx->y = y;
	bx->w = w;
	bx->h = h;
	bx->gray = 0.5;
	bx->elem = -1;
	bx->link = -1;
}

static void add_link(builder *b, int page, const mg_box *bx, const char *uri,
		 int dest, int el)
{
	mg_link *k = mg_vec_push(&b->links);

	k->page = page;
	k->x0 = bx->x;
	k->y0 = bx->y - 3;
	k->x1 = bx->x + bx->w;
	k->y1 = bx->y + bx->size;
	k->uri = uri;
	k->dest = dest;
	k->elem = el;
	k->contents = bx->text;
}

static void dest(builder *b, const char *id, int page, double y)
{
	mg_dest *d = mg_vec_push(&b->dests);

	d->id = id;
	d->page = page;
	d->y = y;
}

static void outline(builder *b, const char *title, int level, int dst)
{
	mg_outline *o = mg_vec_push(&b->outline);

	o->title = title;
	o->level = level;
	o->dest = dst;
}

/* Two pages: heading, a paragraph split over both pages with a hyphenated
 * word, a URI link, a figure, a list, a table, an internal link, running
 * heads and page numbers as artifacts. */
static mg_layout *sample(const mg_metrics *m)
{
	builder b = { .m = *m };
	mg_layout *l;
	mg_box *bx;
	int sect, h1, p, lk, fig, list, li, tab, tr, th, td, h2, p2, lk2, k;
	double L = 64, W = 595.276, H = 841.89;

	l = calloc(1, sizeof *l);
	l->arena = mg_arena_new();
	l->page_width = W;
	l->page_height = H;
	for (k = 0; k < 2; k++)
		mg_vec_init(&b.pages[k], sizeof(mg_box));
	mg_vec_init(&b.elems, sizeof(mg_elem));
	mg_vec_init(&b.links, sizeof(mg_link));
	mg_vec_init(&b.dests, sizeof(mg_dest));
	mg_vec_init(&b.outline, sizeof(mg_outline));

	elem(&b, MG_ROLE_DOCUMENT, -1);
	sect = elem(&b, MG_ROLE_SECT, 0);
	h1 = elem(&b, MG_ROLE_H1, sect);
	p = elem(&b, MG_ROLE_P, sect);
	lk = elem(&b, MG_ROLE_LINK, p);
	fig = elem(&b, MG_ROLE_FIGURE, sect);
	list = elem(&b, MG_ROLE_L, sect);
	li = elem(&b, MG_ROLE_LI, list);
	elem(&b, MG_ROLE_LBL, li);
	elem(&b, MG_ROLE_LBODY, li);
	tab = elem(&b, MG_ROLE_TABLE, sect);
	tr = elem(&b, MG_ROLE_TR, tab);
	th = elem(&b, MG_ROLE_TH, tr);
	tr = elem(&b, MG_ROLE_TR, tab);
	td = elem(&b, MG_ROLE_TD, tr);
	h2 = elem(&b, MG_ROLE_H2, sect);
	p2 = elem(&b, MG_ROLE_P, sect);
	lk2 = elem(&b, MG_ROLE_LINK, p2);

	/* page 1 */
	text(&b, 0, L, H - 40, MG_FACE_HEADING, 9, "Sample guide", -1);
	dest(&b, "top", 0, H - 90);
	text(&b, 0, L, H - 110, MG_FACE_HEADING, 20, "Naltrexone and you", h1);
	rule(&b, 0, L, H - 118, W - 2 * L, 0.5);
	bx = mg_vec_push(&b.pages[0]);
	bx->kind = MG_BOX_IMAGE;
	bx->x = L;
	bx->y = H - 300;
	bx->w = 160;
	bx->h = 120;
	bx->image = 0;
	bx->elem = fig;
	bx->link = -1;
	((mg_elem *)b.elems.items)[fig].alt = "A colour gradient";
	((mg_elem *)b.elems.items)[fig].page = 0;
	memcpy(((mg_elem *)b.elems.items)[fig].bbox,
	       (double[4]){ L, H - 300, L + 160, H - 180 }, sizeof(double[4]));
	text(&b, 0, L, H - 330, MG_FACE_REGULAR, 10.5, "A colour gradient", fig);
	text(&b, 0, L, H - 360, MG_FACE_REGULAR, 10.5, "\xe2\x80\xa2", li + 1);
	text(&b, 0, L + 14, H - 360, MG_FACE_REGULAR, 10.5, "First item \xe2\x9c\x93", li + 2);
	rule(&b, 0, L, H - 372, 200, 0.5);
	text(&b, 0, L, H - 388, MG_FACE_BOLD, 10.5, "Dose", th);
	text(&b, 0, L + 100, H - 388, MG_FACE_REGULAR, 10.5, "50 mg", td);
	rule(&b, 0, L, H - 394, 200, 0.5);
	text(&b, 0, L, H - 700, MG_FACE_REGULAR, 10.5,
	     "This leaflet explains how naltrexone works. ", p);
	text(&b, 0, L, H - 715, MG_FACE_REGULAR, 10.5, "See ", p);
	bx = text(&b, 0, -1, H - 715, MG_FACE_ITALIC, 10.5, "the clinic site", lk);
	add_link(&b, 0, bx, "https://example.org/clinic", -1, lk);
	text(&b, 0, -1, H - 715, MG_FACE_REGULAR, 10.5, " or read about ", p);
	bx = text(&b, 0, -1, H - 715, MG_FACE_REGULAR, 10.5, "medi-", p);
	bx->actual = "medi";
	text(&b, 0, W / 2, 40, MG_FACE_REGULAR, 9, "1", -1);

	/* page 2 */
	text(&b, 1, L, H - 40, MG_FACE_HEADING, 9, "Sample guide", -1);
	text(&b, 1, L, H - 110, MG_FACE_REGULAR, 10.5, "cine every day.", p);
	dest(&b, "side", 1, H - 120);
	text(&b, 1, L, H - 140, MG_FACE_HEADING, 14, "Side effects", h2);
	text(&b, 1, L, H - 165, MG_FACE_REGULAR, 10.5,
	     "Smile \xf0\x9f\x98\x80\xee\x80\x80 and go ", p2);
	bx = text(&b, 1, -1, H - 165, MG_FACE_REGULAR, 10.5, "back to the top", lk2);
	add_link(&b, 1, bx, NULL, 0, lk2);
	text(&b, 1, -1, H - 165, MG_FACE_REGULAR, 10.5, ".", p2);
	text(&b, 1, W / 2, 40, MG_FACE_REGULAR, 9, "2", -1);

	outline(&b, "Naltrexone and you", 1, 0);
	outline(&b, "Side effects", 2, 1);

	l->npages = 2;
	l->pages = mg_arena_alloc(l->arena, 2 * sizeof *l->pages);
	for (k = 0; k < 2; k++) {
		l->pages[k].nboxes = b.pages[k].len;
		l->pages[k].boxes = mg_vec_finish(&b.pages[k], l->arena);
	}
	l->nelems = b.elems.len;
	l->elems = mg_vec_finish(&b.elems, l->arena);
	((mg_elem *)l->elems)[th].scope_row = 0;
	l->nlinks = b.links.len;
	l->links = mg_vec_finish(&b.links, l->arena);
	l->ndests = b.dests.len;
	l->dests = mg_vec_finish(&b.dests, l->arena);
	l->noutline = b.outline.len;
	l->outline = mg_vec_finish(&b.outline, l->arena);
	l->nlabels = 1;
	l->labels = mg_arena_alloc(l->arena, sizeof *l->labels);
	l->labels[0].style = MG_NUM_ARABIC;
	l->labels[0].start = 1;
	return l;
}

static mg_guide *guide(void)
{
	mg_guide *g = mg_guide_new();
	static const char *authors[] = { "Ana Pérez", "Bo Li" };
	static const char *subjects[] = { "naltrexone", "self-injury" };

	g->dir = "book/sample";
	g->slug = "sample";
	g->title = "Naltrexone: a “sample” guide";
	g->language = "en";
	g->identifier = "urn:uuid:0b0e4b8e-0000-5000-8000-000000000001";
	g->authors = authors;
	g->nauthors = 2;
	g->subjects = subjects;
	g->nsubjects = 2;
	g->description = "A sample <guide> & more";
	g->modified = 1700000000;
	g->images = mg_arena_alloc(g->arena, sizeof *g->images);
	g->nimages = 1;
	g->images[0].path = "gradient.png";
	g->images[0].media_type = "image/png";
	g->images[0].data = png;
	g->images[0].size = sizeof png;
	g->images[0].width = 16;
	g->images[0].height = 12;
	return g;
}

/* mg_pdf_write_layout into the file at path. */
static int pdf_to(const mg_guide *g, const mg_layout *l, const char *path,
		  mg_diag *d)
{
	mg_bytes b = { (unsigned char *)"x", 1 };

	return mgt_save_bytes(mg_pdf_write_layout(g, &style, NULL, l, &b, d),
			      &b, path);
}

/* Renders the sample to path, with image 0's bytes replaced by data when
 * data is not NULL; returns mg_pdf_write_layout's result, or -2 when the
 * fonts cannot be loaded (so a failing writer is never confused with it). */
static int render_sample(const char *path, const unsigned char *data,
			 size_t size, mg_diag *d)
{
	HPDF_Doc doc = HPDF_New(NULL, NULL);
	mg_fonts *f;
	mg_metrics m;
	mg_layout *l;
	mg_guide *g = guide();
	int rc = -2;

	if (data) {
		g->images[0].data = data;
		g->images[0].size = size;
	}
	f = mg_fonts_load(doc, NULL, &style, d);
	if (f) {
		mg_fonts_metrics(f, &m);
		l = sample(&m);
		rc = pdf_to(g, l, path, d);
		mg_layout_free(l);
		free(l);
	}
	mg_fonts_free(f);
	HPDF_Free(doc);
	mg_guide_free(g);
	return rc;
}

static int write_sample(const char *path, mg_diag *d)
{
	return render_sample(path, NULL, 0, d);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	*len = 0;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	buf = malloc(*len + 1);
	if (fread(buf, 1, *len, f) != *len)
		*len = 0;
	buf[*len] = 0;
	fclose(f);
	return buf;
}

static int contains(const char *buf, size_t len, const char *what)
{
	return memmem(buf, len, what, strlen(what)) != NULL;
}

/* One document's fonts from a library shared with another thread. */
struct shared_load {
	mg_fontlib *lib;
	char files[MG_FACE_COUNT][512];
	int ok;
};

static void *load_shared(void *arg)
{
	struct shared_load *s = arg;
	HPDF_Doc doc = HPDF_New(NULL, NULL);
	mg_diag d;
	mg_fonts *f;

	mg_diag_init(&d);
	f = mg_fonts_load(doc, s->lib, &style, &d);
	s->ok = f != NULL && d.errors == 0;
	for (int k = 0; f && k < MG_FACE_COUNT; k++)
		snprintf(s->files[k], sizeof s->files[k], "%s",
			 mg_fonts_file(f, (mg_face)k));
	mg_fonts_free(f);
	HPDF_Free(doc);
	mg_diag_release(&d);
	return NULL;
}

static void fonts_metrics(void)
{
	HPDF_Doc doc = HPDF_New(NULL, NULL);
	mg_diag d;
	mg_fonts *f;
	mg_metrics m;
	double a, b, ab;

	mg_diag_init(&d);
	f = mg_fonts_load(doc, NULL, &style, &d);
	CHECK(f != NULL);
	CHECK_INT(d.errors, 0);
	if (f) {
		mg_fonts_metrics(f, &m);
		a = m.text_width(m.ctx, MG_FACE_REGULAR, "a", 1, 10);
		b = m.text_width(m.ctx, MG_FACE_REGULAR, "b", 1, 10);
		ab = m.text_width(m.ctx, MG_FACE_REGULAR, "ab", 2, 10);
		CHECK(a > 2 && a < 10);
		CHECK(ab > a && ab - (a + b) < 1e-9 && (a + b) - ab < 1e-9);
		/* twice the size, twice the width */
		CHECK(m.text_width(m.ctx, MG_FACE_REGULAR, "a", 1, 20) == 2 * a);
		/* bold is wider than regular for the same word */
		CHECK(m.text_width(m.ctx, MG_FACE_BOLD, "mmmm", 4, 10) >
		      m.text_width(m.ctx, MG_FACE_REGULAR, "mmmm", 4, 10));
		/* mono: every glyph the same width */
		CHECK(m.text_width(m.ctx, MG_FACE_MONO, "il", 2, 10) ==
		      m.text_width(m.ctx, MG_FACE_MONO, "MW", 2, 10));
		CHECK(m.has_glyph(m.ctx, MG_FACE_REGULAR, 0xf1));	/* ñ */
		CHECK(m.has_glyph(m.ctx, MG_FACE_REGULAR, 0x2265));	/* ≥ */
		CHECK(m.has_glyph(m.ctx, MG_FACE_REGULAR, 0xb5));	/* µ */
		CHECK(!m.has_glyph(m.ctx, MG_FACE_REGULAR, 0x1f600));
		CHECK(!m.has_glyph(m.ctx, MG_FACE_REGULAR, 0xe000));
		/* a check mark: not in Liberation Serif, in the fallback font */
		CHECK(m.has_glyph(m.ctx, MG_FACE_REGULAR, 0x2713));
		CHECK(m.text_width(m.ctx, MG_FACE_REGULAR, "\xe2\x9c\x93", 3, 10) > 5);
		CHECK(mg_fonts_pick(f, MG_FACE_REGULAR, 0x2713) !=
		      mg_fonts_pick(f, MG_FACE_REGULAR, 'a'));
		/* an emoji is measured as its substitute, and never crashes */
		CHECK(m.text_width(m.ctx, MG_FACE_REGULAR, "\xf0\x9f\x98\x80", 4, 10) > 0);
		/* a truncated sequence is measured without reading past len */
		CHECK(m.text_width(m.ctx, MG_FACE_REGULAR, "\xc3", 1, 10) >= 0);
		for (int k = 0; k < MG_FACE_COUNT; k++) {
			CHECK(m.ascent[k] > 0.5 && m.ascent[k] < 1.5);
			CHECK(m.descent[k] > 0 && m.descent[k] < 0.6);
		}
		CHECK(strstr(mg_fonts_file(f, MG_FACE_MONO), "Mono") != NULL);
		CHECK(strcmp(mg_fonts_file(f, MG_FACE_REGULAR),
			     mg_fonts_file(f, MG_FACE_ITALIC)) != 0);
	}
	mg_fonts_free(f);
	HPDF_Free(doc);
	mg_diag_release(&d);
}

/* Two documents on two threads share one font library (as a build's
 * PDFs do) and find the same files as a document with a library of its
 * own. */
static void shared_library(void)
{
	mg_fontlib *lib = mg_fontlib_new();
	struct shared_load a = { .lib = lib }, b = { .lib = lib }, alone = { 0 };
	pthread_t ta, tb;

	CHECK(pthread_create(&ta, NULL, load_shared, &a) == 0);
	CHECK(pthread_create(&tb, NULL, load_shared, &b) == 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	load_shared(&alone);
	CHECK(a.ok && b.ok && alone.ok);
	for (int k = 0; k < MG_FACE_COUNT; k++) {
		CHECK(a.files[k][0] != '\0');
		CHECK_STR(a.files[k], b.files[k]);
		CHECK_STR(a.files[k], alone.files[k]);
	}
	mg_fontlib_free(lib);
}

static void unknown_family_warns(void)
{
	HPDF_Doc doc = HPDF_New(NULL, NULL);
	mg_style s = style;
	mg_diag d;
	mg_fonts *f;

	mg_diag_init(&d);
	s.body_font = "No Such Family Qwzx";
	f = mg_fonts_load(doc, NULL, &s, &d);
	CHECK(f != NULL);
	CHECK(d.warnings >= 1);
	CHECK_INT(d.errors, 0);
	CHECK(d.len > 0 && strstr(d.items[0].text, "No Such Family Qwzx") != NULL);
	mg_fonts_free(f);
	HPDF_Free(doc);
	mg_diag_release(&d);
}

static void renders_sample(void)
{
	char p1[] = "/tmp/mg-test-pdf-XXXXXX", p2[] = "/tmp/mg-test-pdf-XXXXXX";
	int f1 = mkstemp(p1), f2 = mkstemp(p2);
	mg_diag d;
	size_t n1, n2;
	char *b1, *b2;

	mg_diag_init(&d);
	CHECK_INT(write_sample(p1, &d), 0);
	CHECK_INT(d.errors, 0);
	/* the emoji and a private-use character no font has: each reported
	 * once, although measured and drawn; the check mark, which Liberation
	 * lacks, comes from the fallback font without a word */
	CHECK_INT(d.warnings, 2);
	CHECK(d.len == 2 && strstr(d.items[0].text, "U+1F600") != NULL);
	CHECK(d.len == 2 && strstr(d.items[1].text, "U+E000") != NULL);
	CHECK_INT(write_sample(p2, &d), 0);
	b1 = slurp(p1, &n1);
	b2 = slurp(p2, &n2);
	CHECK(b1 && b2 && n1 > 1000);
	if (b1 && b2) {
		CHECK(n1 == n2 && memcmp(b1, b2, n1) == 0);
		CHECK(strncmp(b1, "%PDF-1.7", 8) == 0);
		CHECK(contains(b1, n1, "/StructTreeRoot"));
		CHECK(contains(b1, n1, "/MarkInfo"));
		CHECK(contains(b1, n1, "<pdfuaid:part>1</pdfuaid:part>"));
		CHECK(contains(b1, n1, "A sample &lt;guide&gt; &amp; more"));
		CHECK(contains(b1, n1, "<xmp:CreateDate>2023-11-14T22:13:20Z"));
		CHECK(contains(b1, n1, "D:20231114221320Z"));
		CHECK(!contains(b1, n1, "/ID"));
	}
	free(b1);
	free(b2);
	close(f1);
	close(f2);
	unlink(p1);
	unlink(p2);
	mg_diag_release(&d);
}

/* Writes the sample with image 0 replaced by data; returns the result. */
static int write_with_image(const unsigned char *data, size_t size, mg_diag *d)
{
	char p[] = "/tmp/mg-test-pdf-XXXXXX";
	int fd = mkstemp(p), rc = -2;

	if (fd < 0)
		return rc;
	rc = render_sample(p, data, size, d);
	close(fd);
	unlink(p);
	return rc;
}

/* A PNG libpng would refuse (colour type 7) with a valid CRC: reported, and
 * never handed to libharu, whose libpng callback would abort the process. */
static void png_bad_header_is_an_error(void)
{
	unsigned char bad[sizeof png];
	unsigned long c;
	mg_diag d;

	memcpy(bad, png, sizeof png);
	bad[25] = 7;
	c = crc32(0L, bad + 12, 17);
	bad[29] = (unsigned char)(c >> 24);
	bad[30] = (unsigned char)(c >> 16);
	bad[31] = (unsigned char)(c >> 8);
	bad[32] = (unsigned char)c;
	mg_diag_init(&d);
	CHECK_INT(write_with_image(bad, sizeof bad, &d), -1);
	CHECK(d.len >= 1 && strstr(d.items[d.len - 1].text, "damaged") != NULL);
	mg_diag_release(&d);
	/* the same bytes with the right colour type still draw */
	mg_diag_init(&d);
	memcpy(bad, png, sizeof png);
	CHECK_INT(crc32(0L, bad + 12, 17), ((unsigned long)bad[29] << 24 | bad[30] << 16 |
				       bad[31] << 8 | bad[32]));
	CHECK_INT(write_with_image(bad, sizeof bad, &d), 0);
	mg_diag_release(&d);
}

static void bad_image_is_an_error(void)
{
	char p[] = "/tmp/mg-test-pdf-XXXXXX";
	int fd = mkstemp(p);
	HPDF_Doc doc = HPDF_New(NULL, NULL);
	mg_diag d;
	mg_fonts *f;
	mg_metrics m;
	mg_layout *l;
	mg_guide *g = guide();

	mg_diag_init(&d);
	g->images[0].size = 40;	/* truncated PNG */
	f = mg_fonts_load(doc, NULL, &style, &d);
	CHECK(f != NULL);
	if (f) {
		mg_fonts_metrics(f, &m);
		l = sample(&m);
		CHECK_INT(pdf_to(g, l, p, &d), -1);
		CHECK(d.errors >= 1);
		/* no part uses it in this model: the image file is named */
		CHECK(d.len >= 1 && strcmp(d.items[d.len - 1].file, "book/sample/gradient.png") == 0);
		CHECK(d.len >= 1 && strstr(d.items[d.len - 1].text, "image 'gradient.png' ") != NULL);
		mg_layout_free(l);
		free(l);
	}
	mg_fonts_free(f);
	HPDF_Free(doc);
	mg_guide_free(g);
	close(fd);
	unlink(p);
	mg_diag_release(&d);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--words") == 0) {
		FILE *f = fopen(argv[2], "w");

		if (!f)
			return 2;
		fprintf(f, "%s\n", sample_words);
		return fclose(f) != 0;
	}
	if (argc == 2) {
		mg_diag d;
		int rc;

		mg_diag_init(&d);
		rc = write_sample(argv[1], &d);
		mg_diag_print(&d, stderr);
		mg_diag_release(&d);
		return rc ? 1 : 0;
	}
	RUN(fonts_metrics);
	RUN(shared_library);
	RUN(unknown_family_warns);
	RUN(renders_sample);
	RUN(bad_image_is_an_error);
	RUN(png_bad_header_is_an_error);
	FcFini();	/* fontconfig's process-wide caches, for LeakSanitizer */
	return MGT_DONE();
}
