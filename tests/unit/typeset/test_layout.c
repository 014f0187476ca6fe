/* test_layout.c — the layout engine with fake metrics (every character half
 * an em): line counts, measure, ragged right and justification, emergency
 * breaks, hyphenation, widows/orphans, heading keeps, contents, outline,
 * structure, footnotes. */
#include "core/arena.h"
#include "core/diag.h"
#include "model/guide.h"
#include "typeset/hyphenate.h"
#include "typeset/layout.h"
#include "read/source.h"
#include "read/style.h"

#include "mgtest.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define EPS 0.01

/* ---- fake metrics ------------------------------------------------------ */

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
	return cp != 0x4E2D;	/* the fonts lack one CJK character */
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

/* A 400 x 600 page, margins 50: the measure is 300 pt, 60 characters at 10 pt. */
static mg_style small_style(void)
{
	mg_style s;
	memset(&s, 0, sizeof s);
	s.page_width = 400;
	s.page_height = 600;
	s.margin_top = s.margin_bottom = 50;
	s.margin_inner = s.margin_outer = 50;
	s.font_size = 10;
	s.leading = 14;
	return s;
}

/* ---- guides by hand ---------------------------------------------------- */

static mg_node *text_para(mg_guide *g, const char *text)
{
	mg_node *p = mg_node_new(g, MG_NODE_PARAGRAPH, 1, 1);
	mg_node_append(p, mg_node_new_text(g, text, strlen(text)));
	return p;
}

static mg_node *heading(mg_guide *g, int level, const char *text, const char *id)
{
	mg_node *h = mg_node_new(g, MG_NODE_HEADING, 1, 1);
	h->level = level;
	h->id = mg_arena_strdup(g->arena, id);
	mg_node_append(h, mg_node_new_text(g, text, strlen(text)));
	return h;
}

/* A guide of nchapters chapters plus FAQ and disclaimer; each part's body is
 * empty, for the test to fill. */
static mg_guide *new_guide(const char *lang, size_t nchapters)
{
	mg_guide *g = mg_guide_new();
	size_t n = nchapters + 2;
	g->title = "Test Guide";
	g->language = lang;
	g->nparts = n;
	g->parts = mg_arena_alloc(g->arena, n * sizeof(mg_part));
	for (size_t i = 0; i < n; i++) {
		mg_part *p = &g->parts[i];
		p->kind = i < nchapters ? MG_PART_CHAPTER :
			  i == nchapters ? MG_PART_FAQ : MG_PART_DISCLAIMER;
		p->name = mg_arena_printf(g->arena, "part%zu", i);
		p->path = mg_arena_printf(g->arena, "book/t/%s.md", p->name);
		p->title = i < nchapters ? mg_arena_printf(g->arena, "Chapter %zu", i + 1) :
			   i == nchapters ? "Frequently Asked Questions" : "Disclaimer";
		p->heading = heading(g, 1, p->title, p->name);
		p->body = mg_node_new(g, MG_NODE_DOCUMENT, 1, 1);
	}
	mg_node_append(g->parts[n - 2].body, text_para(g, "Questions and answers."));
	mg_node_append(g->parts[n - 1].body, text_para(g, "Ask your doctor."));
	return g;
}

static char *words(const char *w, int n)
{
	size_t len = strlen(w);
	char *s = malloc((len + 1) * (size_t)n + 1), *p = s;
	for (int i = 0; i < n; i++) {
		memcpy(p, w, len);
		p += len;
		*p++ = ' ';
	}
	p[n ? -1 : 0] = '\0';
	return s;
}

/* ---- reading a layout -------------------------------------------------- */

static double right_edge(const mg_style *s)
{
	return s->page_width - s->margin_outer;
}

/* Every TEXT box inside the measure (furniture included); the title
 * page's may take the page less an inch each side. */
static int all_within(const mg_layout *l, const mg_style *s)
{
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *b = &l->pages[p].boxes[i];
			double x0 = s->margin_inner, x1 = right_edge(s);
			if (b->kind != MG_BOX_TEXT)
				continue;
			if (p == 0) {
				x0 = fmin(x0, 72);
				x1 = fmax(x1, s->page_width - 72);
			}
			if (b->x + b->w > x1 + EPS || b->x < x0 - EPS) {
				printf("  box '%.*s' at %g..%g on page %zu\n",
				       (int)(b->len > 20 ? 20 : b->len), b->text, b->x,
				       b->x + b->w, p);
				return 0;
			}
		}
	return 1;
}

/* Every box between the bottom and the top margin (or in them, for furniture). */
static int all_on_page(const mg_layout *l, const mg_style *s)
{
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *b = &l->pages[p].boxes[i];
			if (b->elem < 0)
				continue;
			double bottom = b->kind == MG_BOX_TEXT ? b->y - b->size * 0.2 : b->y;
			if (bottom < s->margin_bottom - EPS ||
			    b->y > s->page_height - s->margin_top + EPS) {
				printf("  box at y %g on page %zu\n", b->y, p);
				return 0;
			}
		}
	return 1;
}

static int first_elem(const mg_layout *l, mg_role role)
{
	for (size_t i = 0; i < l->nelems; i++)
		if (l->elems[i].role == role)
			return (int)i;
	return -1;
}

/* Distinct baselines of elem's TEXT boxes on page p. */
static int lines_on(const mg_layout *l, size_t p, int elem)
{
	double ys[4096];
	int n = 0;
	for (size_t i = 0; i < l->pages[p].nboxes; i++) {
		const mg_box *b = &l->pages[p].boxes[i];
		if (b->kind != MG_BOX_TEXT || b->elem != elem)
			continue;
		int seen = 0;
		for (int k = 0; k < n && !seen; k++)
			seen = fabs(ys[k] - b->y) < EPS;
		if (!seen && n < 4096)
			ys[n++] = b->y;
	}
	return n;
}

static int total_lines(const mg_layout *l, int elem)
{
	int n = 0;
	for (size_t p = 0; p < l->npages; p++)
		n += lines_on(l, p, elem);
	return n;
}

