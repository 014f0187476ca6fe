/* test_linebreak.c — the total-fit line breaker on its own, over hand-made
 * boxes, glue and penalties: ragged right evens the rag (its squared
 * shortfall is never more than first fit's), leaves the last line free, and
 * never ends two lines in a row on a hyphen; justified setting still fills. */
#include "typeset/linebreak.h"

#include "mgtest.h"

#include <math.h>
#include <stdlib.h>

#define SPACE 2.5		/* a space, as the layout's half-em fake font */
#define CHAR 5.0		/* a character */
#define FILL 1e6
#define HYPHEN_PEN 100		/* the layout's ragged hyphen penalty */

/* A paragraph's items, grown as words are added. */
struct para {
	mg_lb_item it[4096];
	size_t n;
};

static void add(struct para *p, mg_lb_type type, double w, double y,
		double z, int pen, int flagged)
{
	mg_lb_item *it = &p->it[p->n++];
	it->type = type;
	it->width = w;
	it->stretch = y;
	it->shrink = z;
	it->penalty = pen;
	it->flagged = flagged;
}

/* A word of len characters; split > 0: a hyphenation point after that many
 * characters. Ragged glue does not stretch; justified glue does. */
static void word(struct para *p, int len, int split, int ragged)
{
	if (p->n)
		add(p, MG_LB_GLUE, SPACE, ragged ? 0 : SPACE / 2,
		    ragged ? 0 : SPACE / 3, 0, 0);
	if (split > 0 && split < len) {
		add(p, MG_LB_BOX, split * CHAR, 0, 0, 0, 0);
		add(p, MG_LB_PENALTY, CHAR, 0, 0, HYPHEN_PEN, 1);
		len -= split;
	}
	add(p, MG_LB_BOX, len * CHAR, 0, 0, 0, 0);
}

static void finish(struct para *p)
{
	add(p, MG_LB_GLUE, 0, FILL, 0, 0, 0);
	add(p, MG_LB_PENALTY, 0, 0, 0, -MG_LB_INF, 0);
}

/* A small deterministic generator, so that a failure can be replayed. */
static unsigned next_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

/* Words of 1 to 12 characters; with hyphens, every word of 6 or more
 * characters may break after its third. */
static void random_para(struct para *p, unsigned *seed, int words,
			int hyphens)
{
	p->n = 0;
	for (int i = 0; i < words; i++) {
		int len = 1 + (int)(next_rand(seed) % 12);
		word(p, len, hyphens && len >= 6 ? 3 : 0, 1);
	}
	finish(p);
}

/* The first box after a break at b (or from the start when b is -1). */
static size_t start_after(const struct para *p, long b)
{
	size_t k = (size_t)(b + 1);
	while (k < p->n && p->it[k].type != MG_LB_BOX)
		k++;
	return k;
}

/* The width of the boxes and glue in items [k, e). */
static double span(const struct para *p, size_t k, size_t e)
{
	double w = 0;
	for (size_t i = k; i < e; i++)
		if (p->it[i].type != MG_LB_PENALTY)
			w += p->it[i].width;
	return w;
}

/* The natural width of the line from the box at k to the break at b. */
static double line_width(const struct para *p, size_t k, size_t b)
{
	double w = span(p, k, b);
	if (p->it[b].type == MG_LB_PENALTY)
		w += p->it[b].width;
	return w;
}

/* The squared shortfall of every line but the last; -1 if a line is
 * longer than the measure or a break is not one. */
static double squared_shortfall(const struct para *p, const size_t *brk,
				size_t nb, double measure)
{
	double sum = 0;
	long prev = -1;
	for (size_t l = 0; l < nb; l++) {
		size_t k = start_after(p, prev);
		double w = line_width(p, k, brk[l]);
		if (w > measure + 1e-9 || p->it[brk[l]].type == MG_LB_BOX)
			return -1;
		if (l + 1 < nb)
			sum += (measure - w) * (measure - w);
		prev = (long)brk[l];
	}
	return sum;
}

