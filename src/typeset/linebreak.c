/* linebreak.c — Knuth–Plass total-fit line breaking: an active list of
 * feasible breakpoints, demerits from badness (justified) or squared
 * shortfall (ragged right), penalties and fitness classes, the best path
 * traced back at the end. Huge paragraphs fall back to first fit. */
#include "typeset/linebreak.h"

#include <math.h>
#include <stdlib.h>

#include "core/arena.h"
#include "core/vec.h"

#define LINE_PENALTY 10.0
#define FITNESS_DEMERITS 3000.0
#define LOOSE_DEMERITS 1e7	/* a line beyond the tolerance: last resort */
#define TWICE_DEMERITS 1e12	/* a second hyphen in a row: emergency only */
#define RAGGED_WEIGHT 1e5	/* ragged: demerits of a line its whole
				   measure short; a line a tenth short costs
				   1,000, a hyphen of penalty 100 as much as
				   a line 32 % short */
#define KP_MAX_ITEMS 40000	/* beyond this, first fit keeps memory flat */

struct node {
	size_t pos;		/* the break's item index */
	size_t start;		/* the first item of the line after it */
	double demerits;
	long prev;		/* the node this line starts from; -1 */
	long next;		/* next in the active list; -1 */
	int fitness;
	int loose;		/* lines beyond the tolerance on this path */
};

struct sums {
	double *w, *y, *z;	/* sums of items[0..i) */
};

static int is_legal(const mg_lb_item *it, size_t i)
{
	if (it[i].type == MG_LB_PENALTY)
		return it[i].penalty < MG_LB_INF;
	if (it[i].type == MG_LB_GLUE)
		return i > 0 && it[i - 1].type == MG_LB_BOX;
	return 0;
}

static void make_sums(const mg_lb_item *it, size_t n, struct sums *s)
{
	s->w = mg_xmalloc((n + 1) * sizeof(double));
	s->y = mg_xmalloc((n + 1) * sizeof(double));
	s->z = mg_xmalloc((n + 1) * sizeof(double));
	s->w[0] = s->y[0] = s->z[0] = 0;
	for (size_t i = 0; i < n; i++) {
		int counts = it[i].type != MG_LB_PENALTY;
		s->w[i + 1] = s->w[i] + (counts ? it[i].width : 0);
		s->y[i + 1] = s->y[i] + (it[i].type == MG_LB_GLUE ? it[i].stretch : 0);
		s->z[i + 1] = s->z[i] + (it[i].type == MG_LB_GLUE ? it[i].shrink : 0);
	}
}

/* Sums after a break at b: the glue and penalties that follow it vanish. */
static size_t after_break(const mg_lb_item *it, size_t n, size_t b)
{
	size_t k = b;
	if (b == 0 && it[0].type == MG_LB_BOX)
		return 0;
	for (k = b + 1; k < n; k++) {
		if (it[k].type == MG_LB_BOX)
			break;
		if (it[k].type == MG_LB_PENALTY && it[k].penalty <= -MG_LB_INF)
			break;
	}
	return k;
}

/* Ragged right: the shortfall over the share of the measure that counts
 * as ratio 1; a line whose glue stretches (it ends at a forced break) is
 * free, whatever its length. */
static double ragged_ratio(double len, double y, const mg_lb_params *p)
{
	if (y > 0 || p->width <= 0)
		return 0;
	return (p->width - len) / (p->width * MG_LB_RAGGED_SHARE);
}

static double ratio_of(const mg_lb_item *it, const struct sums *s, size_t k,
		       size_t b, const mg_lb_params *p)
{
	double len = s->w[b] - s->w[k];
	double y = s->y[b] - s->y[k], z = s->z[b] - s->z[k];
	if (it[b].type == MG_LB_PENALTY)
		len += it[b].width;
	if (len > p->width)
		return z > 0 ? (p->width - len) / z : -1e9;
	if (p->ragged)
		return ragged_ratio(len, y, p);
	if (len < p->width)
		return y > 0 ? (p->width - len) / y : 1e9;
	return 0;
}

double mg_lb_ratio(const mg_lb_item *items, size_t from, size_t to,
		   const mg_lb_params *p)
{
	double len = 0, y = 0, z = 0;
	for (size_t i = from; i < to; i++) {
		if (items[i].type == MG_LB_PENALTY)
			continue;
		len += items[i].width;
		if (items[i].type == MG_LB_GLUE) {
			y += items[i].stretch;
			z += items[i].shrink;
		}
	}
	if (items[to].type == MG_LB_PENALTY)
		len += items[to].width;
	if (len < p->width)
		return y > 0 ? (p->width - len) / y : 0;
	if (len > p->width)
		return z > 0 ? (p->width - len) / z : 0;
	return 0;
}

/* Justified lines fall in four classes, tight to very loose, and a line
 * two classes from the one before costs more; ragged lines are all one. */
static int fitness_of(double r, const mg_lb_params *p)
{
	if (p->ragged)
		return 1;
	if (r < -0.5)
		return 0;
	if (r <= 0.5)
		return 1;
	if (r <= 1)
		return 2;
	return 3;
}