static int is_heading(mg_role r)
{
	return r >= MG_ROLE_H1 && r <= MG_ROLE_H4;
}

static mg_layout *run(const mg_guide *g, const mg_style *s, mg_diag *d)
{
	mg_metrics m = fake();
	return mg_layout_run(g, s, &m, NULL, NULL, d);
}

/* ---- tests ------------------------------------------------------------- */

static void hyphens_at(const mg_hyphen *h, const char *w, const char *want)
{
	unsigned char brk[64];
	char got[64];
	size_t n = 0, len = strlen(w);
	mg_hyphen_points(h, w, len, brk);
	for (size_t i = 0; i < len && n < sizeof got - 2; i++) {
		if (brk[i])
			got[n++] = '-';
		got[n++] = w[i];
	}
	got[n] = '\0';
	CHECK_STR(got, want);
}

struct ask {
	mg_hyphenlib *lib;
	const mg_hyphen *got;
};

static void *get_es(void *arg)
{
	struct ask *a = arg;
	a->got = mg_hyphen_get(a->lib, "es-AR");
	return NULL;
}

static void test_hyphen_points(void)
{
	mg_hyphenlib *lib = mg_hyphenlib_new();
	struct ask other = { lib, NULL };
	pthread_t t;
	/* two threads ask at once: the dictionary is loaded once, for both */
	CHECK(pthread_create(&t, NULL, get_es, &other) == 0);
	const mg_hyphen *en = mg_hyphen_get(lib, "en"), *es = mg_hyphen_get(lib, "es-AR");
	pthread_join(t, NULL);
	CHECK(other.got == es);
	CHECK(en != NULL);
	CHECK(es != NULL);
	CHECK(mg_hyphen_get(lib, "en") == en);	/* loaded once */
	CHECK(mg_hyphen_get(lib, "x-none") == NULL);
	hyphens_at(en, "medication", "med-i-ca-tion");
	hyphens_at(en, "Medication", "Med-i-ca-tion");
	hyphens_at(es, "medicación", "me-di-ca-ción");
	hyphens_at(es, "MEDICACIÓN", "ME-DI-CA-CIÓN");
	hyphens_at(en, "cat", "cat");
	mg_hyphenlib_free(lib);
}

static void test_known_paragraph(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	char *t = words("lorem", 30);	/* 10 words of 6 characters a line */
	s.justify = 1;	/* "align: justify" */
	mg_diag_init(&d);
	mg_node_append(g->parts[0].body, text_para(g, t));
	mg_layout *l = run(g, &s, &d);
	CHECK(l != NULL);
	int p = first_elem(l, MG_ROLE_P);
	CHECK(p > 0);
	CHECK_INT(total_lines(l, p), 3);
	CHECK(all_within(l, &s));
	/* justified: the first two lines end at the margin, the last does not */
	int full = 0, short_last = 0;
	for (size_t pg = 0; pg < l->npages; pg++) {
		double ymin = 1e9;
		for (size_t i = 0; i < l->pages[pg].nboxes; i++)
			if (l->pages[pg].boxes[i].elem == p)
				ymin = fmin(ymin, l->pages[pg].boxes[i].y);
		for (size_t i = 0; i < l->pages[pg].nboxes; i++) {
			const mg_box *b = &l->pages[pg].boxes[i];
			if (b->elem != p || b->x + b->w < right_edge(&s) - 1)
				continue;
			if (fabs(b->y - ymin) < EPS)
				short_last = 1;	/* the last line reaches the margin */
			else
				full += fabs(b->x + b->w - right_edge(&s)) < EPS;
		}
	}
	CHECK_INT(full, 2);
	CHECK(!short_last);
	/* every word box but the paragraph's last ends with its space */
	int spaced = 0, words_seen = 0;
	for (size_t pg = 0; pg < l->npages; pg++)
		for (size_t i = 0; i < l->pages[pg].nboxes; i++) {
			const mg_box *b = &l->pages[pg].boxes[i];
			if (b->elem != p)
				continue;
			words_seen++;
			spaced += b->len && b->text[b->len - 1] == ' ';
		}
	CHECK_INT(words_seen, 30);
	CHECK_INT(spaced, 29);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
	free(t);
}

static void test_long_word(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	char *w = malloc(5001);
	memset(w, 'x', 5000);
	w[5000] = '\0';
	char *t = malloc(5100);
	snprintf(t, 5100, "see %s and more", w);
	mg_diag_init(&d);
	mg_node_append(g->parts[0].body, text_para(g, t));
	mg_layout *l = run(g, &s, &d);
	CHECK(l != NULL);
	CHECK(all_within(l, &s));
	int p = first_elem(l, MG_ROLE_P);
	CHECK(total_lines(l, p) >= 5000 / 60);
	/* it reads back whole: the first piece carries the word, the rest "" */
	size_t whole = 0, empty = 0, chars = 0;
	for (size_t pg = 0; pg < l->npages; pg++)
		for (size_t i = 0; i < l->pages[pg].nboxes; i++) {
			const mg_box *b = &l->pages[pg].boxes[i];
			if (b->elem != p || !b->actual)
				continue;
			if (strncmp(b->actual, w, 5000) == 0)
				whole++;
			else if (!*b->actual)
				empty++;
			chars += b->len;
		}
	CHECK_INT(whole, 1);
	CHECK(empty >= 5000 / 60);
	CHECK(chars >= 5000);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
	free(w);
	free(t);
}