/* First fit: as many words on each line as go, breaking at spaces only. */
static size_t first_fit(const struct para *p, double measure, size_t *brk)
{
	size_t nb = 0, k = start_after(p, -1);
	long last_glue = -1;
	for (size_t i = k; i < p->n; i++) {
		const mg_lb_item *it = &p->it[i];
		if (it->type == MG_LB_PENALTY && it->penalty <= -MG_LB_INF) {
			brk[nb++] = i;
			break;
		}
		if (it->type == MG_LB_GLUE && it->stretch < FILL)
			last_glue = (long)i;
		if (it->type != MG_LB_BOX || span(p, k, i + 1) <= measure)
			continue;
		brk[nb++] = (size_t)last_glue;	/* the word goes down */
		k = start_after(p, last_glue);
	}
	return nb;
}

static size_t ragged_break(const struct para *p, double measure,
			   int after_hyphen, size_t **brk)
{
	/* any shortfall is within the tolerance: the best set of lines wins */
	mg_lb_params lp = { measure, 1 / MG_LB_RAGGED_SHARE, 1, 1,
			    after_hyphen };
	int loose = 0;
	return mg_linebreak(p->it, p->n, &lp, brk, &loose);
}

/* Ragged right: on a thousand paragraphs, total fit's squared shortfall is
 * never more than first fit's, and it is less on many. */
static void test_ragged_evens_rag(void)
{
	static struct para p;
	unsigned seed = 7;
	int better = 0, worse = 0;
	for (int t = 0; t < 1000; t++) {
		size_t ff[4096], *tf = NULL;
		double measure = (30 + next_rand(&seed) % 50) * CHAR;
		random_para(&p, &seed, 20 + (int)(next_rand(&seed) % 150), 0);
		size_t nf = first_fit(&p, measure, ff);
		size_t nt = ragged_break(&p, measure, 0, &tf);
		double sf = squared_shortfall(&p, ff, nf, measure);
		double st = squared_shortfall(&p, tf, nt, measure);
		CHECK(sf >= 0 && st >= 0);
		CHECK(nt >= nf);	/* first fit's count is the least */
		if (st > sf + 1e-6 && worse++ < 3)
			printf("  paragraph %d: total fit %g, first fit %g\n", t,
			       st, sf);
		better += st < sf - 1e-6;
		free(tf);
	}
	CHECK_INT(worse, 0);
	CHECK(better > 300);
}

/* The rag made even, by hand: on a measure of 20 characters, first fit
 * fills the first line with "4 4 4 4 2" and leaves the next two lines 8
 * short; total fit takes the "2" down to the long word, and the lines fall
 * 2.5, 5.5 and 8 short (squares 100.5 against 128). */
static void test_ragged_known(void)
{
	static struct para p;
	static const int lens[] = { 4, 4, 4, 4, 2, 12, 12, 12 };
	double measure = 20 * CHAR;
	size_t ff[64], *tf = NULL;
	p.n = 0;
	for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++)
		word(&p, lens[i], 0, 1);
	finish(&p);
	size_t nf = first_fit(&p, measure, ff);
	size_t nt = ragged_break(&p, measure, 0, &tf);
	CHECK_INT(nf, 4);
	CHECK_INT(nt, 4);
	CHECK(fabs(squared_shortfall(&p, ff, nf, measure) -
		   128 * CHAR * CHAR) < 1e-6);
	CHECK(fabs(squared_shortfall(&p, tf, nt, measure) -
		   100.5 * CHAR * CHAR) < 1e-6);
	free(tf);
}