/* A line's own demerits, before its break's penalty: justified, from its
 * badness (100 r^3, as TeX); ragged, from its squared shortfall. */
static double line_demerits(double r, const mg_lb_params *p)
{
	if (p->ragged) {
		double u = r * MG_LB_RAGGED_SHARE;	/* shortfall / measure */
		return LINE_PENALTY * LINE_PENALTY + RAGGED_WEIGHT * u * u;
	}
	double bad = r > 0 ? 100 * r * r * r : -100 * r * r * r;
	if (bad > 10000 || r > p->tolerance)
		bad = 10000;
	return (LINE_PENALTY + bad) * (LINE_PENALTY + bad);
}

static double demerits_of(const mg_lb_item *it, size_t b, double r,
			  const mg_lb_params *p, const struct node *from,
			  int twice, int fit)
{
	double d = line_demerits(r, p);
	if (it[b].type == MG_LB_PENALTY) {
		double pe = it[b].penalty;
		if (pe >= 0)
			d += pe * pe;
		else if (pe > -MG_LB_INF)
			d -= pe * pe;
	}
	if (twice)
		d += TWICE_DEMERITS;
	if (abs(fit - from->fitness) > 1)
		d += FITNESS_DEMERITS;
	if (r > p->tolerance)
		d += LOOSE_DEMERITS;
	return d;
}

static size_t trace(const struct node *nodes, long best, size_t **breaks)
{
	size_t count = 0, i;
	for (long k = best; k >= 0 && nodes[k].prev >= 0; k = nodes[k].prev)
		count++;
	*breaks = mg_xmalloc((count ? count : 1) * sizeof(size_t));
	i = count;
	for (long k = best; k >= 0 && nodes[k].prev >= 0; k = nodes[k].prev)
		(*breaks)[--i] = nodes[k].pos;
	return count;
}

static size_t first_fit(const mg_lb_item *it, size_t n, const mg_lb_params *p,
			const struct sums *s, size_t **breaks, int *loose)
{
	mg_vec out;
	size_t k = after_break(it, n, 0), b, cand = (size_t)-1;
	mg_vec_init(&out, sizeof(size_t));
	for (b = 0; b < n; b++) {
		if (!is_legal(it, b) || b < k)
			continue;
		double r = ratio_of(it, s, k, b, p);
		if (r >= -1 && cand != b) {
			cand = b;
			if (it[b].type == MG_LB_PENALTY && it[b].penalty <= -MG_LB_INF) {
				*(size_t *)mg_vec_push(&out) = b;
				k = after_break(it, n, b);
				cand = (size_t)-1;
			}
			continue;
		}
		if (cand == (size_t)-1 || cand < k)
			cand = b;	/* overfull: nothing better */
		*(size_t *)mg_vec_push(&out) = cand;
		k = after_break(it, n, cand);
		if (r > p->tolerance)
			*loose = 1;
		b = cand;	/* re-examine from the new line */
		cand = (size_t)-1;
	}
	*breaks = out.items ? out.items : mg_xmalloc(sizeof(size_t));
	return out.len;
}

struct kp {			/* the state of one run of total fit */
	const mg_lb_item *it;
	size_t n;
	const mg_lb_params *p;
	const struct sums *s;
	int strict;
	mg_vec nodes;		/* struct node, never freed during the run */
	long head;		/* the active list */
};

struct best {			/* the best way found to break at b */
	double d[4];		/* per fitness class: total demerits */
	long from[4];		/* the node the line starts from */
	int loose[4];
	long rescue;		/* the least bad node whose line is overfull */
};

static struct node *nodeat(struct kp *k, long i)
{
	return (struct node *)k->nodes.items + i;
}

static int is_hyphen(const mg_lb_item *it)
{
	return it->type == MG_LB_PENALTY && it->flagged;
}

/* 1 when a line from active node na to b would be the second in a row to
 * end on a hyphen. */
static int second_hyphen(struct kp *k, const struct node *na, size_t b)
{
	if (!is_hyphen(&k->it[b]))
		return 0;
	if (na->prev < 0)
		return k->p->after_hyphen;
	return is_hyphen(&k->it[na->pos]);
}

/* Tries every active node as the start of a line ending at b; drops the
 * nodes whose lines are overfull by now (they only get longer), and all of
 * them at a forced break. */
