/* galley.c — the vertical lists: boxes and items (lines, rows, figures,
 * spaces, page breaks) committed to the list being built, with the space
 * between blocks, keeps, widows and orphans, and a list item's marker. */
#include "typeset/layout_int.h"

#include <string.h>

void mg_lay_galley_init(struct galley *gal)
{
	mg_vec_init(&gal->boxes, sizeof(mg_box));
	mg_vec_init(&gal->vitems, sizeof(struct vitem));
	for (int i = 0; i < FLOW_COUNT; i++)
		mg_vec_init(&gal->flow[i], sizeof(size_t));
	mg_vec_init(&gal->foot, sizeof(size_t));
	mg_vec_init(&gal->stack, sizeof(struct frame));
	gal->marker = -1;
}

void mg_lay_galley_release(struct galley *gal)
{
	mg_vec_release(&gal->boxes);
	mg_vec_release(&gal->vitems);
	for (int i = 0; i < FLOW_COUNT; i++)
		mg_vec_release(&gal->flow[i]);
	mg_vec_release(&gal->foot);
	mg_vec_release(&gal->stack);
}

/* A box pushed onto boxes (the galley's or a page's) that belongs to no
 * element and links nowhere until its caller says otherwise. */
mg_box *mg_lay_push_box(mg_vec *boxes)
{
	mg_box *b = mg_vec_push(boxes);
	b->elem = -1;
	b->link = -1;
	return b;
}

mg_box *mg_lay_new_box(struct galley *gal)
{
	return mg_lay_push_box(&gal->boxes);
}

/* A filled rectangle pushed onto boxes: a quote's bar, a table's or the
 * notes' rule, a running head's underline. */
void mg_lay_rule_box(mg_vec *boxes, double x, double y, double w, double h,
		     double gray)
{
	mg_box *b = mg_lay_push_box(boxes);
	b->kind = MG_BOX_RULE;
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	b->gray = gray;
}

/* A new item; it draws the rules of the block quotes it is in. */
static size_t new_vitem(struct galley *gal, int kind, double h)
{
	struct vitem *v = mg_vec_push(&gal->vitems);
	struct frame *f = gal->stack.len ? top_frame(gal) : NULL;
	v->kind = kind;
	v->h = h;
	v->header = -1;
	v->part = gal->part;
	v->page = -1;
	if (f && kind != VI_BREAK) {
		v->nbars = f->nbars;
		memcpy(v->bar_x, f->bar_x, sizeof v->bar_x);
	}
	return gal->vitems.len - 1;
}

static struct vitem *galley_last(const struct galley *gal)
{
	if (!gal->list->len)
		return NULL;
	return vit(gal, ((size_t *)gal->list->items)[gal->list->len - 1]);
}

static void to_galley(struct galley *gal, size_t vi)
{
	*(size_t *)mg_vec_push(gal->list) = vi;
}

static void flush_space(struct galley *gal)
{
	struct vitem *last = galley_last(gal);
	double h = gal->pending_space;
	gal->pending_space = 0;
	gal->space_fixed = 0;
	if (h <= 0 || !last || last->kind == VI_BREAK)
		return;
	int keep = last->keep;
	size_t vi = new_vitem(gal, VI_SPACE, h);
	vit(gal, vi)->keep = keep;
	to_galley(gal, vi);
}

/* At least h of space before the next item, unless a space was fixed. */
void mg_lay_want_space(struct galley *gal, double h)
{
	if (gal->space_fixed)
		return;
	if (h > gal->pending_space)
		gal->pending_space = h;
}

/* Exactly h of space before the next item, whatever it wants. */
void mg_lay_fix_space(struct galley *gal, double h)
{
	gal->pending_space = h;
	gal->space_fixed = 1;
}

void mg_lay_page_break(struct galley *gal)
{
	struct vitem *last = galley_last(gal);
	gal->pending_space = 0;
	gal->space_fixed = 0;
	if (!last || last->kind == VI_BREAK)
		return;
	to_galley(gal, new_vitem(gal, VI_BREAK, 0));
}