/* The last line is free: it is not filled at the cost of the lines above. */
static void test_last_line_free(void)
{
	static struct para p;
	size_t *tf = NULL;
	double measure = 7 * 4 * CHAR + 6 * SPACE;	/* seven words fill it */
	p.n = 0;
	for (int i = 0; i < 7; i++)
		word(&p, 4, 0, 1);
	word(&p, 2, 0, 1);
	finish(&p);
	size_t nt = ragged_break(&p, measure, 0, &tf);
	CHECK_INT(nt, 2);
	CHECK(squared_shortfall(&p, tf, nt, measure) < 1e-9);
	free(tf);
}

/* Never two lines in a row on a hyphen, nor a first line after one, on
 * paragraphs that want many hyphens (a narrow measure, long words). */
static void test_no_two_hyphens(void)
{
	static struct para p;
	unsigned seed = 11;
	int hyphens = 0, twice = 0;
	for (int t = 0; t < 500; t++) {
		size_t *tf = NULL;
		double measure = (14 + next_rand(&seed) % 10) * CHAR;
		int after = t % 2;
		random_para(&p, &seed, 30 + (int)(next_rand(&seed) % 60), 1);
		size_t nt = ragged_break(&p, measure, after, &tf);
		CHECK(squared_shortfall(&p, tf, nt, measure) >= 0);
		int prev = after;
		for (size_t l = 0; l < nt; l++) {
			int h = p.it[tf[l]].type == MG_LB_PENALTY &&
				p.it[tf[l]].flagged;
			hyphens += h;
			twice += h && prev;
			prev = h;
		}
		free(tf);
	}
	CHECK_INT(twice, 0);
	CHECK(hyphens > 100);	/* the test asked for hyphens and got them */
}

/* The same rule when justifying. */
static void test_no_two_hyphens_justified(void)
{
	static struct para p;
	unsigned seed = 5;
	int hyphens = 0, twice = 0;
	for (int t = 0; t < 300; t++) {
		size_t *tf = NULL;
		mg_lb_params lp = { (16 + next_rand(&seed) % 8) * CHAR, 2, 0, 1,
				    0 };
		int loose = 0;
		p.n = 0;
		for (int i = 0, n = 30 + (int)(next_rand(&seed) % 40); i < n; i++) {
			int len = 1 + (int)(next_rand(&seed) % 12);
			word(&p, len, len >= 6 ? 3 : 0, 0);
		}
		finish(&p);
		size_t nt = mg_linebreak(p.it, p.n, &lp, &tf, &loose);
		int prev = 0;
		for (size_t l = 0; l < nt; l++) {
			int h = p.it[tf[l]].type == MG_LB_PENALTY &&
				p.it[tf[l]].flagged;
			hyphens += h;
			twice += h && prev;
			prev = h;
		}
		free(tf);
	}
	CHECK_INT(twice, 0);
	CHECK(hyphens > 50);
}

/* Justified: every line but the last is set within the tolerance, its
 * spaces stretched or shrunk to the measure. */
static void test_justified_fills(void)
{
	static struct para p;
	mg_lb_params lp = { 60 * CHAR, 2, 0, 1, 0 };
	size_t *tf = NULL;
	int loose = 0;
	p.n = 0;
	for (int i = 0; i < 60; i++)
		word(&p, 2 + i % 5, 0, 0);
	finish(&p);
	size_t nt = mg_linebreak(p.it, p.n, &lp, &tf, &loose);
	CHECK(nt > 3);
	CHECK(!loose);
	size_t from = start_after(&p, -1);
	for (size_t l = 0; l + 1 < nt; l++) {
		double r = mg_lb_ratio(p.it, from, tf[l], &lp);
		CHECK(r >= -1 && r <= 2);
		from = start_after(&p, (long)tf[l]);
	}
	free(tf);
}

int main(void)
{
	RUN(test_ragged_evens_rag);
	RUN(test_ragged_known);
	RUN(test_last_line_free);
	RUN(test_no_two_hyphens);
	RUN(test_no_two_hyphens_justified);
	RUN(test_justified_fills);
	return MGT_DONE();
}
