/* cover.c — the typographic cover's design: a calm band of colour holding
 * the title and subtitle, the publisher at the foot, the language above;
 * each text wrapped at spaces and set as large as its box allows. */
#include "cover/cover.h"

#include "core/arena.h"
#include "cover/canvas.h"
#include "cover/type.h"
#include "epub/xhtml.h"
#include "readability/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the design, in pixels of the 1600 x 2400 cover ---- */

#define MARGIN 150		/* left and right */
#define TEXT_WIDTH (MG_COVER_WIDTH - 2 * MARGIN)
#define BAND_HEIGHT 1640	/* the coloured band, from the top */
#define STRIPE_HEIGHT 18	/* the accent along the band's foot */

#define LABEL_TOP 190		/* the language */
#define LABEL_MAX 46
#define LABEL_LEADING 1.2
#define RULE_TOP 300		/* a short accent rule under it */
#define RULE_WIDTH 180
#define RULE_HEIGHT 12

#define TITLE_TOP 390		/* title and subtitle, down to the band's foot, */
#define TITLE_RISE 0.4		/* a short one placed this far down what is left */
#define TITLE_BOTTOM (BAND_HEIGHT - 150)
#define TITLE_MAX 168
#define TITLE_LEADING 1.12	/* baseline to baseline, in ems */
#define SUB_RATIO 0.45		/* the subtitle's size: the title's times this, */
#define SUB_MAX 68		/* at most this */
#define SUB_LEADING 1.3
#define SUB_GAP 0.55		/* between title and subtitle, in the title's ems */

#define FOOT_TOP (BAND_HEIGHT + 150)	/* the publisher, centred here */
#define FOOT_BOTTOM (MG_COVER_HEIGHT - 150)
#define FOOT_MAX 60
#define FOOT_LEADING 1.25

#define MIN_SIZE 4		/* smaller than this, text is clipped instead */

/* The palette runs from deep teal (index 0, the band and the foot's ink) to
 * white (the last index: the title's ink, the foot). White on teal is 9.3:1
 * (WCAG AAA); the language's tint on teal 5.8:1 (AA at any size). */
static const mg_rgb TEAL = { 0x0e, 0x4d, 0x64 };
static const mg_rgb WHITE = { 0xff, 0xff, 0xff };
#define INK_TEAL 0
#define INK_WHITE (MG_CANVAS_COLOURS - 1)
#define INK_TINT 11		/* the language and the accents */

/* ---- text in blocks ---- */

struct word {
	size_t start, len;
	double em;		/* its width */
};

struct line {
	size_t first, n;	/* its words */
	double em;		/* its width, spaces included */
};

/* One text set in one face: its words, measured once in ems, and the lines
 * of its last wrap. */
struct block {
	const char *text;
	mg_type_face face;
	double leading;		/* baseline to baseline, in ems */
	double ascent, descent;	/* the face's, in ems */
	double space;		/* a space's width, in ems */
	double widest;		/* the widest word, in ems */
	mg_vec words;		/* of struct word */
	mg_vec lines;		/* of struct line */
	double size;		/* the em in pixels, once fitted */
};