/* A narrow page makes long words need hyphens. */
static int hyphenated(const char *lang, const char *text, const char *word)
{
	mg_guide *g = new_guide(lang, 1);
	mg_style s = small_style();
	mg_diag d;
	int found = 0, rest = 0;
	s.margin_outer = 260;	/* measure 90 pt: 18 characters */
	mg_diag_init(&d);
	mg_node_append(g->parts[0].body, text_para(g, text));
	mg_layout *l = run(g, &s, &d);
	if (!l || !all_within(l, &s))
		goto out;
	for (size_t pg = 0; pg < l->npages; pg++)
		for (size_t i = 0; i < l->pages[pg].nboxes; i++) {
			const mg_box *b = &l->pages[pg].boxes[i];
			if (b->kind != MG_BOX_TEXT || !b->actual)
				continue;
			if (b->len && b->text[b->len - 1] == '-' &&
			    strncmp(b->actual, word, strlen(word)) == 0)
				found++;
			if (!*b->actual)
				rest++;
		}
out:
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
	return found && rest;
}

static void test_hyphenation_en(void)
{
	CHECK(hyphenated("en", "The medication naltrexone is an antagonist of "
			 "opioid receptors and its administration requires "
			 "considerable responsibility.", "administration"));
}

static void test_hyphenation_es(void)
{
	CHECK(hyphenated("es-MX", "La naltrexona es un antagonista de los "
			 "receptores opioides y su administración requiere "
			 "responsabilidad considerable.", "responsabilidad"));
}

/* A paragraph's lines in reading order: each line's left and right edge,
 * and whether it ends on a hyphen. Returns the number of lines. */
struct rline {
	double left, right, y;
	size_t page, b0, nb;
	int hyphen;
};

static int para_lines(const mg_layout *l, int elem, struct rline *out, int max)
{
	int n = 0;
	for (size_t p = 0; p < l->npages; p++) {
		int first = n;
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *b = &l->pages[p].boxes[i];
			if (b->kind != MG_BOX_TEXT || b->elem != elem)
				continue;
			if (n == first || fabs(out[n - 1].y - b->y) > EPS) {
				if (n == max)
					return n;
				out[n++] = (struct rline){ b->x, b->x + b->w, b->y,
							   p, i, 0, 0 };
			}
			struct rline *r = &out[n - 1];
			r->left = fmin(r->left, b->x);
			r->right = fmax(r->right, b->x + b->w);
			r->nb = i + 1 - r->b0;
			r->hyphen = b->len && b->text[b->len - 1] == '-';
		}
	}
	return n;
}

/* Ragged right, the default: lines start at the margin, their spaces keep
 * their natural width (a space is 5 pt in the fake font), their right
 * edges vary, and none passes the measure. */
