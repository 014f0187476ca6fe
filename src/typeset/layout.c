/* layout.c — lines and pages: the guide set into positioned boxes.
 * Paragraphs by total fit (linebreak.c) with hyphenation (hyphenate.c), then
 * pages with footnotes, keeps, widows/orphans, furniture, contents, outline. */
#include "typeset/layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_names[MG_ROLE_COUNT] = {
	"Document", "Sect", "H1", "H2", "H3", "H4", "P", "L", "LI", "Lbl",
	"LBody", "BlockQuote", "Table", "TR", "TH", "TD", "Figure", "Note",
	"Reference", "Link", "TOC", "TOCI", "Code", "Span",
};

const char *mg_role_name(mg_role role)
{
	return role < MG_ROLE_COUNT ? role_names[role] : "Span";
}

int mg_lay_new_elem(mg_vec *elems, mg_role role, int parent)
{
	mg_elem *e = mg_vec_push(elems);
	e->role = role;
	e->parent = parent;
	return (int)elems->len - 1;
}

/* ---- assembling the pages ------------------------------------------------ */

static void copy_boxes(struct lay *c, mg_vec *out, const struct vitem *v,
		       double top, int artifact)
{
	for (size_t k = 0; k < v->nb; k++) {
		mg_box *b = mg_vec_push(out);
		*b = *boxat(&c->gal, v->b0 + k);
		b->y += top;
		if (artifact) {
			b->elem = -1;
			b->link = -1;
			b->actual = NULL;
		}
	}
	for (int k = 0; k < v->nbars; k++) {
		mg_box *b = mg_vec_push(out);
		b->kind = MG_BOX_RULE;
		b->x = v->bar_x[k];
		b->y = top - v->h;
		b->w = c->fs * 0.12;
		b->h = v->h;
		b->gray = 0.6;
		b->elem = -1;
		b->link = -1;
	}
}

static void text_art(struct lay *c, mg_vec *out, const char *s, mg_face f,
		     double size, double x, double y, int align, double gray)
{
	mg_box *b = mg_vec_push(out);
	double w = mg_lay_text_w(&c->fonts, f, s, strlen(s), size);
	b->kind = MG_BOX_TEXT;
	b->x = align == AL_CENTER ? x - w / 2 : align == AL_RIGHT ? x - w : x;
	b->y = y;
	b->w = w;
	b->face = f;
	b->size = size;
	b->text = s;
	b->len = strlen(s);
	b->gray = gray;
	b->elem = -1;
	b->link = -1;
}

/* The running head and the page number (artifacts). */
static void furniture(struct lay *c, mg_vec *out, size_t page, int part, int body)
{
	const mg_style *s = c->s;
	double hs = c->fs * 0.8, right = c->geo.left + c->geo.measure;
	char *num = mg_arena_printf(c->A, "%zu", page + 1);
	text_art(c, out, num, MG_FACE_REGULAR, c->fs * 0.85, c->geo.left + c->geo.measure / 2,
		 s->margin_bottom * 0.5, AL_CENTER, 0.25);
	if (!body || part < 0)
		return;
	double y = s->page_height - s->margin_top * 0.55;
	const char *title = c->g->title ? c->g->title : "";
	const char *pt = c->g->parts[part].title ? c->g->parts[part].title : "";
	double tw = mg_lay_text_w(&c->fonts, MG_FACE_HEADING, title, strlen(title), hs);
	double pw = mg_lay_text_w(&c->fonts, MG_FACE_HEADING, pt, strlen(pt), hs);
	if (tw + pw + hs * 2 <= c->geo.measure) {
		text_art(c, out, title, MG_FACE_HEADING, hs, c->geo.left, y, AL_LEFT, 0.35);
		text_art(c, out, pt, MG_FACE_HEADING, hs, right, y, AL_RIGHT, 0.35);
	} else if (pw <= c->geo.measure) {
		text_art(c, out, pt, MG_FACE_HEADING, hs, right, y, AL_RIGHT, 0.35);
	}
	mg_box *b = mg_vec_push(out);
	b->kind = MG_BOX_RULE;
	b->x = c->geo.left;
	b->y = y - hs * 0.6;
	b->w = c->geo.measure;
	b->h = 0.4;
	b->gray = 0.6;
	b->elem = -1;
	b->link = -1;
}

