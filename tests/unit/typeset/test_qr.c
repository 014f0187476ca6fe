/* test_qr.c — the e-book's QR code in the layout (fake metrics: every
 * character half an em): on the title page and the last page with a link,
 * nowhere without one; at least 2 cm with its quiet zone; a Figure whose alt
 * text names the link, the link printed beneath; a full title page with a
 * cover still one page. */
#include "core/arena.h"
#include "core/diag.h"
#include "model/guide.h"
#include "typeset/layout.h"
#include "read/style.h"

#include "mgtest.h"

#include <math.h>
#include <string.h>

#define URL "https://clinic.example.org/guides/test-guide.epub"
#define TWO_CM 56.69	/* 2 cm in points */

static double fake_width(void *ctx, mg_face face, const char *s, size_t len,
			 double size)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return (double)n * 0.5 * size;
}

static int fake_glyph(void *ctx, mg_face face, unsigned cp)
{
	return 1;
}

static mg_metrics fake(void)
{
	mg_metrics m;
	memset(&m, 0, sizeof m);
	m.text_width = fake_width;
	m.has_glyph = fake_glyph;
	for (int f = 0; f < MG_FACE_COUNT; f++) {
		m.ascent[f] = 0.8;
		m.descent[f] = 0.2;
	}
	return m;
}

/* An A4 page at print guidance's sizes: 12 pt, or large print's 16 pt. */
static mg_style a4(double size)
{
	mg_style s;
	memset(&s, 0, sizeof s);
	s.page_width = 595.276;
	s.page_height = 841.89;
	s.margin_top = s.margin_bottom = size > 12 ? 60 : 72;
	s.margin_inner = s.margin_outer = size > 12 ? 68 : 132;
	s.font_size = size;
	s.leading = size * 1.5;
	return s;
}

static mg_node *para(mg_guide *g, const char *text)
{
	mg_node *p = mg_node_new(g, MG_NODE_PARAGRAPH, 1, 1);
	mg_node_append(p, mg_node_new_text(g, text, strlen(text)));
	return p;
}

/* A guide of one chapter, the FAQ and the disclaimer. */
static mg_guide *guide(const char *lang)
{
	static const char *const titles[3] = {
		"Chapter", "Frequently Asked Questions", "Disclaimer"
	};
	mg_guide *g = mg_guide_new();
	g->title = "Test Guide";
	g->language = lang;
	g->slug = "test-guide";
	g->dir = "book/test-guide";
	g->nparts = 3;
	g->parts = mg_arena_alloc(g->arena, 3 * sizeof(mg_part));
	for (int i = 0; i < 3; i++) {
		mg_part *p = &g->parts[i];
		p->kind = i == 0 ? MG_PART_CHAPTER : i == 1 ? MG_PART_FAQ :
			  MG_PART_DISCLAIMER;
		p->name = i == 0 ? "ch01" : i == 1 ? "faq" : "disclaimer";
		p->title = titles[i];
		p->body = mg_node_new(g, MG_NODE_DOCUMENT, 1, 1);
		mg_node_append(p->body, para(g, "Ask your doctor or nurse."));
	}
	return g;
}

/* Everything a title page can hold: a long title, a tall cover. */
static void fill_title_page(mg_guide *g, const char *title)
{
	static const char *authors[2] = { "Dr. Alexandra Example-Moreno",
					  "Patient education team" };
	g->title = title;
	g->subtitle = "What patients, families and carers need to know before "
		      "they start";
	g->authors = authors;
	g->nauthors = 2;
	g->publisher = "Example Community Clinic";
	g->date = "2026-11-25";
	g->reviewer = "Dr. Alex Moreno, psychiatrist";
	g->reviewed = "2026-11-20";
	g->next_review = "2028-11-20";
	g->contact = "Example Community Clinic\nPhone: 555-0100\n"
		     "questions@example.org\nhttps://www.example.org/self-injury";
	g->nimages = 1;
	g->images = mg_arena_alloc(g->arena, sizeof(mg_image));
	g->images[0].path = "cover.png";
	g->images[0].media_type = "image/png";
	g->images[0].width = 600;
	g->images[0].height = 900;
	g->cover = 0;
}

static mg_layout *lay(const mg_guide *g, const mg_style *s, const char *url,
		      mg_diag *d)
{
	mg_metrics m = fake();
	mg_layout_opts o = { url };
	return mg_layout_run(g, s, &m, NULL, &o, d);
}

/* The QR boxes on page p; *side gets the last one's side. */
static int qr_boxes(const mg_layout *l, size_t p, double *side)
{
	int n = 0;
	for (size_t i = 0; i < l->pages[p].nboxes; i++) {
		const mg_box *b = &l->pages[p].boxes[i];
		if (b->kind != MG_BOX_QR)
			continue;
		n++;
		*side = b->w;
		CHECK(fabs(b->w - b->h) < 0.01);
		CHECK(b->x >= 0 && b->x + b->w <= l->page_width);
		CHECK(b->y >= 0 && b->y + b->h <= l->page_height);
		CHECK(b->qr >= 0 && (size_t)b->qr < l->nqrs);
		CHECK(b->elem > 0 && l->elems[b->elem].role == MG_ROLE_FIGURE);
	}
	return n;
}

