/* refs.c — links and where they go: named destinations and where each was
 * set, found by id through a sorted index; once the pages are made, links,
 * destinations and figures get their pages and page coordinates. */
#include "typeset/layout_int.h"

#include <stdlib.h>
#include <string.h>

void mg_lay_refs_init(struct refs *r)
{
	mg_vec_init(&r->lsrcs, sizeof(struct lsrc));
	mg_vec_init(&r->links, sizeof(mg_link));
	mg_vec_init(&r->link_vi, sizeof(size_t));
	mg_vec_init(&r->link_tgt, sizeof(const char *));
	mg_vec_init(&r->link_src, sizeof(int));
	mg_vec_init(&r->dests, sizeof(mg_dest));
	mg_vec_init(&r->pdests, sizeof(struct pdest));
	mg_vec_init(&r->dest_pd, sizeof(size_t));
	mg_vec_init(&r->pfigs, sizeof(struct pfig));
	mg_vec_init(&r->outline, sizeof(mg_outline));
}

void mg_lay_refs_release(struct refs *r)
{
	mg_vec *v[] = { &r->lsrcs, &r->links, &r->link_vi, &r->link_tgt,
			&r->link_src, &r->dests, &r->pdests, &r->dest_pd,
			&r->pfigs, &r->outline };
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		mg_vec_release(v[i]);
	free(r->dindex);
}

int mg_lay_new_dest(struct refs *r, const char *id)
{
	mg_dest *d = mg_vec_push(&r->dests);
	d->id = id;
	d->page = 0;
	return (int)r->dests.len - 1;
}

/* Dest dest is off below the top of item vi. */
void mg_lay_dest_at(struct refs *r, int dest, size_t vi, double off)
{
	struct pdest *p = mg_vec_push(&r->pdests);
	p->dest = dest;
	p->vi = vi;
	p->off = off;
	while (r->dest_pd.len <= (size_t)dest)
		*(size_t *)mg_vec_push(&r->dest_pd) = (size_t)-1;
	((size_t *)r->dest_pd.items)[dest] = r->pdests.len - 1;
}

void mg_lay_figure_at(struct refs *r, int elem, size_t vi, double x,
		      double y, double w, double h)
{
	struct pfig *pf = mg_vec_push(&r->pfigs);

	pf->elem = elem;
	pf->vi = vi;
	pf->x0 = x;
	pf->x1 = x + w;
	pf->y0 = y;
	pf->y1 = y + h;
}

static int dkey_cmp(const void *a, const void *b)
{
	const struct dkey *x = a, *y = b;
	int r = strcmp(x->id, y->id);
	return r ? r : x->index - y->index;
}

/* A sorted index of the dests by id, for find_dest; rebuilt when stale. */
static void index_dests(struct refs *r)
{
	const mg_dest *d = r->dests.items;
	free(r->dindex);
	r->dindex = mg_xcalloc(r->dests.len + 1, sizeof(struct dkey));
	r->ndindex = 0;
	for (size_t i = 0; i < r->dests.len; i++) {
		if (!d[i].id)
			continue;
		r->dindex[r->ndindex].id = d[i].id;
		r->dindex[r->ndindex++].index = (int)i;
	}
	qsort(r->dindex, r->ndindex, sizeof(struct dkey), dkey_cmp);
	r->dindexed = r->dests.len;
}

/* The first dest with this id, or -1. */
int mg_lay_find_dest(struct refs *r, const char *id)
{
	size_t lo = 0, hi;
	if (!id)
		return -1;
	if (r->dindexed != r->dests.len || !r->dindex)
		index_dests(r);
	hi = r->ndindex;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(r->dindex[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->ndindex && strcmp(r->dindex[lo].id, id) == 0)
		return r->dindex[lo].index;
	return -1;
}

/* The page where dest d was placed, before resolve() (0 if unknown). */
int mg_lay_dest_page(const struct refs *r, const struct galley *gal, int d)
{
	const struct pdest *pd = r->pdests.items;
	if (d < 0 || (size_t)d >= r->dest_pd.len)
		return 0;
	size_t k = ((size_t *)r->dest_pd.items)[d];
	if (k >= r->pdests.len || pd[k].dest != d)
		return 0;
	return vit(gal, pd[k].vi)->page >= 0 ? vit(gal, pd[k].vi)->page : 0;
}

/* Once the items are placed: the dests, links and figures on their pages,
 * in page coordinates; internal links find their dests (a link to nowhere
 * is warned about, and goes to the first). */
void mg_lay_resolve(struct refs *r, const struct galley *gal, mg_vec *elems,
		    mg_diag *d)
{
	mg_dest *ds = r->dests.items;
	mg_link *lk = r->links.items;
	const struct pdest *pd = r->pdests.items;
	const struct pfig *pf = r->pfigs.items;
	for (size_t i = 0; i < r->pdests.len; i++) {
		struct vitem *v = vit(gal, pd[i].vi);
		ds[pd[i].dest].page = v->page >= 0 ? v->page : 0;
		ds[pd[i].dest].y = v->top + pd[i].off;
	}
	for (size_t i = 0; i < r->links.len; i++) {
		struct vitem *v = vit(gal, ((size_t *)r->link_vi.items)[i]);
		lk[i].page = v->page >= 0 ? v->page : 0;
		lk[i].y0 += v->top;
		lk[i].y1 += v->top;
		if (lk[i].uri)
			continue;
		const char *t = ((const char **)r->link_tgt.items)[i];
		lk[i].dest = mg_lay_find_dest(r, t);
		if (lk[i].dest < 0) {
			mg_warning(d, NULL, 0, 0,
				   "link to '%s' has no target in the PDF",
				   t ? t : "");
			lk[i].dest = 0;
		}
	}
	for (size_t i = 0; i < r->pfigs.len; i++) {
		struct vitem *v = vit(gal, pf[i].vi);
		mg_elem *e = elemat(elems, pf[i].elem);
		e->page = v->page >= 0 ? v->page : 0;
		e->bbox[0] = pf[i].x0;
		e->bbox[1] = v->top + pf[i].y0;
		e->bbox[2] = pf[i].x1;
		e->bbox[3] = v->top + pf[i].y1;
	}
}
