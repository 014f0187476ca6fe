/* linebreak.h — total-fit line breaking (Knuth & Plass, 1981) over a list of
 * boxes, glue and penalties: the paragraph is broken where the sum of the
 * lines' demerits is least, not line by line. Justified lines are judged by
 * how far their spaces stretch or shrink; ragged-right lines, whose spaces
 * keep their natural width, by the square of how far they fall short of the
 * measure, so that the rag comes out even. Knows nothing of fonts. */
#ifndef MG_LINEBREAK_H
#define MG_LINEBREAK_H

#include <stddef.h>

#define MG_LB_INF 10000		/* penalty: >= never break, <= -INF always */
#define MG_LB_RAGGED_SHARE 0.25	/* ragged: a line this share of the measure
				   short has ratio 1 */

typedef enum mg_lb_type {
	MG_LB_BOX,
	MG_LB_GLUE,
	MG_LB_PENALTY
} mg_lb_type;

typedef struct mg_lb_item {
	mg_lb_type type;
	double width;		/* a PENALTY's width counts only if broken at */
	double stretch, shrink;	/* GLUE */
	int penalty;		/* PENALTY */
	int flagged;		/* PENALTY: a hyphen; never two lines in a row
				   end on one (only in an emergency) */
} mg_lb_item;

typedef struct mg_lb_params {
	double width;		/* the measure */
	double tolerance;	/* largest adjustment ratio of a good line */
	int ragged;		/* 1: ragged right: interword glue must not
				   stretch; a line holding glue that does
				   (the fill before a forced break: the
				   paragraph's last line) is free */
	int emergency;		/* 1: when no set of lines is within the
				   tolerance, take looser (or overfull) ones;
				   0: return no lines and set *loose */
	int after_hyphen;	/* 1: the line before the first ended on a
				   hyphen (the first may not) */
} mg_lb_params;

/* Breaks items[0..n) into lines. The caller ends the list with a glue of
 * large stretch and a forced penalty. Every box must fit the measure; lines
 * looser than the tolerance are taken only in an emergency (see params).
 * Justified, the tolerance bounds the adjustment ratio; ragged, a line's
 * ratio is its shortfall over MG_LB_RAGGED_SHARE of the measure.
 * Sets *breaks (mg_xmalloc'd, caller frees) to the indices of the items
 * where lines end, in order; returns the number of lines.
 * *loose is set to 1 when some line exceeds the tolerance. */
size_t mg_linebreak(const mg_lb_item *items, size_t n, const mg_lb_params *p,
		    size_t **breaks, int *loose);

/* The adjustment ratio of the line items[from..to] (to is the break):
 * how far its glue stretches (> 0) or shrinks (< 0) to fill the measure. */
double mg_lb_ratio(const mg_lb_item *items, size_t from, size_t to,
		   const mg_lb_params *p);

#endif
