/* tables.c — tables: column widths from the cells' words like a browser's
 * automatic layout, rows as items with their rules and note calls, the
 * header row repeated on each page, and rows taller than a page sliced. */
#include "typeset/layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct colw {
	double nat, min;
};

static void measure_cell(struct lay *c, const mg_node *cell,
			 const struct pstyle *ps, struct colw *cw)
{
	double word = 0, line = 0;
	mg_lay_tokens_of(c, cell, ps, 1);
	for (size_t i = 0; i < c->para.toks.len; i++) {
		struct tok *t = tokat(&c->para, i);
		if (t->kind == T_TEXT) {
			word += t->w;
			line += t->w;
			cw->min = fmax(cw->min, word);
			if (t->space) {
				word = 0;
				line += mg_lay_widths(&c->fonts, MG_FACE_REGULAR,
						      ps->size)->space;
			}
		} else {	/* a hard line break */
			word = 0;
			cw->nat = fmax(cw->nat, line);
			line = 0;
		}
	}
	cw->nat = fmax(cw->nat, line);
	c->para.toks.len = 0;
}

/* The old rule: every column its longest word, the spare width shared by
 * how much more each would take. */
static void widths_from_min(struct colw *cols, int n, double avail,
			    double nat, double min, double *out)
{
	double spare = avail - min, want = nat - min;
	for (int i = 0; i < n; i++)
		out[i] = cols[i].min + (want > 0 ? spare *
			 (cols[i].nat - cols[i].min) / want : 0);
}

/* Column widths like a browser's automatic table layout: narrow columns get
 * their natural width when it is no more than a fair share, the wide ones
 * share the rest by natural width, never below their longest word. */
static void column_widths(struct colw *cols, int n, double avail, double *out)
{
	double nat = 0, min = 0, rest = avail, restnat = 0, restmin = 0;
	int left = n, changed = 1;
	for (int i = 0; i < n; i++) {
		nat += cols[i].nat;
		min += cols[i].min;
		out[i] = -1;
	}
	if (nat <= avail || min > avail) {	/* all fit, or nothing does */
		double tot = nat <= avail ? nat : min;
		for (int i = 0; i < n; i++) {
			double v = nat <= avail ? cols[i].nat : cols[i].min;
			out[i] = tot > 0 ? avail * v / tot : avail / n;
		}
		return;
	}
	while (changed && left > 1) {
		changed = 0;
		for (int i = 0; i < n; i++) {
			if (out[i] >= 0 || cols[i].nat > rest / left)
				continue;
			out[i] = cols[i].nat;
			rest -= cols[i].nat;
			left--;
			changed = 1;
		}
	}
	for (int i = 0; i < n; i++) {
		if (out[i] >= 0)
			continue;
		restnat += cols[i].nat;
		restmin += cols[i].min;
	}
	if (restmin > rest || restnat <= 0) {
		widths_from_min(cols, n, avail, nat, min, out);
		return;
	}
	/* the wide columns: their longest word each, the rest by natural width */
	double spare = rest - restmin, want = restnat - restmin;
	for (int i = 0; i < n; i++)
		if (out[i] < 0)
			out[i] = cols[i].min + (want > 0 ? spare *
				 (cols[i].nat - cols[i].min) / want : 0);
}

struct slot {
	int slice;
	size_t i;
};

static int slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	if (x->slice != y->slice)
		return x->slice - y->slice;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The line index of a table row's box (y relative to the row's top). */
static int row_line(double y, double pady, double lead)
{
	int j = (int)floor((-y - pady) / lead);
	return j < 0 ? 0 : j;
}

/* Regroups a row's boxes [b0, b0 + n) slice by slice of per lines, keeping
 * their order inside a slice; sl[i] tells the slice of the i-th box after.
 * Returns the last slice. */
static int slice_boxes(struct galley *gal, size_t b0, size_t n, int per,
		       double pady, double lead, struct slot *sl)
{
	mg_box *tmp = mg_xcalloc(n + 1, sizeof *tmp);
	int last = 0;
	for (size_t i = 0; i < n; i++) {
		sl[i].slice = row_line(boxat(gal, b0 + i)->y, pady, lead) / per;
		sl[i].i = i;
		if (sl[i].slice > last)
			last = sl[i].slice;
	}
	qsort(sl, n, sizeof *sl, slot_cmp);
	for (size_t i = 0; i < n; i++)
		tmp[i] = *boxat(gal, b0 + sl[i].i);
	memcpy(boxat(gal, b0), tmp, n * sizeof *tmp);
	free(tmp);
	return last;
}

/* The row's links (from l0) in slice s move up with it, into item vi. */
static void slice_links(struct refs *r, size_t l0, int s, int per,
			double shift, double pady, double lead, size_t vi)
{
	for (size_t l = l0; l < r->links.len; l++) {
		mg_link *lk = (mg_link *)r->links.items + l;
		int ls = row_line((lk->y0 + lk->y1) / 2, pady, lead) / per;
		if (ls == s) {
			lk->y0 += shift;
			lk->y1 += shift;
			((size_t *)r->link_vi.items)[l] = vi;
		}
	}
}

