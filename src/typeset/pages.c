/* pages.c — the placed items copied onto their pages as the layout's boxes:
 * a repeated table header at the top, the notes under their rule at the
 * foot, the quotes' rules, the running head and the page number. */
#include "typeset/layout_int.h"

#include <string.h>

/* Item v's boxes at top on the page; with artifact, as an artifact (a
 * repeated header). The rules of the block quotes it is in beside it. */
static void copy_boxes(const struct galley *gal, double fs, mg_vec *out,
		       const struct vitem *v, double top, int artifact)
{
	for (size_t k = 0; k < v->nb; k++) {
		mg_box *b = mg_vec_push(out);
		*b = *boxat(gal, v->b0 + k);
		b->y += top;
		if (artifact) {
			b->elem = -1;
			b->link = -1;
			b->actual = NULL;
		}
	}
	for (int k = 0; k < v->nbars; k++)
		mg_lay_rule_box(out, v->bar_x[k], top - v->h, fs * 0.12, v->h,
				0.6);
}

static void text_art(const struct fonts *fn, mg_vec *out, const char *s,
		     mg_face f, double size, double x, double y, int align,
		     double gray)
{
	mg_box *b = mg_lay_push_box(out);
	double w = mg_lay_text_w(fn, f, s, strlen(s), size);
	b->kind = MG_BOX_TEXT;
	b->x = align == AL_CENTER ? x - w / 2 : align == AL_RIGHT ? x - w : x;
	b->y = y;
	b->w = w;
	b->face = f;
	b->size = size;
	b->text = s;
	b->len = strlen(s);
	b->gray = gray;
}

/* The running head and the page number (artifacts). */
static void furniture(const struct lay *c, mg_vec *out, size_t page, int part,
		      int body)
{
	const mg_style *s = c->s;
	const struct geom *geo = &c->geo;
	const struct fonts *fn = &c->fonts;
	double hs = c->fs * 0.8, right = geo->left + geo->measure;
	char *num = mg_arena_printf(c->A, "%zu", page + 1);
	text_art(fn, out, num, MG_FACE_REGULAR, c->fs * 0.85,
		 geo->left + geo->measure / 2, s->margin_bottom * 0.5,
		 AL_CENTER, 0.25);
	if (!body || part < 0)
		return;
	double y = s->page_height - s->margin_top * 0.55;
	const char *title = c->g->title ? c->g->title : "";
	const char *pt = c->g->parts[part].title ? c->g->parts[part].title : "";
	double tw = mg_lay_text_w(fn, MG_FACE_HEADING, title, strlen(title), hs);
	double pw = mg_lay_text_w(fn, MG_FACE_HEADING, pt, strlen(pt), hs);
	if (tw + pw + hs * 2 <= geo->measure) {
		text_art(fn, out, title, MG_FACE_HEADING, hs, geo->left, y,
			 AL_LEFT, 0.35);
		text_art(fn, out, pt, MG_FACE_HEADING, hs, right, y, AL_RIGHT,
			 0.35);
	} else if (pw <= geo->measure) {
		text_art(fn, out, pt, MG_FACE_HEADING, hs, right, y, AL_RIGHT,
			 0.35);
	}
	mg_lay_rule_box(out, geo->left, y - hs * 0.6, geo->measure, 0.4, 0.6);
}

/* The boxes of page p of pr; the body starts at page body0. */
static void page_boxes(const struct lay *c, const struct pager *pr, size_t p,
		       size_t body0, mg_vec *out)
{
	const struct galley *gal = &c->gal;
	const struct pg *pg = (const struct pg *)pr->pages.items + p;
	const size_t *fi = gal->flow[pg->flow].items;
	const size_t *fl = pg->nf ? (const size_t *)pr->fl.items + pg->f0 : NULL;
	int part = -1;
	size_t i = pg->i0;
	if (i < pg->i1) {
		struct vitem *v = vit(gal, fi[i]);
		part = v->part;
		if (v->header >= 0 && (size_t)v->header != fi[i])
			copy_boxes(gal, c->fs, out, vit(gal, (size_t)v->header),
				   c->geo.page_top, 1);
	}
	for (; i < pg->i1; i++) {
		struct vitem *v = vit(gal, fi[i]);
		copy_boxes(gal, c->fs, out, v, v->top, 0);
	}
	if (pg->nf)	/* the rule above the notes */
		mg_lay_rule_box(out, c->geo.left,
				vit(gal, fl[0])->top + c->lead * 0.45,
				c->geo.measure * 0.25, 0.5, 0);
	for (size_t k = 0; k < pg->nf; k++) {
		struct vitem *v = vit(gal, fl[k]);
		copy_boxes(gal, c->fs, out, v, v->top, 0);
	}
	if (p > 0)
		furniture(c, out, p, part, p >= body0);
}

/* The layout's pages from the pager of all pages. */
void mg_lay_assemble(struct lay *c, const struct pager *pr, size_t body0)
{
	mg_layout *L = c->L;
	size_t np = pr->pages.len;
	L->npages = np;
	L->pages = mg_arena_alloc(c->A, (np ? np : 1) * sizeof(mg_page));
	for (size_t p = 0; p < np; p++) {
		mg_vec out;
		mg_vec_init(&out, sizeof(mg_box));
		page_boxes(c, pr, p, body0, &out);
		L->pages[p].nboxes = out.len;
		L->pages[p].boxes = mg_vec_finish(&out, c->A);
	}
}
