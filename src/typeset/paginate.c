/* paginate.c — a flow's items broken into pages: items go on while they and
 * the footnotes they call fit, a page breaks after an item without a keep,
 * notes too long for a page run on to the next; then the items are placed. */
#include "typeset/layout_int.h"

#include <string.h>

void mg_lay_pager_init(struct pager *pr)
{
	mg_vec_init(&pr->pages, sizeof(struct pg));
	mg_vec_init(&pr->fl, sizeof(size_t));
}

void mg_lay_pager_release(struct pager *pr)
{
	mg_vec_release(&pr->pages);
	mg_vec_release(&pr->fl);
}

static const struct note *call_note(const struct notes *nt, size_t k)
{
	return &nt->tab[((struct call *)nt->calls.items)[k].note];
}

/* Height of the footnote lines item v calls; *first: of the first line. */
static double notes_height(const struct galley *gal, const struct notes *nts,
			   const struct vitem *v, double *first, size_t *nlines)
{
	double need = 0;
	*first = 0;
	*nlines = 0;
	for (size_t k = v->c0; k < v->c0 + v->nc; k++) {
		const struct note *nt = call_note(nts, k);
		for (long l = nt->f0; l >= 0 && l < nt->f1; l++) {
			if (!*nlines)
				*first = vit(gal, (size_t)l)->h;
			need += vit(gal, (size_t)l)->h;
			(*nlines)++;
		}
	}
	return need;
}

/* Appends the footnote lines item v calls to out; with room >= 0, only
 * while they fit in room (*fh grows), the others to rest. */
static void note_lines(const struct galley *gal, const struct notes *nts,
		       const struct vitem *v, mg_vec *out, double room,
		       double *fh, mg_vec *rest)
{
	for (size_t k = v->c0; k < v->c0 + v->nc; k++) {
		const struct note *nt = call_note(nts, k);
		for (long l = nt->f0; l >= 0 && l < nt->f1; l++) {
			double h = vit(gal, (size_t)l)->h;
			if (room < 0 || (*fh + h <= room + EPS && (!rest ||
			    !rest->len))) {
				*fh += h;
				*(size_t *)mg_vec_push(out) = (size_t)l;
			} else {
				*(size_t *)mg_vec_push(rest) = (size_t)l;
			}
		}
	}
}

/* Footnote lines carried from the page before: first, up to half a page.
 * sep: the space between the text and the notes. */
static double take_carried(const struct galley *gal, double sep,
			   mg_vec *queue, mg_vec *fl, double avail)
{
	size_t q0 = 0;
	double fh = 0;
	while (q0 < queue->len) {
		size_t v = ((size_t *)queue->items)[q0];
		double h = vit(gal, v)->h + (fl->len ? 0 : sep);
		if (fl->len && fh + h > avail / 2)
			break;
		fh += h;
		*(size_t *)mg_vec_push(fl) = v;
		q0++;
	}
	if (q0) {
		memmove(queue->items, (size_t *)queue->items + q0,
			(queue->len - q0) * sizeof(size_t));
		queue->len -= q0;
	}
	return fh;
}

/* A page of the flow's items [i0, i1) and the footnote lines fl. */
static void add_page(struct pager *pr, int flow, size_t i0, size_t i1,
		     const mg_vec *fl)
{
	struct pg *pg = mg_vec_push(&pr->pages);
	pg->flow = flow;
	pg->i0 = i0;
	pg->i1 = i1;
	pg->f0 = pr->fl.len;
	pg->nf = fl->len;
	for (size_t k = 0; k < fl->len; k++)
		*(size_t *)mg_vec_push(&pr->fl) = ((size_t *)fl->items)[k];
}

/* Fills one page from flow item i; returns the index after its last item.
 * Items go on while they and the footnotes they call fit; a page breaks at
 * the last item without a keep; an item whose notes do not fit starts them
 * here when their first line does, and they continue on the next page. */