/* A table row too tall for a page, as several items of whole lines: the
 * boxes [b0, end) are regrouped slice by slice (keeping their order inside
 * a slice) and moved up to the top of their slice. */
static void split_row(struct lay *c, size_t b0, size_t l0, size_t c0,
		      double lead, double pady, double x0, double w, long header)
{
	struct galley *gal = &c->gal;
	double avail = (c->geo.page_top - c->geo.page_bottom) * 0.8;
	int per = (int)floor((avail - 2 * pady) / lead), last;
	size_t n = gal->boxes.len - b0;
	struct slot *sl = mg_xcalloc(n + 1, sizeof *sl);

	if (per < 1)
		per = 1;
	last = slice_boxes(gal, b0, n, per, pady, lead, sl);
	size_t i = 0;
	for (int s = 0; s <= last; s++) {
		size_t start = i;
		double shift = (double)s * per * lead;
		while (i < n && sl[i].slice == s) {
			boxat(gal, b0 + i)->y += shift;
			i++;
		}
		int lines = per;
		if (s == last) {
			lines = 1;
			for (size_t k = start; k < i; k++) {
				int j = row_line(boxat(gal, b0 + k)->y, pady,
						 lead) + 1;
				if (j > lines)
					lines = j;
			}
		}
		double h = lines * lead + 2 * pady;
		size_t nb = i - start;
		if (s == last) {	/* the bottom rule follows the last boxes */
			mg_lay_rule_box(&gal->boxes, x0, -h, w, 0.8, 0);
			nb++;
		}
		size_t vi = mg_lay_commit(gal, VI_LINE, h, lead, b0 + start,
					  nb, 0);
		vit(gal, vi)->header = header;
		slice_links(&c->refs, l0, s, per, shift, pady, lead, vi);
		if (s == 0) {
			for (size_t k = c0; k < c->notes.calls.len; k++)
				((struct call *)c->notes.calls.items)[k].vi = vi;
			vit(gal, vi)->c0 = c0;
			vit(gal, vi)->nc = c->notes.calls.len - c0;
		}
	}
	free(sl);
}

struct tbl {			/* a table being set */
	double size, lead, padx, pady;
	double left, width;	/* of the rows, once the columns are known */
	double *cw;		/* column widths (text, without padding) */
	int ncols;
	int elem, parent;	/* the Table and the element around it */
	long header;		/* the header row's item, or -1 */
};

/* Sets a cell's text at x; its boxes and links move down to their lines
 * (y relative to the row's top). Returns the cell's height. */
static double table_cell(struct lay *c, const struct tbl *t,
			 const mg_node *cell, int header, int elem, double x,
			 double w)
{
	int al = cell->align == MG_ALIGN_CENTER ? AL_CENTER :
		 cell->align == MG_ALIGN_RIGHT ? AL_RIGHT : AL_LEFT;
	struct pstyle ps = { header ? MG_FACE_BOLD : MG_FACE_REGULAR, t->size,
			     t->lead, al, x, w, elem, 0, 0, 0 };
	size_t p0 = c->para.plines.len;
	double y = -t->pady;
	mg_lay_tokens_of(c, cell, &ps, 0);
	mg_lay_set_tokens(c, &ps);
	for (size_t i = p0; i < c->para.plines.len; i++) {
		struct pline *pl = (struct pline *)c->para.plines.items + i;
		mg_link *lk = c->refs.links.items;
		for (size_t b = pl->b0; b < pl->b0 + pl->nb; b++)
			boxat(&c->gal, b)->y += y;
		for (size_t l = pl->l0; l < pl->l0 + pl->nl; l++) {
			lk[l].y0 += y;
			lk[l].y1 += y;
		}
		y -= pl->h;
	}
	c->para.plines.len = p0;
	return -y + t->pady;
}

/* The rules of a row: under the header and the last row heavy, light
 * between rows; above the first row heavy. */
static void row_rules(struct galley *gal, const struct tbl *t,
		      const mg_node *row, int first, double rowh)
{
	if (row->header || !row->next)
		mg_lay_rule_box(&gal->boxes, t->left, -rowh, t->width, 0.8, 0);
	else
		mg_lay_rule_box(&gal->boxes, t->left, -rowh, t->width, 0.3, 0.6);
	if (first)
		mg_lay_rule_box(&gal->boxes, t->left, -0.8, t->width, 0.8, 0);
}

/* A row that fits a page: one item, which its links and note calls are
 * on; a header row is remembered to repeat, others say which it is. keep:
 * no page break after it. */