/* Commits a vitem with boxes [b0, b0+nb); takes any pending list marker. */
size_t mg_lay_commit(struct galley *gal, int kind, double h, double base,
		     size_t b0, size_t nb, int keep)
{
	size_t vi;
	flush_space(gal);
	if (gal->marker >= 0) {
		for (size_t i = (size_t)gal->marker; i < b0; i++)
			boxat(gal, i)->y = -base;
		nb += b0 - (size_t)gal->marker;
		b0 = (size_t)gal->marker;
		gal->marker = -1;
	}
	vi = new_vitem(gal, kind, h);
	vit(gal, vi)->b0 = b0;
	vit(gal, vi)->nb = nb;
	vit(gal, vi)->keep = keep || gal->keep_next;
	gal->keep_next = 0;
	to_galley(gal, vi);
	return vi;
}

/* Turns the plines from index p0 into vitems with widow/orphan keeps; their
 * links and note calls learn their items. Returns the first item. */
size_t mg_lay_commit_plines(struct lay *c, size_t p0, int keep_all)
{
	size_t n = c->para.plines.len - p0, first = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		struct pline pl = ((struct pline *)c->para.plines.items)[p0 + i];
		int keep = keep_all || ((i == 0 || i + 2 == n) && i + 1 < n);
		size_t vi = mg_lay_commit(&c->gal, VI_LINE, pl.h, pl.base,
					  pl.b0, pl.nb, keep);
		if (first == (size_t)-1)
			first = vi;
		for (size_t k = pl.l0; k < pl.l0 + pl.nl; k++)
			((size_t *)c->refs.link_vi.items)[k] = vi;
		for (size_t k = pl.c0; k < pl.c0 + pl.nc; k++)
			((struct call *)c->notes.calls.items)[k].vi = vi;
		vit(&c->gal, vi)->c0 = pl.c0;
		vit(&c->gal, vi)->nc = pl.nc;
	}
	c->para.plines.len = p0;
	return first;
}

/* A paragraph of inline children of n (or of a string when n is NULL),
 * then the footnotes it was first to call. Returns its first item. */
size_t mg_lay_paragraph(struct lay *c, const mg_node *n, const char *s,
			const struct pstyle *ps, int keep_all)
{
	size_t p0 = c->para.plines.len, first;
	size_t notes0 = c->notes.pending.len;
	if (n)
		mg_lay_tokens_of(c, n, ps, 0);
	else {
		struct style st = { ps->face, ps->size, 0, ps->elem, -1, 0 };
		mg_lay_tokens_of_string(c, s, &st);
	}
	mg_lay_set_tokens(c, ps);
	if (c->para.plines.len == p0) {	/* empty: keep its place */
		struct pline *pl = mg_vec_push(&c->para.plines);
		pl->b0 = c->gal.boxes.len;
		pl->l0 = c->refs.links.len;
		pl->c0 = c->notes.calls.len;
		pl->h = ps->lead;
		pl->base = mg_lay_base_of(&c->fonts, ps->face, ps->size,
					  ps->lead);
	}
	first = mg_lay_commit_plines(c, p0, keep_all);
	if (c->notes.pending.len > notes0 && !c->notes.in_note)
		mg_lay_set_notes(c, elemat(&c->elems, ps->elem)->parent);
	return first;
}

/* Body text in the innermost container: ragged right unless the style
 * says "align: justify". */
struct pstyle mg_lay_body_style(const struct lay *c, int elem)
{
	const struct frame *f = top_frame(&c->gal);
	struct pstyle ps = { MG_FACE_REGULAR, c->fs, c->lead,
			     c->s->justify ? AL_JUSTIFY : AL_LEFT,
			     f->left, f->width, elem, 0, 0, 0 };
	return ps;
}