static size_t fill_page(const struct lay *c, int flow, size_t i,
			mg_vec *queue, struct pager *pr)
{
	const struct galley *gal = &c->gal;
	const struct notes *nts = &c->notes;
	const size_t *fi = gal->flow[flow].items;
	size_t n = gal->flow[flow].len, j, end, last_ok = 0;
	double avail = c->geo.page_top - c->geo.page_bottom, y = 0, fh;
	double foot_sep = c->lead;	/* between the text and the notes */
	mg_vec fl;		/* footnote lines of this page, in order */
	mg_vec marks;		/* fl.len after each accepted item */
	int partial = 0;

	mg_vec_init(&fl, sizeof(size_t));
	mg_vec_init(&marks, sizeof(size_t));
	fh = take_carried(gal, foot_sep, queue, &fl, avail);
	if (i < n && vit(gal, fi[i])->header >= 0 &&
	    (size_t)vit(gal, fi[i])->header != fi[i])
		y += vit(gal, (size_t)vit(gal, fi[i])->header)->h;
	for (j = i; j < n; j++) {
		struct vitem *v = vit(gal, fi[j]);
		double first, need;
		size_t nlines;
		if (v->kind == VI_BREAK)
			break;
		need = notes_height(gal, nts, v, &first, &nlines);
		double sep = nlines && !fl.len ? foot_sep : 0;
		if (y + v->h + fh + sep + need <= avail + EPS) {
			y += v->h;
			fh += sep;
			note_lines(gal, nts, v, &fl, -1, &fh, NULL);
		} else if (nlines && y + v->h + fh + sep + first <= avail + EPS &&
			   (j == i || last_ok <= i)) {
			y += v->h;
			fh += sep;
			note_lines(gal, nts, v, &fl, avail - y, &fh, queue);
			partial = 1;
		} else {
			break;
		}
		*(size_t *)mg_vec_push(&marks) = fl.len;
		if (!v->keep)
			last_ok = j + 1;
		if (partial) {
			j++;
			break;
		}
	}
	end = j;
	if (j < n && vit(gal, fi[j])->kind != VI_BREAK && !partial) {
		/* overflow at j: end at the last legal break */
		if (last_ok > i)
			end = last_ok;
		else if (j == i)
			end = i + 1;	/* too tall for any page: alone */
	}
	if (end > i && end - i <= marks.len) {
		fl.len = ((size_t *)marks.items)[end - i - 1];
	} else if (end > j) {	/* the lone oversized item's notes: next page */
		double none = 0;
		note_lines(gal, nts, vit(gal, fi[i]), queue, -1, &none, NULL);
	}
	add_page(pr, flow, i, end, &fl);
	mg_vec_release(&fl);
	mg_vec_release(&marks);
	return end;
}

/* Breaks a flow into pages appended to pr; returns how many. */
size_t mg_lay_paginate(const struct lay *c, int flow, struct pager *pr)
{
	const struct galley *gal = &c->gal;
	const size_t *fi = gal->flow[flow].items;
	size_t n = gal->flow[flow].len, i = 0, count = 0;
	mg_vec queue;
	mg_vec_init(&queue, sizeof(size_t));
	for (;;) {
		while (i < n && (vit(gal, fi[i])->kind == VI_SPACE ||
				 vit(gal, fi[i])->kind == VI_BREAK))
			i++;
		if (i >= n && !queue.len)
			break;
		i = fill_page(c, flow, i, &queue, pr);
		count++;
	}
	mg_vec_release(&queue);
	return count;
}

/* Places the pages' items: sets page and top of every vitem on them, the
 * first of pr's pages being page first_page. */
void mg_lay_place(struct galley *gal, const struct geom *geo,
		  const struct pager *pr, size_t first_page)
{
	const struct pg *pgs = pr->pages.items;
	for (size_t p = 0; p < pr->pages.len; p++) {
		const size_t *fi = gal->flow[pgs[p].flow].items;
		const size_t *fl = pgs[p].nf ?
			(const size_t *)pr->fl.items + pgs[p].f0 : NULL;
		double y = geo->page_top, fh = 0;
		size_t i = pgs[p].i0;
		if (i < pgs[p].i1 && vit(gal, fi[i])->header >= 0 &&
		    (size_t)vit(gal, fi[i])->header != fi[i])
			y -= vit(gal, (size_t)vit(gal, fi[i])->header)->h;
		for (; i < pgs[p].i1; i++) {
			struct vitem *v = vit(gal, fi[i]);
			v->page = (int)(first_page + p);
			v->top = y;
			y -= v->h;
		}
		for (size_t k = 0; k < pgs[p].nf; k++)
			fh += vit(gal, fl[k])->h;
		y = geo->page_bottom + fh;
		for (size_t k = 0; k < pgs[p].nf; k++) {
			struct vitem *v = vit(gal, fl[k]);
			v->page = (int)(first_page + p);
			v->top = y;
			y -= v->h;
		}
	}
}

/* Title pages, contents pages, body pages: one list, footnotes renumbered. */
void mg_lay_join_pages(struct pager *all, struct pager *const src[3])
{
	for (int k = 0; k < 3; k++) {
		for (size_t p = 0; p < src[k]->pages.len; p++) {
			struct pg pg = ((struct pg *)src[k]->pages.items)[p];
			size_t f0 = all->fl.len;
			for (size_t q = 0; q < pg.nf; q++)
				*(size_t *)mg_vec_push(&all->fl) =
					((size_t *)src[k]->fl.items)[pg.f0 + q];
			pg.f0 = f0;
			*(struct pg *)mg_vec_push(&all->pages) = pg;
		}
	}
}