static void assemble(struct lay *c, struct pager *pr, size_t body0)
{
	mg_layout *L = c->L;
	size_t np = pr->pages.len;
	const struct pg *pgs = pr->pages.items;
	L->npages = np;
	L->pages = mg_arena_alloc(c->A, (np ? np : 1) * sizeof(mg_page));
	for (size_t p = 0; p < np; p++) {
		mg_vec out;
		const size_t *fi = c->gal.flow[pgs[p].flow].items;
		const size_t *fl = pgs[p].nf ? (const size_t *)pr->fl.items + pgs[p].f0 : NULL;
		int part = -1;
		mg_vec_init(&out, sizeof(mg_box));
		size_t i = pgs[p].i0;
		if (i < pgs[p].i1) {
			struct vitem *v = vit(&c->gal, fi[i]);
			part = v->part;
			if (v->header >= 0 && (size_t)v->header != fi[i])
				copy_boxes(c, &out, vit(&c->gal, (size_t)v->header),
					   c->geo.page_top, 1);
		}
		for (; i < pgs[p].i1; i++) {
			struct vitem *v = vit(&c->gal, fi[i]);
			copy_boxes(c, &out, v, v->top, 0);
		}
		if (pgs[p].nf) {
			double y = vit(&c->gal, fl[0])->top + c->lead * 0.45;
			mg_box *b = mg_vec_push(&out);
			b->kind = MG_BOX_RULE;
			b->x = c->geo.left;
			b->y = y;
			b->w = c->geo.measure * 0.25;
			b->h = 0.5;
			b->elem = -1;
			b->link = -1;
		}
		for (size_t k = 0; k < pgs[p].nf; k++) {
			struct vitem *v = vit(&c->gal, fl[k]);
			copy_boxes(c, &out, v, v->top, 0);
		}
		if (p > 0)
			furniture(c, &out, p, part, p >= body0);
		L->pages[p].nboxes = out.len;
		L->pages[p].boxes = mg_vec_finish(&out, c->A);
	}
}

/* ---- the run --------------------------------------------------------------- */

static void lay_init(struct lay *c)
{
	mg_vec_init(&c->elems, sizeof(mg_elem));
	mg_vec_init(&c->tocents, sizeof(struct tocent));
	mg_lay_para_init(&c->para);
	mg_lay_galley_init(&c->gal);
	mg_lay_refs_init(&c->refs);
	mg_lay_notes_init(&c->notes, c->g);
}

static void lay_release(struct lay *c)
{
	mg_hyphen_release(c->hy);
	c->hy = NULL;
	mg_hyphenlib_free(c->own_hylib);
	mg_vec_release(&c->elems);
	mg_vec_release(&c->tocents);
	mg_lay_para_release(&c->para);
	mg_lay_galley_release(&c->gal);
	mg_lay_refs_release(&c->refs);
	mg_lay_notes_release(&c->notes);
}

/* Page geometry from the style, with sane values for nonsense ones. */
static void geometry(struct lay *c)
{
	const mg_style *s = c->s;
	mg_layout *L = c->L;
	L->page_width = s->page_width > 0 ? s->page_width : 595.276;
	L->page_height = s->page_height > 0 ? s->page_height : 841.89;
	c->fs = s->font_size > 0 ? s->font_size : 10.5;
	c->lead = s->leading > 0 ? s->leading : c->fs * 1.38;
	c->geo.left = s->margin_inner;
	c->geo.measure = L->page_width - s->margin_inner - s->margin_outer;
	if (c->geo.measure < c->fs * 8) {
		c->geo.left = c->fs * 2;
		c->geo.measure = L->page_width - 4 * c->fs;
	}
	c->geo.page_top = L->page_height - s->margin_top;
	c->geo.page_bottom = s->margin_bottom;
	if (c->geo.page_top - c->geo.page_bottom < c->lead * 6) {
		c->geo.page_top = L->page_height - c->lead * 2;
		c->geo.page_bottom = c->lead * 2;
	}
}