/* The text of page p's boxes of elements other than Figures, run together. */
static char *page_text(const mg_layout *l, size_t p)
{
	size_t n = 1;
	char *s;
	for (size_t i = 0; i < l->pages[p].nboxes; i++)
		n += l->pages[p].boxes[i].len;
	s = calloc(1, n);
	for (size_t i = 0; i < l->pages[p].nboxes; i++) {
		const mg_box *b = &l->pages[p].boxes[i];
		if (b->kind == MG_BOX_TEXT && b->elem >= 0)
			strncat(s, b->text, b->len);
	}
	return s;
}

/* 1 if element e is k or lies inside it. */
static int inside(const mg_layout *l, int e, int k)
{
	for (; e >= 0; e = l->elems[e].parent)
		if (e == k)
			return 1;
	return 0;
}

/* The first page holds every box of the title page's Sect (elems[1]). */
static int title_page_whole(const mg_layout *l)
{
	for (size_t p = 1; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++)
			if (inside(l, l->pages[p].boxes[i].elem, 1))
				return 0;
	return 1;
}

/* The QR code itself: a version 1-40 symbol with its three finder
 * patterns (a dark 7 x 7 ring around a dark 3 x 3 square). */
static int finders_ok(const mg_qr *q)
{
	static const int corner[3][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 } };
	if (q->size < 21 || q->size > 177 || (q->size - 17) % 4)
		return 0;
	for (int k = 0; k < 3; k++) {
		int r0 = corner[k][0] * (q->size - 7);
		int c0 = corner[k][1] * (q->size - 7);
		for (int r = 0; r < 7; r++)
			for (int c = 0; c < 7; c++) {
				int ring = r == 0 || r == 6 || c == 0 || c == 6;
				int core = r >= 2 && r <= 4 && c >= 2 && c <= 4;
				int dark = q->dark[(r0 + r) * q->size + c0 + c];
				if (dark != (ring || core))
					return 0;
			}
	}
	return 1;
}