static void try_actives(struct kp *k, size_t b, int forced, struct best *bs)
{
	long prev = -1;
	for (int f = 0; f < 4; f++) {
		bs->d[f] = INFINITY;
		bs->from[f] = -1;
		bs->loose[f] = 0;
	}
	bs->rescue = -1;
	for (long a = k->head; a >= 0;) {
		struct node *na = nodeat(k, a);
		long next = na->next;
		if (na->start > b) {	/* nothing on the line yet */
			prev = a;
			a = next;
			continue;
		}
		double r = ratio_of(k->it, k->s, na->start, b, k->p);
		int twice = second_hyphen(k, na, b);
		if (r >= -1 && (!k->strict || (r <= k->p->tolerance && !twice))) {
			int fit = fitness_of(r, k->p);
			double d = na->demerits +
				   demerits_of(k->it, b, r, k->p, na, twice, fit);
			if (d < bs->d[fit]) {
				bs->d[fit] = d;
				bs->from[fit] = a;
				bs->loose[fit] = na->loose + (r > k->p->tolerance);
			}
		} else if (bs->rescue < 0 ||
			   na->demerits < nodeat(k, bs->rescue)->demerits) {
			bs->rescue = a;
		}
		if (r < -1 || forced) {	/* deactivate */
			if (prev < 0)
				k->head = next;
			else
				nodeat(k, prev)->next = next;
		} else {
			prev = a;
		}
		a = next;
	}
}

/* New nodes at b, one per fitness class that found a way here. They join
 * the active list; at a forced break, only the best goes on (returned). */
static long add_nodes(struct kp *k, size_t b, int forced, const struct best *bs)
{
	long best = -1;
	for (int f = 0; f < 4; f++) {
		if (bs->from[f] < 0)
			continue;
		struct node *nn = mg_vec_push(&k->nodes);
		long id = (long)k->nodes.len - 1;
		nn->pos = b;
		nn->start = after_break(k->it, k->n, b);
		nn->demerits = bs->d[f];
		nn->prev = bs->from[f];
		nn->fitness = f;
		nn->loose = bs->loose[f];
		nn->next = -1;
		if (forced) {
			if (best < 0 || nn->demerits < nodeat(k, best)->demerits)
				best = id;
			continue;
		}
		nn->next = k->head;	/* order in the list does not matter */
		k->head = id;
	}
	return best;
}

/* strict: only lines within the tolerance (few active nodes, fast); returns
 * (size_t)-1 when no such set of lines exists. Otherwise looser lines are
 * taken when nothing better exists, and an overfull one as a last resort. */
static size_t total_fit(const mg_lb_item *it, size_t n, const mg_lb_params *p,
			const struct sums *s, size_t **breaks, int *loose,
			int strict)
{
	struct kp k = { it, n, p, s, strict, { 0 }, 0 };
	struct node *nd;
	long best_any = -1;
	size_t result;

	mg_vec_init(&k.nodes, sizeof(struct node));
	nd = mg_vec_push(&k.nodes);
	nd->prev = -1;
	nd->next = -1;
	nd->fitness = 1;
	nd->start = after_break(it, n, 0);
	for (size_t b = 1; b < n && k.head >= 0; b++) {
		struct best bs;
		if (!is_legal(it, b))
			continue;
		int forced = it[b].type == MG_LB_PENALTY && it[b].penalty <= -MG_LB_INF;
		try_actives(&k, b, forced, &bs);
		if (!strict && k.head < 0 && bs.rescue >= 0 && bs.from[0] < 0 &&
		    bs.from[1] < 0 && bs.from[2] < 0 && bs.from[3] < 0) {
			/* every way here is overfull: break anyway */
			bs.from[1] = bs.rescue;
			bs.d[1] = nodeat(&k, bs.rescue)->demerits + 1e9;
			bs.loose[1] = nodeat(&k, bs.rescue)->loose + 1;
		}
		best_any = add_nodes(&k, b, forced, &bs);
		if (forced && b + 1 < n && best_any >= 0) {
			/* a forced break inside the paragraph: go on from the best */
			k.head = best_any;
			best_any = -1;
		}
	}
	for (long a = k.head; best_any < 0 && a >= 0; a = nodeat(&k, a)->next)
		if (nodeat(&k, a)->prev >= 0)
			best_any = a;	/* the paragraph ended on a forced break */
	if (best_any < 0) {
		mg_vec_release(&k.nodes);
		if (strict)
			return (size_t)-1;
		return first_fit(it, n, p, s, breaks, loose);	/* be safe */
	}
	*loose = nodeat(&k, best_any)->loose > 0;
	result = trace(k.nodes.items, best_any, breaks);
	mg_vec_release(&k.nodes);
	return result;
}

size_t mg_linebreak(const mg_lb_item *items, size_t n, const mg_lb_params *p,
		    size_t **breaks, int *loose)
{
	struct sums s;
	size_t count;
	*loose = 0;
	if (n == 0) {
		*breaks = mg_xmalloc(sizeof(size_t));
		return 0;
	}
	make_sums(items, n, &s);
	if (n > KP_MAX_ITEMS) {
		count = first_fit(items, n, p, &s, breaks, loose);
	} else {
		count = total_fit(items, n, p, &s, breaks, loose, 1);
		if (count == (size_t)-1 && !p->emergency) {
			*loose = 1;
			*breaks = mg_xmalloc(sizeof(size_t));
			count = 0;
		} else if (count == (size_t)-1) {
			count = total_fit(items, n, p, &s, breaks, loose, 0);
		}
	}
	free(s.w);
	free(s.y);
	free(s.z);
	return count;
}