static void test_ragged_paragraph(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	struct rline ln[64];
	mg_diag_init(&d);
	mg_node_append(g->parts[0].body, text_para(g,
		"Naltrexone is a medication that blocks the effects of "
		"endorphins, which are natural opioid-like chemicals produced "
		"by the body. Some studies suggest that individuals who engage "
		"in self-injury may experience a release of endorphins during "
		"the act, which can provide a temporary sense of relief or "
		"reward. By blocking these effects, naltrexone may help reduce "
		"the reinforcing effects of self-injury."));
	mg_layout *l = run(g, &s, &d);
	int p = first_elem(l, MG_ROLE_P);
	int n = para_lines(l, p, ln, 64), flush = 0;
	CHECK(n >= 6);
	for (int k = 0; k < n; k++) {
		const mg_page *pg = &l->pages[ln[k].page];
		CHECK(fabs(ln[k].left - s.margin_inner) < EPS);
		CHECK(ln[k].right <= right_edge(&s) + EPS);
		flush += ln[k].right > right_edge(&s) - 1;
		for (size_t i = ln[k].b0 + 1; i < ln[k].b0 + ln[k].nb; i++) {
			const mg_box *a = &pg->boxes[i - 1], *b = &pg->boxes[i];
			if (a->kind != MG_BOX_TEXT || b->kind != MG_BOX_TEXT ||
			    a->elem != p || b->elem != p)
				continue;
			/* a word box and the next: a space apart, or none
			 * (the parts of a word broken after its hyphen) */
			double gap = b->x - (a->x + a->w);
			CHECK(fabs(gap - 5) < EPS || fabs(gap) < EPS);
		}
	}
	CHECK(flush < n / 2);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* WCAG 1.4.8's paragraph spacing: 1.5 leadings of space between two
 * paragraphs, so the first's last baseline and the second's first are 2.5
 * leadings apart; the lines of a paragraph, one leading. */
static void test_paragraph_spacing(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	struct rline a[16], b[16];
	char *t = words("lorem", 25);
	mg_diag_init(&d);
	mg_node_append(g->parts[0].body, text_para(g, t));
	mg_node_append(g->parts[0].body, text_para(g, t));
	mg_layout *l = run(g, &s, &d);
	int p = first_elem(l, MG_ROLE_P);
	int na = para_lines(l, p, a, 16), nb = para_lines(l, p + 1, b, 16);
	CHECK(na >= 2 && nb >= 1);
	CHECK(l->elems[p + 1].role == MG_ROLE_P);
	if (na >= 2 && nb >= 1 && a[na - 1].page == b[0].page) {
		CHECK(fabs(a[0].y - a[1].y - s.leading) < EPS);
		CHECK(fabs(a[na - 1].y - b[0].y - 2.5 * s.leading) < EPS);
	} else {
		CHECK(0);	/* both on one page: a short guide */
	}
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
	free(t);
}

/* Hyphens sparingly: on a narrow measure that wants many, a paragraph
 * never ends two lines in a row on one. */
static void test_no_two_hyphens(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	struct rline ln[256];
	int hyphens = 0;
	s.margin_outer = 260;	/* 18 characters */
	mg_diag_init(&d);
	mg_node_append(g->parts[0].body, text_para(g,
		"Considerable responsibility accompanies administration of "
		"pharmacological interventions; understanding contraindications "
		"requires comprehensive documentation, interdisciplinary "
		"communication and extraordinary organizational capabilities "
		"within rehabilitation environments."));
	mg_layout *l = run(g, &s, &d);
	int n = para_lines(l, first_elem(l, MG_ROLE_P), ln, 256);
	CHECK(n > 8);
	for (int k = 0; k < n; k++) {
		hyphens += ln[k].hyphen;
		if (k && ln[k].hyphen && ln[k - 1].hyphen) {
			printf("  lines %d and %d both end on a hyphen\n", k - 1, k);
			CHECK(0);
		}
	}
	CHECK(hyphens >= 2);	/* it did hyphenate */
	CHECK(all_within(l, &s));
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* Headings, the chapter's title and the contents' entries are never
 * hyphenated, not even after a word's own hyphen: their words stay whole. */
static void test_headings_whole(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	int heads = 0;
	s.margin_outer = 150;	/* 20 characters of a chapter title */
	g->parts[0].title = "Understanding Self-Injury and Pharmacological Interventions";
	g->parts[0].heading = heading(g, 1, g->parts[0].title, "part0");
	mg_diag_init(&d);
	mg_node_append(g->parts[0].body, heading(g, 2,
		"Considerations: Self-Injury, Contraindications", "s1"));
	mg_node_append(g->parts[0].body, text_para(g, "Some text."));
	mg_node_append(g->parts[0].body, heading(g, 3,
		"Extraordinary Pharmacological Well-Being", "s2"));
	mg_node_append(g->parts[0].body, text_para(g, "More text."));
	mg_layout *l = run(g, &s, &d);
	CHECK(l != NULL && all_within(l, &s));
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *b = &l->pages[p].boxes[i];
			if (b->kind != MG_BOX_TEXT || b->elem < 0)
				continue;
			mg_role r = l->elems[b->elem].role;
			int toc = r == MG_ROLE_LINK &&
				  l->elems[l->elems[b->elem].parent].role == MG_ROLE_TOCI;
			if (!is_heading(r) && !toc)
				continue;
			heads++;
			if (b->actual || (b->len && b->text[b->len - 1] == '-')) {
				printf("  '%.*s' is a broken word\n", (int)b->len, b->text);
				CHECK(0);
			}
		}
	CHECK(heads > 10);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* Many paragraphs of 4 to 7 lines and headings: pages must break well. */
static mg_guide *flowing_guide(void)
{
	mg_guide *g = new_guide("en", 2);
	for (int ch = 0; ch < 2; ch++) {
		mg_node *body = g->parts[ch].body;
		for (int i = 0; i < 40; i++) {
			if (i % 5 == 3) {
				char id[32];
				snprintf(id, sizeof id, "s%d-%d", ch, i);
				mg_node_append(body, heading(g, 2 + i % 3, "A section heading", id));
			}
			char *t = words(i % 2 ? "word" : "longer", 40 + (i * 7) % 30);
			mg_node_append(body, text_para(g, t));
			free(t);
		}
	}
	return g;
}

static void test_widows_orphans(void)
{
	mg_guide *g = flowing_guide();
	mg_style s = small_style();
	mg_diag d;
	int split = 0;
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	CHECK(l != NULL);
	CHECK(all_within(l, &s));
	for (size_t e = 0; e < l->nelems; e++) {
		if (l->elems[e].role != MG_ROLE_P)
			continue;
		int pages = 0, total = total_lines(l, (int)e);
		for (size_t p = 0; p < l->npages; p++) {
			int n = lines_on(l, p, (int)e);
			if (!n)
				continue;
			pages++;
			if (total >= 2 && n < 2) {
				printf("  P %zu: %d of %d lines on page %zu\n", e, n, total, p);
				CHECK(n >= 2);
			}
		}
		split += pages > 1;	/* one elem across two pages */
		CHECK(pages <= 2);
	}
	CHECK(split > 0);
	CHECK(all_on_page(l, &s));
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

static void test_headings_kept(void)
{
	mg_guide *g = flowing_guide();
	mg_style s = small_style();
	mg_diag d;
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	for (size_t p = 1; p < l->npages; p++) {	/* after the title page */
		const mg_box *low = NULL;
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *b = &l->pages[p].boxes[i];
			if (b->kind != MG_BOX_TEXT || b->elem < 0 ||
			    b->y < s.margin_bottom)
				continue;
			if (!low || b->y < low->y)
				low = b;
		}
		if (low && is_heading(l->elems[low->elem].role)) {
			printf("  page %zu ends with a heading\n", p);
			CHECK(0);
		}
		/* each heading has two lines of text under it on its page */
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *h = &l->pages[p].boxes[i];
			if (h->kind != MG_BOX_TEXT || h->elem < 0 ||
			    !is_heading(l->elems[h->elem].role) ||
			    l->elems[h->elem].role == MG_ROLE_H1)
				continue;	/* sections (H1s may head one line) */
			double ys[8];
			int n = 0;
			for (size_t k = 0; k < l->pages[p].nboxes && n < 8; k++) {
				const mg_box *b = &l->pages[p].boxes[k];
				if (b->kind != MG_BOX_TEXT || b->elem < 0 ||
				    b->y >= h->y - EPS || b->y < s.margin_bottom ||
				    is_heading(l->elems[b->elem].role))
					continue;
				int seen = 0;
				for (int q = 0; q < n; q++)
					seen |= fabs(ys[q] - b->y) < EPS;
				if (!seen)
					ys[n++] = b->y;
			}
			if (n < 2)
				printf("  page %zu: heading at y %g has %d lines under it\n",
				       p, h->y, n);
			CHECK(n >= 2);
		}
	}
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* The contents' numbers are the pages of their targets. */
static void check_toc(const mg_layout *l)
{
	int entries = 0;
	for (size_t k = 0; k < l->nlinks; k++) {
		const mg_link *lk = &l->links[k];
		if (lk->elem < 0 || l->elems[l->elems[lk->elem].parent].role != MG_ROLE_TOCI)
			continue;
		const mg_box *num = NULL;
		for (size_t i = 0; i < l->pages[lk->page].nboxes; i++) {
			const mg_box *b = &l->pages[lk->page].boxes[i];
			if (b->kind == MG_BOX_TEXT && b->elem == lk->elem &&
			    b->len && b->text[0] >= '0' && b->text[0] <= '9')
				num = b;
		}
		if (!num)
			continue;
		entries++;
		CHECK(lk->dest >= 0 && (size_t)lk->dest < l->ndests);
		CHECK_INT(atoi(num->text), l->dests[lk->dest].page + 1);
	}
	CHECK(entries > 0);
}

static void check_outline(const mg_layout *l, const mg_guide *g)
{
	size_t level1 = 0, last = 0, before = 0;
	for (size_t i = 0; i < l->noutline; i++) {
		CHECK(l->outline[i].dest >= 0 && (size_t)l->outline[i].dest < l->ndests);
		if (l->outline[i].level != 1)
			continue;
		level1++;
		before = last;
		last = i;
	}
	CHECK_INT(level1, g->nparts);
	CHECK_STR(l->outline[last].title, g->parts[g->nparts - 1].title);
	CHECK_STR(l->outline[before].title, g->parts[g->nparts - 2].title);
}

/* Figures: alt text, a box inside the margins, their image on that page. */
static int check_figures(const mg_layout *l, const mg_style *s)
{
	int n = 0;
	for (size_t e = 0; e < l->nelems; e++) {
		const mg_elem *f = &l->elems[e];
		if (f->role != MG_ROLE_FIGURE)
			continue;
		n++;
		CHECK(f->alt && *f->alt);
		CHECK(f->page >= 0 && (size_t)f->page < l->npages);
		CHECK(f->bbox[0] >= s->margin_inner - EPS);
		CHECK(f->bbox[2] <= right_edge(s) + EPS);
		CHECK(f->bbox[1] >= s->margin_bottom - EPS);
		CHECK(f->bbox[3] <= s->page_height - s->margin_top + EPS);
		CHECK(f->bbox[0] < f->bbox[2] && f->bbox[1] < f->bbox[3]);
		int found = 0;
		for (size_t i = 0; f->page >= 0 && (size_t)f->page < l->npages &&
		     i < l->pages[f->page].nboxes; i++) {
			const mg_box *b = &l->pages[f->page].boxes[i];
			found |= b->kind == MG_BOX_IMAGE && b->elem == (int)e &&
				 fabs(b->x - f->bbox[0]) < EPS && fabs(b->y - f->bbox[1]) < EPS;
		}
		CHECK(found);
	}
	return n;
}

static void check_structure(const mg_layout *l, const mg_style *s)
{
	CHECK(l->nelems > 0 && l->elems[0].role == MG_ROLE_DOCUMENT);
	check_figures(l, s);
	for (size_t e = 1; e < l->nelems; e++)
		CHECK(l->elems[e].parent >= 0 && (size_t)l->elems[e].parent < e);
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *b = &l->pages[p].boxes[i];
			CHECK(b->elem >= -1 && b->elem < (int)l->nelems);
			CHECK(b->link >= -1 && b->link < (int)l->nlinks);
			if (b->kind == MG_BOX_IMAGE)
				CHECK(b->elem >= 0);
			/* text artifacts only in the margins, as dot leaders
			 * or as a repeated (bold) table header */
			if (b->kind == MG_BOX_TEXT && b->elem < 0 &&
			    b->y > s->margin_bottom &&
			    b->y < s->page_height - s->margin_top) {
				CHECK((b->len >= 2 && b->text[0] == '.' && b->text[1] == ' ') ||
				      b->face == MG_FACE_BOLD);
			}
		}
}

static void test_contents_outline_structure(void)
{
	mg_guide *g = flowing_guide();
	mg_style s = small_style();
	mg_diag d;
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	check_toc(l);
	check_outline(l, g);
	check_structure(l, &s);
	CHECK(l->nlabels >= 1);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* Contents longer than a page: numbers still match, the body follows them. */
static void test_long_contents(void)
{
	mg_guide *g = new_guide("en", 70);
	mg_style s = small_style();
	mg_diag d;
	for (size_t ch = 0; ch < 70; ch++) {
		char id[32];
		snprintf(id, sizeof id, "sec%zu", ch);
		mg_node_append(g->parts[ch].body, heading(g, 2, "A section", id));
		mg_node_append(g->parts[ch].body, text_para(g, "Some text."));
	}
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	check_toc(l);
	check_outline(l, g);
	check_structure(l, &s);
	/* the contents take pages 2 to 4 or so; the first chapter comes after */
	int toc_pages = 0;
	for (size_t p = 0; p < l->npages; p++) {
		int has = 0;
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			int e = l->pages[p].boxes[i].elem;
			has |= e >= 0 && l->elems[e].role == MG_ROLE_LINK &&
			       l->elems[l->elems[e].parent].role == MG_ROLE_TOCI;
		}
		toc_pages += has;
	}
	CHECK(toc_pages >= 3);
	CHECK(l->ndests > 0 && l->dests[0].page == 1 + toc_pages);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

static void test_footnote(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	mg_part *pt = &g->parts[0];
	mg_node *p = text_para(g, "A claim with a source");
	mg_node *ref = mg_node_new(g, MG_NODE_FOOTNOTE_REF, 1, 1);
	ref->footnote = 0;
	mg_node_append(p, ref);
	mg_node_append(p, mg_node_new_text(g, " and more words.", 16));
	for (int i = 0; i < 20; i++) {
		char *t = words("filler", 50);
		mg_node_append(pt->body, text_para(g, t));
		free(t);
	}
	mg_node_append(pt->body, p);
	pt->nfootnotes = 1;
	pt->footnotes = mg_arena_alloc(g->arena, sizeof(mg_footnote));
	pt->footnotes[0].label = "1";
	pt->footnotes[0].body = mg_node_new(g, MG_NODE_DOCUMENT, 1, 1);
	mg_node_append(pt->footnotes[0].body, text_para(g, "The noted source text."));
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	int note = first_elem(l, MG_ROLE_NOTE), refe = first_elem(l, MG_ROLE_REFERENCE);
	CHECK(note > 0 && refe > 0);
	int ref_page = -1, note_page = -1, link = -1;
	double ref_y = 0, note_y = 0;
	for (size_t pg = 0; pg < l->npages; pg++)
		for (size_t i = 0; i < l->pages[pg].nboxes; i++) {
			const mg_box *b = &l->pages[pg].boxes[i];
			if (b->elem < 0 || b->kind != MG_BOX_TEXT)
				continue;
			if (l->elems[b->elem].parent == refe) {
				ref_page = (int)pg;
				ref_y = b->y;
				link = b->link;
			}
			int e = b->elem;
			while (e > 0 && e != note)
				e = l->elems[e].parent;
			if (e == note && note_page < 0) {
				note_page = (int)pg;
				note_y = b->y;
			}
		}
	CHECK(ref_page >= 0);
	CHECK_INT(note_page, ref_page);
	CHECK(note_y < ref_y);
	CHECK(note_y > s.margin_bottom - EPS);
	CHECK(link >= 0);
	if (link >= 0) {
		const mg_link *lk = &l->links[link];
		CHECK(lk->dest >= 0 && l->dests[lk->dest].page == note_page);
		CHECK(lk->uri == NULL);
	}
	check_structure(l, &s);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

static void test_deep_lists(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	mg_node *parent = g->parts[0].body;
	for (int i = 0; i < 3000; i++) {
		mg_node *list = mg_node_new(g, MG_NODE_LIST, 1, 1);
		mg_node *item = mg_node_new(g, MG_NODE_ITEM, 1, 1);
		list->ordered = i % 2;
		list->start = 1;
		mg_node_append(parent, list);
		mg_node_append(list, item);
		mg_node_append(item, text_para(g, "nested item text"));
		parent = item;
	}
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	CHECK(l != NULL);
	CHECK(all_within(l, &s));
	CHECK_INT(total_lines(l, first_elem(l, MG_ROLE_P)), 1);
	int lbl = 0;
	for (size_t e = 0; e < l->nelems; e++)
		lbl += l->elems[e].role == MG_ROLE_LBL;
	CHECK_INT(lbl, 3000);
	check_structure(l, &s);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* Wide numbers still hang left of their item's text, inside the margin. */
static void test_wide_numbers(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	mg_node *list = mg_node_new(g, MG_NODE_LIST, 1, 1);
	list->ordered = 1;
	list->start = 99998;
	for (int i = 0; i < 4; i++) {
		mg_node *item = mg_node_new(g, MG_NODE_ITEM, 1, 1);
		mg_node_append(item, text_para(g, "item text"));
		mg_node_append(list, item);
	}
	mg_node_append(g->parts[0].body, list);
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	CHECK(all_within(l, &s));
	int labels = 0;
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *b = &l->pages[p].boxes[i];
			if (b->elem < 0 || l->elems[b->elem].role != MG_ROLE_LBL)
				continue;
			labels++;
			/* the item's text on the same baseline starts after it */
			for (size_t k = 0; k < l->pages[p].nboxes; k++) {
				const mg_box *t = &l->pages[p].boxes[k];
				if (t->elem >= 0 && l->elems[t->elem].role == MG_ROLE_P &&
				    fabs(t->y - b->y) < EPS)
					CHECK(b->x + b->w < t->x);
			}
		}
	CHECK_INT(labels, 4);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* Appends a two-column table of rows rows to the guide's first part, the
 * header row first; text(r, k, ctx) gives the text of row r, column k. */
typedef const char *(*cell_text_fn)(int r, int k, const void *ctx);

static void add_table(mg_guide *g, int rows, cell_text_fn text, const void *ctx)
{
	mg_node *t = mg_node_new(g, MG_NODE_TABLE, 1, 1);
	t->columns = 2;
	for (int r = 0; r < rows; r++) {
		mg_node *row = mg_node_new(g, MG_NODE_TABLE_ROW, 1, 1);
		row->header = r == 0;
		for (int k = 0; k < 2; k++) {
			mg_node *cell = mg_node_new(g, MG_NODE_TABLE_CELL, 1, 1);
			const char *txt = text(r, k, ctx);
			mg_node_append(cell, mg_node_new_text(g, txt, strlen(txt)));
			mg_node_append(row, cell);
		}
		mg_node_append(t, row);
	}
	mg_node_append(g->parts[0].body, t);
}

static const char *dose_cell(int r, int k, const void *ctx)
{
	(void)ctx;
	return r == 0 ? (k ? "Effect" : "Dose") :
	       k ? "a longer cell that will wrap onto lines" : "50 mg";
}

static void test_table_header_repeats(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	add_table(g, 80, dose_cell, NULL);
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	CHECK(all_within(l, &s));
	int pages_with_header = 0, th = first_elem(l, MG_ROLE_TH);
	CHECK(th > 0);
	for (size_t p = 0; p < l->npages; p++) {
		int has_body = 0, has_head = 0;
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *b = &l->pages[p].boxes[i];
			if (b->kind != MG_BOX_TEXT)
				continue;
			if (b->elem >= 0 && l->elems[b->elem].role == MG_ROLE_TD)
				has_body = 1;
			if (b->len >= 4 && strncmp(b->text, "Dose", 4) == 0)
				has_head = 1;
		}
		if (has_body) {
			CHECK(has_head);
			pages_with_header++;
		}
	}
	CHECK(pages_with_header >= 2);
	check_structure(l, &s);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

static const char *tall_cell(int r, int k, const void *big)
{
	return r == 0 ? "Head" : r == 1 && k ? big : "short";
}

static void test_tall_row(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	char *big = words("cell", 2000);
	add_table(g, 3, tall_cell, big);
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	CHECK(all_within(l, &s));
	CHECK(all_on_page(l, &s));
	int td = -1, cells = 0;
	for (size_t e = 0; e < l->nelems; e++)
		if (l->elems[e].role == MG_ROLE_TD && ++cells == 2)
			td = (int)e;
	CHECK(total_lines(l, td) >= 2000 * 5 / 150);
	check_structure(l, &s);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
	free(big);
}

static const char *notes_cell(int r, int k, const void *wordy)
{
	return k == 0 ? "100 mg" : r == 0 ? "Notes" : wordy;
}

/* A narrow column keeps its natural width beside a wordy one. */
static void test_column_widths(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	char *wordy = words("notes", 40);
	add_table(g, 3, notes_cell, wordy);
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	CHECK(all_within(l, &s));
	int cells = 0;
	for (size_t e = 0; e < l->nelems; e++) {
		if (l->elems[e].role != MG_ROLE_TD && l->elems[e].role != MG_ROLE_TH)
			continue;
		int n = total_lines(l, (int)e);
		if (cells++ % 2 == 0)
			CHECK_INT(n, 1);	/* "100 mg" on one line */
		else if (cells > 2)
			CHECK(n > 1);
	}
	CHECK_INT(cells, 6);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
	free(wordy);
}

/* A code line of 100,000 characters wraps within the measure, quickly. */
static void test_long_code_line(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	mg_node *code = mg_node_new(g, MG_NODE_CODE_BLOCK, 1, 1);
	char *text = malloc(100002);
	for (int i = 0; i < 100000; i++)
		text[i] = i % 7 == 6 ? ' ' : 'a' + i % 26;
	text[100000] = '\n';
	text[100001] = '\0';
	code->text = text;
	code->len = 100001;
	mg_node_append(g->parts[0].body, code);
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	CHECK(all_within(l, &s));
	CHECK(all_on_page(l, &s));
	int ce = first_elem(l, MG_ROLE_CODE);
	size_t chars = 0;
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++)
			if (l->pages[p].boxes[i].elem == ce)
				chars += l->pages[p].boxes[i].len;
	CHECK_INT(chars, 100000);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
	free(text);
}

/* A character no font has: one warning, however often it occurs. */
static void test_missing_glyph(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	mg_node_append(g->parts[0].body, text_para(g, "Z\xE4\xB8\xAD \xE4\xB8\xAD\xC3\xA9 and \xE4\xB8\xAD"));
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	CHECK(l != NULL);
	CHECK_INT(d.warnings, 1);
	if (d.len)
		CHECK(strstr(d.items[0].text, "U+4E2D") != NULL);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

static void test_huge_paragraph(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	char *t = words("paragraph", 40000);	/* 400 KB */
	mg_diag_init(&d);
	mg_node_append(g->parts[0].body, text_para(g, t));
	mg_layout *l = run(g, &s, &d);
	CHECK(l != NULL);
	CHECK(all_within(l, &s));
	int p = first_elem(l, MG_ROLE_P);
	CHECK(total_lines(l, p) >= 40000 / 6);
	/* every word once, in order, whatever the windows the breaker used */
	size_t nwords = 0, spaced = 0;
	for (size_t pg = 0; pg < l->npages; pg++)
		for (size_t i = 0; i < l->pages[pg].nboxes; i++) {
			const mg_box *b = &l->pages[pg].boxes[i];
			if (b->elem != p || b->kind != MG_BOX_TEXT)
				continue;
			const char *w = b->actual ? b->actual : b->text;
			size_t len = b->actual ? strlen(b->actual) : b->len;
			if (!len)
				continue;
			nwords++;
			spaced += w[len - 1] == ' ';
			CHECK(strncmp(w, "paragraph", 9) == 0);
		}
	CHECK_INT(nwords, 40000);
	CHECK_INT(spaced, 39999);
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
	free(t);
}

/* Every word of the bundled guide reads back in order. */
static void append_words(char ***v, size_t *n, size_t *cap, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\n'))
			i++;
		size_t j = i;
		while (j < len && s[j] != ' ' && s[j] != '\n')
			j++;
		if (j > i) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 256;
				*v = realloc(*v, *cap * sizeof(char *));
			}
			(*v)[(*n)++] = strndup(s + i, j - i);
		}
		i = j;
	}
}

struct source_words {
	char ***v;
	size_t *n, *cap;
};

static int source_word_visit(const mg_node *n, int entering, void *ctx)
{
	struct source_words *w = ctx;
	if (entering && (n->type == MG_NODE_TEXT || n->type == MG_NODE_CODE ||
			 n->type == MG_NODE_CODE_BLOCK) && n->text)
		append_words(w->v, w->n, w->cap, n->text, n->len);
	return 0;
}

static void check_guide(const char *dir)
{
	mg_diag d;
	mg_diag_init(&d);
	mg_guide *g = mg_source_read(dir, &d);
	if (!g) {
		printf("  cannot read the bundled guide\n");
		CHECK(0);
		mg_diag_release(&d);
		return;
	}
	mg_style s = small_style();
	s.page_width = 595.276;
	s.page_height = 841.89;
	s.margin_top = s.margin_bottom = s.margin_inner = s.margin_outer = 64;
	s.font_size = 10.5;
	s.leading = 14.5;
	/* chapter_break: page gives each part a page of its own... */
	s.chapter_pages = 1;
	mg_layout *paged = run(g, &s, &d);
	CHECK(paged && paged->npages >= 3 + g->nparts - 1);
	/* ...while the default lets chapters follow one another */
	s.chapter_pages = 0;
	mg_layout *l = run(g, &s, &d);
	CHECK(l != NULL);
	CHECK(all_within(l, &s));
	check_toc(l);
	check_outline(l, g);
	check_structure(l, &s);
	CHECK(paged && l->npages < paged->npages);
	mg_layout_free(paged);
	/* pages 2 onwards carry their number in the footer */
	for (size_t p = 1; p < l->npages; p++) {
		char want[32];
		int found = 0;
		snprintf(want, sizeof want, "%zu", p + 1);
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *b = &l->pages[p].boxes[i];
			if (b->kind == MG_BOX_TEXT && b->elem < 0 && b->y < s.margin_bottom &&
			    b->len == strlen(want) && !strncmp(b->text, want, b->len))
				found = 1;
		}
		CHECK(found);
	}
	/* read the tagged text back and find every source word in order */
	char **got = NULL, **want = NULL;
	size_t ngot = 0, cgot = 0, nwant = 0, cwant = 0;
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const mg_box *b = &l->pages[p].boxes[i];
			if (b->kind != MG_BOX_TEXT || b->elem < 0)
				continue;
			if (b->actual)
				append_words(&got, &ngot, &cgot, b->actual, strlen(b->actual));
			else
				append_words(&got, &ngot, &cgot, b->text, b->len);
		}
	for (size_t k = 0; k < g->nparts; k++) {
		struct source_words sw = { &want, &nwant, &cwant };
		mg_node_walk(g->parts[k].body, source_word_visit, &sw);
	}
	size_t j = 0, matched = 0;
	for (size_t i = 0; i < nwant && j < ngot; i++) {
		while (j < ngot && strcmp(got[j], want[i]) != 0)
			j++;
		if (j < ngot) {
			matched++;
			j++;
		}
	}
	if (matched != nwant)
		printf("  %zu of %zu words read back in order\n", matched, nwant);
	CHECK(nwant > 100);
	CHECK_INT(matched, nwant);
	/* and the footnotes' words, in the order they are called */
	for (size_t i = 0; i < nwant; i++)
		free(want[i]);
	nwant = 0;
	for (size_t k = 0; k < g->nparts; k++)
		for (size_t f = 0; f < g->parts[k].nfootnotes; f++) {
			struct source_words sw = { &want, &nwant, &cwant };
			mg_node_walk(g->parts[k].footnotes[f].body, source_word_visit, &sw);
		}
	j = 0;
	matched = 0;
	for (size_t i = 0; i < nwant && j < ngot; i++) {
		while (j < ngot && strcmp(got[j], want[i]) != 0)
			j++;
		if (j < ngot) {
			matched++;
			j++;
		}
	}
	CHECK_INT(matched, nwant);
	for (size_t i = 0; i < ngot; i++)
		free(got[i]);
	for (size_t i = 0; i < nwant; i++)
		free(want[i]);
	free(got);
	free(want);
	mg_layout_free(l);
	mg_guide_free(g);
	mg_diag_release(&d);
}