static void test_title_and_last_page(void)
{
	mg_guide *g = guide("en");
	mg_style s = a4(12);
	mg_diag d;
	double side = 0;
	mg_diag_init(&d);
	mg_layout *l = lay(g, &s, URL, &d);
	CHECK_INT(d.errors, 0);
	CHECK_INT(l->nqrs, 1);
	CHECK_STR(l->qrs[0].text, URL);
	CHECK(finders_ok(&l->qrs[0]));
	CHECK_INT(qr_boxes(l, 0, &side), 1);
	CHECK(side >= TWO_CM);
	CHECK_INT(qr_boxes(l, l->npages - 1, &side), 1);
	CHECK(side >= TWO_CM);
	for (size_t p = 1; p + 1 < l->npages; p++)
		CHECK_INT(qr_boxes(l, p, &side), 0);
	for (int last = 0; last < 2; last++) {
		char *t = page_text(l, last ? l->npages - 1 : 0);
		CHECK(strstr(t, "Scan to get this guide as an e-book") != NULL);
		CHECK(strstr(t, URL) != NULL);
		free(t);
	}
	for (size_t e = 0; e < l->nelems; e++) {
		const mg_elem *f = &l->elems[e];
		if (f->role != MG_ROLE_FIGURE)
			continue;
		CHECK_STR(f->alt, "QR code: link to the e-book of this guide, " URL);
		CHECK(f->bbox[2] - f->bbox[0] >= TWO_CM);
		CHECK(f->page == 0 || f->page == (int)l->npages - 1);
	}
	/* the link under the code is a link */
	int links = 0;
	for (size_t k = 0; k < l->nlinks; k++)
		links += l->links[k].uri && strcmp(l->links[k].uri, URL) == 0;
	CHECK_INT(links, 2);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

static void test_none_without_url(void)
{
	mg_guide *g = guide("en");
	mg_style s = a4(12);
	mg_diag d;
	double side = 0;
	mg_diag_init(&d);
	mg_layout *l = lay(g, &s, NULL, &d);
	CHECK_INT(l->nqrs, 0);
	for (size_t p = 0; p < l->npages; p++)
		CHECK_INT(qr_boxes(l, p, &side), 0);
	for (size_t e = 0; e < l->nelems; e++)
		CHECK(l->elems[e].role != MG_ROLE_FIGURE);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

static void test_spanish(void)
{
	mg_guide *g = guide("es");
	mg_style s = a4(12);
	mg_diag d;
	mg_diag_init(&d);
	mg_layout *l = lay(g, &s, URL, &d);
	char *t = page_text(l, 0);
	CHECK(strstr(t, "Escanee para obtener esta guía como libro "
		      "electrónico") != NULL);
	free(t);
	for (size_t e = 0; e < l->nelems; e++)
		if (l->elems[e].role == MG_ROLE_FIGURE)
			CHECK_STR(l->elems[e].alt, "Código QR: enlace al libro "
				  "electrónico de esta guía, " URL);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* The cover's height on the title page of l (0: none). */
static double cover_height(const mg_layout *l)
{
	for (size_t i = 0; i < l->pages[0].nboxes; i++)
		if (l->pages[0].boxes[i].kind == MG_BOX_IMAGE)
			return l->pages[0].boxes[i].h;
	return 0;
}

/* Full title pages with a long title and a tall cover: with the code, one
 * page still and the code 2 cm at least; the cover smaller, under its
 * usual least (10 % of the page) when the page is fuller, and left off when
 * even two body sizes of it leave no room. */
static void test_full_title_page(void)
{
	static const struct {
		double size;
		const char *title, *subtitle, *contact;
		int cover;	/* 2: smaller, 1: under 10 %, 0: left off */
	} cases[3] = {
		{ 12, "Naltrexone and Other Treatments: A Long and Careful Look "
		      "at Self-Injury, Its Causes, and the Help That Works",
		  "What patients, families and carers need to know before "
		  "they start", NULL, 2 },
		{ 16, "Naltrexone: A Careful Look at Self-Injury and the Help "
		      "That Works", "For patients and families",
		  "Example Community Clinic\nPhone: 555-0100\n"
		  "questions@example.org", 1 },
		{ 16, "Naltrexone: A Careful Look at Self-Injury and the Help "
		      "That Works", "For patients, families and carers, and the "
		  "nurses who help", "Example Community Clinic\n"
		  "Phone: 555-0100\nquestions@example.org", 0 },
	};
	for (int k = 0; k < 3; k++) {
		mg_guide *g = guide("en");
		mg_style s = a4(cases[k].size);
		mg_diag d;
		double side = 0, tenth = (s.page_height - 2 * s.margin_top) / 10;
		fill_title_page(g, cases[k].title);
		g->subtitle = cases[k].subtitle;
		if (cases[k].contact)
			g->contact = cases[k].contact;
		mg_diag_init(&d);
		mg_layout *l = lay(g, &s, URL, &d);
		mg_layout *without = lay(g, &s, NULL, &d);
		double cover = cover_height(l), plain = cover_height(without);
		CHECK(title_page_whole(l));
		CHECK_INT(qr_boxes(l, 0, &side), 1);
		CHECK(side >= TWO_CM);
		CHECK(plain >= tenth - 0.01);
		if (cases[k].cover) {
			CHECK(title_page_whole(without));
			CHECK(cover > 0 && cover < plain);
			CHECK((cover < tenth - 0.01) == (cases[k].cover == 1));
			CHECK(cover >= cases[k].size * 2 - 0.01);
		} else {
			CHECK(cover == 0);
		}
		mg_layout_free(l);
		mg_layout_free(without);
		mg_diag_release(&d);
		mg_guide_free(g);
	}
}

/* A long link is broken after its slashes, never past the margin, and
 * makes a larger code (modules of 0.5 mm at least). */
static void test_long_url(void)
{
	mg_guide *g = guide("en");
	mg_style s = a4(12);
	mg_diag d;
	double side = 0;
	char url[400];
	snprintf(url, sizeof url, "https://clinic.example.org/%s/%s/%s.epub",
		 "departments/psychiatry/patient-education/handouts",
		 "self-injury-and-naltrexone-for-families-and-carers",
		 "naltrexone-self-injury-second-edition-revised-for-2026");
	mg_diag_init(&d);
	mg_layout *l = lay(g, &s, url, &d);
	CHECK_INT(qr_boxes(l, 0, &side), 1);
	CHECK(side >= (l->qrs[0].size + 2 * MG_QR_QUIET) * 1.41);
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *b = &l->pages[p].boxes[i];
			if (b->kind != MG_BOX_TEXT)
				continue;
			CHECK(b->x >= 72 - 0.01);
			CHECK(b->x + b->w <= s.page_width - 72 + 0.01);
		}
	char *t = page_text(l, l->npages - 1);
	CHECK(strstr(t, url) != NULL);	/* whole, in pieces */
	free(t);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* A link longer than any QR code holds is an error, not a crash. */
static void test_too_long(void)
{
	mg_guide *g = guide("en");
	mg_style s = a4(12);
	mg_diag d;
	char *url = malloc(5000);
	strcpy(url, "https://clinic.example.org/");
	memset(url + strlen(url), 'a', 4000);
	url[4027] = '\0';
	mg_diag_init(&d);
	mg_layout *l = lay(g, &s, url, &d);
	CHECK(l != NULL);
	CHECK_INT(d.errors, 1);
	CHECK_INT(l->nqrs, 0);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
	free(url);
}

int main(void)
{
	RUN(test_title_and_last_page);
	RUN(test_none_without_url);
	RUN(test_spanish);
	RUN(test_full_title_page);
	RUN(test_long_url);
	RUN(test_too_long);
	return MGT_DONE();
}