/* Lines break at spaces, tabs and line ends; a no-break space does not. */
static int breaks(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void block_init(struct block *b, mg_type *t, const char *text,
		       mg_type_face face, double leading)
{
	memset(b, 0, sizeof *b);
	b->text = text ? text : "";
	b->face = face;
	b->leading = leading;
	b->ascent = mg_type_ascent(t, face);
	b->descent = mg_type_descent(t, face);
	b->space = mg_type_width(t, face, " ", 1);
	mg_vec_init(&b->words, sizeof(struct word));
	mg_vec_init(&b->lines, sizeof(struct line));
	for (size_t i = 0; b->text[i];) {
		struct word *w;
		size_t start;
		double em;

		while (breaks(b->text[i]))
			i++;
		if (!b->text[i])
			break;
		for (start = i; b->text[i] && !breaks(b->text[i]); i++)
			;
		em = mg_type_width(t, face, b->text + start, i - start);
		if (em <= 0)
			continue;	/* nothing a font draws */
		w = mg_vec_push(&b->words);
		w->start = start;
		w->len = i - start;
		w->em = em;
		if (em > b->widest)
			b->widest = em;
	}
}

static void block_release(struct block *b)
{
	mg_vec_release(&b->words);
	mg_vec_release(&b->lines);
}

/* Fills lines greedily: each takes the words that fit in limit ems (a word
 * wider than that alone). Returns how many lines. */
static size_t wrap(struct block *b, double limit)
{
	const struct word *w = b->words.items;
	struct line *l = NULL;

	b->lines.len = 0;
	for (size_t i = 0; i < b->words.len; i++) {
		if (l && l->em + b->space + w[i].em <= limit) {
			l->em += b->space + w[i].em;
			l->n++;
			continue;
		}
		l = mg_vec_push(&b->lines);
		l->first = i;
		l->n = 1;
		l->em = w[i].em;
	}
	return b->lines.len;
}

/* The block's height in pixels set at size and wrapped to width: from its
 * first line's ascent to its last line's descent. HUGE_VAL when a word is
 * wider than width; 0 for no words. */
static double height_at(struct block *b, double size, double width)
{
	size_t n;

	if (!b->words.len)
		return 0;
	if (b->widest * size > width)
		return HUGE_VAL;
	n = wrap(b, width / size);
	return (b->ascent + b->descent + (double)(n - 1) * b->leading) * size;
}

static double sub_size(double size)
{
	return fmin(SUB_MAX, floor(size * SUB_RATIO));
}

/* The height of a block and, below it, the one that goes with it (its
 * subtitle, or NULL) when the first is set at size. */
static double pair_height(struct block *b, struct block *sub, double size,
			  double width)
{
	double h = height_at(b, size, width);

	if (sub && sub->words.len)
		h += SUB_GAP * size + height_at(sub, sub_size(size), width);
	return h;
}

/* Sets b (and sub, if any, at sub_size) at the largest whole size up to max
 * at which both fit width x height: smaller text never takes more lines,
 * so the sizes that fit are those up to one. Leaves them wrapped at it;
 * returns their height. */
static double fit(struct block *b, struct block *sub, double max, double width,
		  double height)
{
	int lo = MIN_SIZE, hi = (int)max;

	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;

		if (pair_height(b, sub, mid, width) <= height)
			lo = mid;
		else
			hi = mid - 1;
	}
	b->size = lo;
	if (sub)
		sub->size = sub_size(lo);
	return pair_height(b, sub, lo, width);
}

/* Draws b's lines, wrapped at its size, from top (its first ascent) at
 * the left margin with pen's canvas, ramp and rows. Returns where it ends. */
static double draw_block(mg_type *t, struct block *b, double top,
			 mg_type_pen pen)
{
	const struct word *w = b->words.items;
	const struct line *l = b->lines.items;
	double baseline = top + b->ascent * b->size;

	if (!b->words.len)
		return top;
	wrap(b, TEXT_WIDTH / b->size);
	pen.size = b->size;
	for (size_t i = 0; i < b->lines.len; i++) {
		pen.x = MARGIN;
		pen.y = baseline + (double)i * b->leading * b->size;
		for (size_t k = l[i].first; k < l[i].first + l[i].n; k++) {
			mg_type_draw(t, b->face, b->text + w[k].start, w[k].len,
				     &pen);
			pen.x += b->space * b->size;
		}
	}
	return pen.y + b->descent * b->size;
}

/* ---- the cover ---- */

const char *mg_cover_language(const char *tag)
{
	switch (mg_read_lang_of(tag)) {
	case MG_LANG_EN:
		return "English";
	case MG_LANG_ES:
		return "Español";
	case MG_LANG_OTHER:
		break;
	}
	return tag ? tag : "";
}

/* The name at the foot: the publisher, else the authors, "A, B"; a heap
 * string the caller frees. */
static char *foot_text(const mg_guide *g)
{
	size_t len = 1;
	char *s;

	if (g->publisher && *g->publisher)
		return mg_xstrdup(g->publisher);
	for (size_t i = 0; i < g->nauthors; i++)
		len += strlen(g->authors[i]) + 2;
	s = mg_xcalloc(len, 1);
	for (size_t i = 0; i < g->nauthors; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, g->authors[i]);
	}
	return s;
}

/* The cover's texts, each fitted to its box. */
struct texts {
	struct block label, title, sub, foot;
	char *foot_text;	/* heap */
};

/* Text of a right-to-left language would come out in the wrong order and
 * unjoined without a shaping engine: its cover shows the language alone. */