static void test_bundled_guide(void)
{
	check_guide("book/naltrexone-self-injury");
}

/* Tables, footnotes, a figure, nested lists, links, a cover, in Spanish. */
static void test_spanish_guide(void)
{
	check_guide("tests/guides/es-completa");
}

/* A figure as the model has it: scaled into the measure, alt text kept. */
static void test_figure(void)
{
	mg_guide *g = new_guide("en", 1);
	mg_style s = small_style();
	mg_diag d;
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G' };
	g->nimages = 1;
	g->images = mg_arena_alloc(g->arena, sizeof(mg_image));
	g->images[0].path = "wide.png";
	g->images[0].media_type = "image/png";
	g->images[0].data = png;
	g->images[0].size = sizeof png;
	g->images[0].width = 4000;	/* far wider than the page */
	g->images[0].height = 1000;
	mg_node *fig = mg_node_new(g, MG_NODE_FIGURE, 1, 1);
	fig->image = 0;
	fig->alt = "A wide chart of doses";
	mg_node_append(g->parts[0].body, text_para(g, "Before."));
	mg_node_append(g->parts[0].body, fig);
	mg_node_append(g->parts[0].body, text_para(g, "After."));
	mg_diag_init(&d);
	mg_layout *l = run(g, &s, &d);
	CHECK_INT(check_figures(l, &s), 1);
	int e = first_elem(l, MG_ROLE_FIGURE);
	CHECK(e > 0);
	if (e > 0) {
		const mg_elem *f = &l->elems[e];
		CHECK_STR(f->alt, "A wide chart of doses");
		double w = f->bbox[2] - f->bbox[0], h = f->bbox[3] - f->bbox[1];
		CHECK(fabs(w - 300) < EPS);	/* the measure */
		CHECK(fabs(w / h - 4.0) < 0.01);	/* its proportions */
	}
	mg_layout_free(l);
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* Odd guides still lay out: no parts, no title, empty bodies, a zero style. */
static void test_degenerate(void)
{
	mg_style s = small_style(), zero;
	mg_diag d;
	mg_guide *g = mg_guide_new();
	memset(&zero, 0, sizeof zero);
	mg_diag_init(&d);
	g->language = "en";
	mg_layout *l = run(g, &s, &d);
	CHECK(l != NULL && l->npages >= 1);
	mg_layout_free(l);
	mg_guide_free(g);
	g = new_guide("zz", 2);
	g->title = NULL;
	g->parts[0].heading = NULL;
	g->parts[0].body = NULL;
	l = run(g, &zero, &d);	/* defaults instead of zeros */
	CHECK(l != NULL && l->page_width > 0 && l->npages >= 4);
	mg_layout_free(l);
	mg_guide_free(g);
	mg_metrics m = fake();
	m.text_width = NULL;
	CHECK(mg_layout_run(g = new_guide("en", 1), &s, &m, NULL, NULL, &d) == NULL);
	mg_guide_free(g);
	mg_diag_release(&d);
}

int main(void)
{
	RUN(test_hyphen_points);
	RUN(test_known_paragraph);
	RUN(test_long_word);
	RUN(test_hyphenation_en);
	RUN(test_hyphenation_es);
	RUN(test_ragged_paragraph);
	RUN(test_paragraph_spacing);
	RUN(test_no_two_hyphens);
	RUN(test_headings_whole);
	RUN(test_widows_orphans);
	RUN(test_headings_kept);
	RUN(test_contents_outline_structure);
	RUN(test_long_contents);
	RUN(test_footnote);
	RUN(test_deep_lists);
	RUN(test_wide_numbers);
	RUN(test_table_header_repeats);
	RUN(test_tall_row);
	RUN(test_column_widths);
	RUN(test_long_code_line);
	RUN(test_missing_glyph);
	RUN(test_huge_paragraph);
	RUN(test_bundled_guide);
	RUN(test_spanish_guide);
	RUN(test_figure);
	RUN(test_degenerate);
	return MGT_DONE();
}