/* Moves the lists into the layout's arena; numbers the pages 1, 2, 3...
 * from the title page, as printed (the title page prints none). */
static void finish(struct lay *c)
{
	mg_layout *L = c->L;
	L->nelems = c->elems.len;
	L->elems = mg_vec_finish(&c->elems, c->A);
	L->nlinks = c->refs.links.len;
	L->links = mg_vec_finish(&c->refs.links, c->A);
	L->ndests = c->refs.dests.len;
	L->dests = mg_vec_finish(&c->refs.dests, c->A);
	L->noutline = c->refs.outline.len;
	L->outline = mg_vec_finish(&c->refs.outline, c->A);
	L->nlabels = 1;
	L->labels = mg_arena_alloc(c->A, sizeof(mg_label_range));
	L->labels[0].first_page = 0;
	L->labels[0].style = MG_NUM_ARABIC;
	L->labels[0].start = 1;
}

mg_layout *mg_layout_run(const mg_guide *g, const mg_style *s,
			 const mg_metrics *m, mg_hyphenlib *hy, mg_diag *d)
{
	struct lay c;
	struct pager title, toc, body, all;
	struct pager *const parts[3] = { &title, &toc, &body };
	mg_layout *L;
	int tsect, th1, ttoc;
	size_t ntitle, ntoc;

	if (!g || !s || !m || !m->text_width)
		return NULL;
	memset(&c, 0, sizeof c);
	c.g = g;
	c.s = s;
	c.fonts.m = m;
	c.hylib = hy;
	c.d = d;
	lay_init(&c);
	c.A = mg_arena_new();
	L = mg_arena_alloc(c.A, sizeof *L);
	L->arena = c.A;
	c.L = L;
	geometry(&c);

	/* the structure in reading order: title page, contents, parts */
	mg_lay_new_elem(&c.elems, MG_ROLE_DOCUMENT, -1);
	c.gal.list = &c.gal.flow[FLOW_TITLE];
	mg_lay_title_page(&c);
	mg_lay_toc_prepare(&c, &tsect, &th1, &ttoc);
	c.gal.list = &c.gal.flow[FLOW_BODY];
	for (size_t p = 0; p < g->nparts; p++)
		mg_lay_part(&c, p);

	for (int k = 0; k < 3; k++)
		mg_lay_pager_init(parts[k]);
	mg_lay_pager_init(&all);
	ntitle = mg_lay_paginate(&c, FLOW_TITLE, &title);
	mg_lay_paginate(&c, FLOW_BODY, &body);
	mg_lay_place(&c.gal, &c.geo, &body, 0);	/* relative body pages, for the contents */
	ntoc = mg_lay_contents(&c, tsect, th1, ntitle, &toc);
	mg_lay_place(&c.gal, &c.geo, &title, 0);
	mg_lay_place(&c.gal, &c.geo, &toc, ntitle);
	mg_lay_place(&c.gal, &c.geo, &body, ntitle + ntoc);
	mg_lay_join_pages(&all, parts);
	mg_lay_resolve(&c.refs, &c.gal, &c.elems, c.d);
	assemble(&c, &all, ntitle + ntoc);
	finish(&c);

	for (int k = 0; k < 3; k++)
		mg_lay_pager_release(parts[k]);
	mg_lay_pager_release(&all);
	lay_release(&c);
	return L;
}

void mg_layout_free(mg_layout *l)
{
	if (l)
		mg_arena_free(l->arena);
}