static void texts_init(struct texts *x, mg_type *t, const mg_guide *g)
{
	int rtl = mg_xhtml_rtl(g->language);

	x->foot_text = rtl ? NULL : foot_text(g);
	block_init(&x->label, t, mg_cover_language(g->language), MG_TYPE_HEADING,
		   LABEL_LEADING);
	block_init(&x->title, t, rtl ? NULL : g->title, MG_TYPE_HEADING,
		   TITLE_LEADING);
	block_init(&x->sub, t, rtl ? NULL : g->subtitle, MG_TYPE_BODY,
		   SUB_LEADING);
	block_init(&x->foot, t, x->foot_text, MG_TYPE_HEADING, FOOT_LEADING);
}

static void texts_release(struct texts *x)
{
	block_release(&x->label);
	block_release(&x->title);
	block_release(&x->sub);
	block_release(&x->foot);
	free(x->foot_text);
}

static void paint(mg_type *t, struct texts *x, mg_canvas *c)
{
	mg_type_pen band = { c, { INK_TEAL, INK_WHITE, 0,
				  BAND_HEIGHT - STRIPE_HEIGHT }, 0, 0, 0 };
	mg_type_pen foot = { c, { INK_WHITE, INK_TEAL, BAND_HEIGHT,
				  MG_COVER_HEIGHT }, 0, 0, 0 };
	double h;

	mg_canvas_fill(c, 0, BAND_HEIGHT - STRIPE_HEIGHT, c->width, STRIPE_HEIGHT,
		       INK_TINT);
	mg_canvas_fill(c, 0, BAND_HEIGHT, c->width, c->height - BAND_HEIGHT,
		       INK_WHITE);
	mg_canvas_fill(c, MARGIN, RULE_TOP, RULE_WIDTH, RULE_HEIGHT, INK_TINT);

	fit(&x->label, NULL, LABEL_MAX, TEXT_WIDTH, RULE_TOP - LABEL_TOP - 30);
	band.ink.ink = INK_TINT;
	draw_block(t, &x->label, LABEL_TOP, band);

	h = fit(&x->title, &x->sub, TITLE_MAX, TEXT_WIDTH, TITLE_BOTTOM - TITLE_TOP);
	band.ink.ink = INK_WHITE;
	h = draw_block(t, &x->title, TITLE_TOP + (TITLE_BOTTOM - TITLE_TOP - h) *
			TITLE_RISE, band);
	draw_block(t, &x->sub, h + SUB_GAP * x->title.size, band);

	h = fit(&x->foot, NULL, FOOT_MAX, TEXT_WIDTH, FOOT_BOTTOM - FOOT_TOP);
	draw_block(t, &x->foot, FOOT_TOP + (FOOT_BOTTOM - FOOT_TOP - h) / 2, foot);
}

/* Encodes c and its thumbnail into *out and *thumb; on failure both are
 * left empty and the reason is in why. */
static int encode(const mg_canvas *c, mg_bytes *out, mg_bytes *thumb,
		  char *why, size_t size)
{
	mg_canvas small;
	int rc;

	if (mg_canvas_png(c, out, why, size) < 0)
		return -1;
	mg_canvas_shrink(c, MG_COVER_THUMB_WIDTH, MG_COVER_THUMB_HEIGHT, &small);
	rc = mg_canvas_png(&small, thumb, why, size);
	mg_canvas_release(&small);
	if (rc < 0)
		mg_bytes_release(out);
	return rc;
}

int mg_cover_draw(const mg_guide *g, const mg_style *s, mg_bytes *out,
		  mg_bytes *thumb, mg_diag *d)
{
	struct texts x;
	mg_canvas c;
	char why[256];
	mg_type *t;
	int rc;

	out->data = NULL;
	out->len = 0;
	thumb->data = NULL;
	thumb->len = 0;
	t = mg_type_open(s, d);
	if (!t)
		return -1;
	mg_canvas_init(&c, MG_COVER_WIDTH, MG_COVER_HEIGHT, TEAL, WHITE);
	texts_init(&x, t, g);
	paint(t, &x, &c);
	rc = encode(&c, out, thumb, why, sizeof why);
	if (rc < 0)
		mg_error(d, g->dir, 0, 0, "cannot draw the cover: libpng: %s", why);
	texts_release(&x);
	mg_canvas_release(&c);
	mg_type_close(t);
	return rc;
}