static void whole_row(struct lay *c, struct tbl *t, const mg_node *row,
		      int first, double rowh, size_t b0, size_t l0, size_t c0,
		      int keep)
{
	struct galley *gal = &c->gal;
	size_t vi;
	row_rules(gal, t, row, first, rowh);
	vi = mg_lay_commit(gal, VI_LINE, rowh, t->lead, b0,
			   gal->boxes.len - b0, row->header || keep);
	for (size_t l = l0; l < c->refs.links.len; l++)
		((size_t *)c->refs.link_vi.items)[l] = vi;
	for (size_t i = c0; i < c->notes.calls.len; i++)
		((struct call *)c->notes.calls.items)[i].vi = vi;
	vit(gal, vi)->c0 = c0;
	vit(gal, vi)->nc = c->notes.calls.len - c0;
	if (row->header)
		t->header = (long)vi;
	else
		vit(gal, vi)->header = t->header;
}

/* One row: its cells side by side, as one item (or several when it is
 * taller than a page), with the footnotes its cells call. keep: no page
 * break after it. */
static void table_row(struct lay *c, struct tbl *t, const mg_node *row,
		      int first, int keep)
{
	int tr = mg_lay_new_elem(&c->elems, MG_ROLE_TR, t->elem), k = 0;
	size_t b0 = c->gal.boxes.len, l0 = c->refs.links.len;
	size_t c0 = c->notes.calls.len, notes0 = c->notes.pending.len;
	double x = t->left, rowh = t->lead + 2 * t->pady;

	for (const mg_node *cell = row->first_child; cell && k < t->ncols;
	     cell = cell->next, k++) {
		int ce = mg_lay_new_elem(&c->elems, row->header ? MG_ROLE_TH :
							     MG_ROLE_TD, tr);
		rowh = fmax(rowh, table_cell(c, t, cell, row->header, ce,
					     x + t->padx, t->cw[k]));
		x += t->cw[k] + 2 * t->padx;
	}
	if (rowh > (c->geo.page_top - c->geo.page_bottom) * 0.8) {
		/* taller than a page: slices of whole lines */
		split_row(c, b0, l0, c0, t->lead, t->pady, t->left, t->width,
			  row->header ? -1 : t->header);
	} else {
		whole_row(c, t, row, first, rowh, b0, l0, c0, keep);
	}
	if (c->notes.pending.len > notes0 && !c->notes.in_note)
		mg_lay_set_notes(c, t->parent);
}

/* Each column's natural width and longest word, over all the rows. */
static void measure_columns(struct lay *c, const mg_node *n,
			    const struct tbl *t, struct colw *cols)
{
	for (const mg_node *row = n->first_child; row; row = row->next) {
		int k = 0;
		for (const mg_node *cell = row->first_child; cell && k < t->ncols;
		     cell = cell->next, k++) {
			struct pstyle ps = { row->header ? MG_FACE_BOLD :
					     MG_FACE_REGULAR, t->size, t->lead,
					     AL_LEFT, 0, 1e9, -1, 0, 0, 0 };
			measure_cell(c, cell, &ps, &cols[k]);
		}
	}
}

void mg_lay_table(struct lay *c, const mg_node *n)
{
	struct frame *f = top_frame(&c->gal);
	struct tbl t;
	struct colw *cols;
	double avail, total = 0;

	t.ncols = n->columns > 0 ? n->columns : 1;
	t.size = c->fs * 0.92;
	t.lead = c->lead * 0.92;
	t.padx = t.size * 0.45;
	t.pady = t.lead * 0.2;
	t.left = f->left;
	t.parent = f->elem;
	t.elem = mg_lay_new_elem(&c->elems, MG_ROLE_TABLE, f->elem);
	t.header = -1;
	cols = mg_xcalloc((size_t)t.ncols, sizeof *cols);
	t.cw = mg_xcalloc((size_t)t.ncols, sizeof *t.cw);
	measure_columns(c, n, &t, cols);
	avail = f->width - 2 * t.padx * t.ncols;
	column_widths(cols, t.ncols, avail > 0 ? avail : f->width / 2, t.cw);
	for (int k = 0; k < t.ncols; k++)
		total += t.cw[k] + 2 * t.padx;
	t.width = total;
	mg_lay_want_space(&c->gal, c->lead * PARA_SPACE);
	/* as a paragraph's lines: no body row alone at the foot of a page
	 * (under its header) or at the top of the next */
	int nbody = 0, k = 0;
	for (const mg_node *row = n->first_child; row; row = row->next)
		nbody += !row->header;
	for (const mg_node *row = n->first_child; row; row = row->next) {
		int keep = !row->header && (k == 0 || k + 2 == nbody) &&
			   k + 1 < nbody;
		table_row(c, &t, row, row == n->first_child, keep);
		k += !row->header;
	}
	free(cols);
	free(t.cw);
	mg_lay_want_space(&c->gal, c->lead * PARA_SPACE);
}
