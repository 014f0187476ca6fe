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

/* ---- parts, title page, contents ----------------------------------------- */

static void part(struct lay *c, size_t p)
{
	const mg_part *pt = &c->g->parts[p];
	int sect = mg_lay_new_elem(&c->elems, MG_ROLE_SECT, 0);
	int h1;
	struct pstyle ps;
	size_t vi;
	int dest;
	mg_outline *o;

	c->gal.part = (int)p;
	/* The first part and the FAQ start a page; other parts start one too
	 * when the style says so, else they follow after a wide space. */
	if (p == 0 || pt->kind == MG_PART_FAQ || c->s->chapter_pages ||
	    (pt->kind == MG_PART_DISCLAIMER &&
	     c->g->parts[p - 1].kind != MG_PART_FAQ))
		mg_lay_page_break(&c->gal);
	else
		mg_lay_want_space(&c->gal, c->lead * 3);
	mg_lay_base_frame(&c->gal, &c->geo, sect);
	h1 = mg_lay_new_elem(&c->elems, MG_ROLE_H1, sect);
	ps = mg_lay_body_style(c, h1);
	ps.face = MG_FACE_HEADING;
	ps.size = c->fs * 2.0;
	ps.lead = ps.size * 1.22;
	ps.align = AL_LEFT;
	ps.balance = 1;
	if (pt->heading && pt->heading->first_child)
		vi = mg_lay_paragraph(c, pt->heading, NULL, &ps, 1);
	else
		vi = mg_lay_paragraph(c, NULL, pt->title ? pt->title : "", &ps, 1);
	dest = mg_lay_new_dest(&c->refs, mg_lay_part_id(c->g, c->A, p));
	mg_lay_dest_at(&c->refs, dest, vi, 0);
	o = mg_vec_push(&c->refs.outline);
	o->title = pt->title ? pt->title : pt->heading ? mg_node_plain_text_in(c->A, pt->heading) : "";
	o->level = 1;
	o->dest = dest;
	mg_lay_fix_space(&c->gal, c->lead * 1.2);
	mg_lay_blocks(c, pt->body);
}

static void title_line(struct lay *c, int sect, mg_role role, const char *text,
		       mg_face face, double size, double space_before)
{
	struct pstyle ps;
	if (!text || !*text)
		return;
	ps = mg_lay_body_style(c, mg_lay_new_elem(&c->elems, role, sect));
	ps.face = face;
	ps.size = size;
	ps.lead = size * 1.3;
	ps.align = AL_CENTER;
	ps.balance = 1;
	mg_lay_want_space(&c->gal, space_before);
	mg_lay_paragraph(c, NULL, text, &ps, 1);
}

/* The guide's cover picture at the head of the title page, a figure. */
static void cover_image(struct lay *c, int sect, double maxh)
{
	const mg_image *im = &c->g->images[c->g->cover];
	double w = c->geo.measure, h = w * im->height / im->width;
	int elem = mg_lay_new_elem(&c->elems, MG_ROLE_FIGURE, sect);
	size_t b0 = c->gal.boxes.len, vi;
	struct pfig *pf;

	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	elemat(&c->elems, elem)->alt = mg_term_text(c->g->language, MG_TERM_COVER);
	double x = c->geo.left + (c->geo.measure - w) / 2;
	mg_box *b = mg_lay_new_box(&c->gal);
	b->kind = MG_BOX_IMAGE;
	b->x = x;
	b->y = -h;
	b->w = w;
	b->h = h;
	b->image = c->g->cover;
	b->elem = elem;
	vi = mg_lay_commit(&c->gal, VI_LINE, h + c->fs * 2, 0, b0, 1, 1);
	pf = mg_vec_push(&c->refs.pfigs);
	pf->elem = elem;
	pf->vi = vi;
	pf->x0 = x;
	pf->x1 = x + w;
	pf->y0 = -h;
	pf->y1 = 0;
}

static void title_page(struct lay *c)
{
	const mg_guide *g = c->g;
	const char *lang = g->language;
	int sect = mg_lay_new_elem(&c->elems, MG_ROLE_SECT, 0);
	double fs = c->fs, avail = c->geo.page_top - c->geo.page_bottom;
	size_t b0;

	c->gal.part = -1;
	mg_lay_base_frame(&c->gal, &c->geo, sect);
	if (g->cover >= 0 && (size_t)g->cover < g->nimages &&
	    g->images[g->cover].width > 0 && g->images[g->cover].height > 0) {
		cover_image(c, sect, avail * 0.4);
	} else {	/* a thin rule high on the page sets the title off */
		b0 = c->gal.boxes.len;
		mg_lay_rule_box(&c->gal, c->geo.left, -avail * 0.16, c->geo.measure, 1.2, 0.2);
		mg_lay_commit(&c->gal, VI_LINE, avail * 0.16 + fs, 0, b0, 1, 1);
	}
	title_line(c, sect, MG_ROLE_H1, g->title, MG_FACE_HEADING, fs * 2.6, 0);
	title_line(c, sect, MG_ROLE_P, g->subtitle, MG_FACE_ITALIC, fs * 1.4, fs);
	if (g->nauthors) {
		size_t n = 0;
		for (size_t i = 0; i < g->nauthors; i++)
			n += strlen(g->authors[i]) + 2;
		char *s = mg_arena_alloc(c->A, n + 64);
		strcpy(s, mg_term_text(lang, MG_TERM_BY));
		strcat(s, " ");
		for (size_t i = 0; i < g->nauthors; i++) {
			if (i)
				strcat(s, ", ");
			strcat(s, g->authors[i]);
		}
		title_line(c, sect, MG_ROLE_P, s, MG_FACE_REGULAR, fs * 1.15, fs * 3);
	}
	title_line(c, sect, MG_ROLE_P, g->publisher, MG_FACE_REGULAR, fs, fs * 1.5);
	if (g->date)
		title_line(c, sect, MG_ROLE_P, mg_arena_printf(c->A, "%s %s",
			   mg_term_text(lang, MG_TERM_PUBLISHED), g->date),
			   MG_FACE_REGULAR, fs, fs * 0.5);
	if (g->reviewer)
		title_line(c, sect, MG_ROLE_P, mg_arena_printf(c->A, "%s %s",
			   mg_term_text(lang, MG_TERM_REVIEWED_BY), g->reviewer),
			   MG_FACE_ITALIC, fs * 0.95, fs * 4);
	if (g->reviewed)
		title_line(c, sect, MG_ROLE_P, mg_arena_printf(c->A, "%s: %s",
			   mg_term_text(lang, MG_TERM_REVIEWED_ON), g->reviewed),
			   MG_FACE_REGULAR, fs * 0.95, g->reviewer ? fs * 0.2 : fs * 4);
	if (g->next_review)
		title_line(c, sect, MG_ROLE_P, mg_arena_printf(c->A, "%s: %s",
			   mg_term_text(lang, MG_TERM_NEXT_REVIEW), g->next_review),
			   MG_FACE_REGULAR, fs * 0.95, fs * 0.2);
}

/* The contents' structure elements come before the body's, as they are read. */
static void toc_prepare(struct lay *c, int *sect, int *h1, int *toc)
{
	*sect = mg_lay_new_elem(&c->elems, MG_ROLE_SECT, 0);
	*h1 = mg_lay_new_elem(&c->elems, MG_ROLE_H1, *sect);
	*toc = mg_lay_new_elem(&c->elems, MG_ROLE_TOC, *sect);
	for (size_t p = 0; p < c->g->nparts; p++) {
		const mg_part *pt = &c->g->parts[p];
		struct tocent *e = mg_vec_push(&c->tocents);
		e->title = pt->title ? pt->title : "";
		e->target = mg_lay_part_id(c->g, c->A, p);
		e->level = 1;
		e->toci = mg_lay_new_elem(&c->elems, MG_ROLE_TOCI, *toc);
		e->link = mg_lay_new_elem(&c->elems, MG_ROLE_LINK, e->toci);
		if (pt->kind != MG_PART_CHAPTER || !pt->body)
			continue;
		for (const mg_node *n = pt->body->first_child; n; n = n->next) {
			if (n->type != MG_NODE_HEADING || n->level != 2 || !n->id)
				continue;
			e = mg_vec_push(&c->tocents);
			e->title = mg_node_plain_text_in(c->A, n);
			e->target = n->id;
			e->level = 2;
			e->toci = mg_lay_new_elem(&c->elems, MG_ROLE_TOCI, *toc);
			e->link = mg_lay_new_elem(&c->elems, MG_ROLE_LINK, e->toci);
		}
	}
}

/* Dot leaders from x0 to x1 on baseline y, an artifact; the dots sit on a
 * grid so that they line up from entry to entry. */
static void leaders(struct lay *c, double x0, double x1, double y)
{
	double dot = mg_lay_text_w(&c->fonts, MG_FACE_REGULAR, ". ", 2, c->fs), x;
	size_t ndots = 0;
	char *s;
	if (dot <= 0)
		return;
	x = ceil(x0 / dot) * dot;
	while (x + (double)(ndots + 1) * dot <= x1)
		ndots++;
	if (!ndots)
		return;
	s = mg_arena_alloc(c->A, ndots * 2 + 1);
	for (size_t i = 0; i < ndots; i++)
		memcpy(s + 2 * i, ". ", 2);
	mg_box *b = mg_lay_new_box(&c->gal);
	b->kind = MG_BOX_TEXT;
	b->x = x;
	b->y = y;
	b->w = (double)ndots * dot;
	b->face = MG_FACE_REGULAR;
	b->size = c->fs;
	b->text = s;
	b->len = ndots * 2;
}

/* An entry of the contents; keep: not the last on its page (a chapter with
 * its first section). */
static void toc_entry(struct lay *c, const struct tocent *e, int number,
		      int keep)
{
	double indent = e->level > 1 ? c->fs * 1.5 : 0;
	char *num = mg_arena_printf(c->A, "%d", number);
	mg_face face = e->level > 1 ? MG_FACE_REGULAR : MG_FACE_BOLD;
	double numw = mg_lay_text_w(&c->fonts, face, num, strlen(num), c->fs);
	double slot = mg_lay_text_w(&c->fonts, face, "0000", 4, c->fs);
	struct pstyle ps = { face, c->fs, c->lead * 1.05, AL_LEFT,
			     c->geo.left + indent, c->geo.measure - indent - slot - c->fs, e->link, 0, 0 };
	struct style st = { face, c->fs, 0, e->link, 0, 0 };
	struct lsrc *ls = mg_vec_push(&c->refs.lsrcs);
	size_t p0 = c->para.plines.len;
	struct pline *pl;
	double right = c->geo.left + c->geo.measure, gap = c->fs * 0.5;

	ls->target = e->target;
	ls->contents = e->title;
	ls->elem = e->link;
	st.link = (int)c->refs.lsrcs.len - 1;
	mg_lay_want_space(&c->gal, e->level == 1 ? c->lead * 0.45 : 0);
	mg_lay_tokens_of_string(c, e->title, &st);
	if (!c->para.toks.len)
		mg_lay_add_word(&c->para, &c->fonts, "\xE2\x80\x94", 3, &st);
	mg_lay_set_tokens(c, &ps);
	pl = (struct pline *)c->para.plines.items + c->para.plines.len - 1;
	/* the title's last word is followed by a space, then the number */
	if (pl->nb) {
		mg_box *lb = NULL;
		for (size_t i = pl->b0; i < pl->b0 + pl->nb; i++)
			if (boxat(&c->gal, i)->kind == MG_BOX_TEXT)
				lb = boxat(&c->gal, i);
		if (lb && lb->len && lb->text[lb->len - 1] != ' ') {
			lb->text = mg_arena_printf(c->A, "%.*s ", (int)lb->len, lb->text);
			lb->len++;
		}
	}
	leaders(c, ps.x + pl->w + gap, right - numw - gap, -pl->base);
	mg_box *b = mg_lay_new_box(&c->gal);
	b->kind = MG_BOX_TEXT;
	b->x = right - numw;
	b->y = -pl->base;
	b->w = numw;
	b->face = face;
	b->size = c->fs;
	b->text = num;
	b->len = strlen(num);
	b->elem = e->link;
	pl = (struct pline *)c->para.plines.items + c->para.plines.len - 1;
	pl->nb = c->gal.boxes.len - pl->b0;
	if (pl->nl) {	/* the last line's link reaches the number */
		mg_link *lk = (mg_link *)c->refs.links.items + pl->l0 + pl->nl - 1;
		lk->x1 = right;
		b->link = (int)(pl->l0 + pl->nl - 1);
	}
	size_t nl = c->para.plines.len - p0;
	size_t vi = mg_lay_commit_plines(c, p0, 0);
	if (keep)
		vit(&c->gal, vi + nl - 1)->keep = 1;
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

static size_t toc_pass(struct lay *c, int sect, int h1, size_t first,
		       size_t guess, struct pager *pr)
{
	const struct tocent *e = c->tocents.items;
	struct pstyle ps;
	c->gal.list = &c->gal.flow[FLOW_TOC];
	c->gal.part = -1;
	mg_lay_base_frame(&c->gal, &c->geo, sect);
	ps = mg_lay_body_style(c, h1);
	ps.face = MG_FACE_HEADING;
	ps.size = c->fs * 2.0;
	ps.lead = ps.size * 1.22;
	ps.align = AL_LEFT;
	ps.balance = 1;
	mg_lay_paragraph(c, NULL, mg_term_text(c->g->language, MG_TERM_CONTENTS), &ps, 1);
	mg_lay_fix_space(&c->gal, c->lead);
	for (size_t i = 0; i < c->tocents.len; i++) {
		int page = mg_lay_dest_page(&c->refs, &c->gal, mg_lay_find_dest(&c->refs, e[i].target));
		toc_entry(c, &e[i], (int)(page + first + guess) + 1,
			  i + 1 < c->tocents.len && e[i + 1].level > e[i].level);
	}
	return mg_lay_paginate(c, FLOW_TOC, pr);
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

/* The contents, set after the body: a guess of their page count numbers the
 * entries; when the contents take more pages, again with that count; when
 * fewer, blank pages keep the numbers true. Returns the page count. */
static size_t contents(struct lay *c, int sect, int h1, size_t ntitle,
		       struct pager *toc)
{
	size_t vl = c->gal.vitems.len, bl = c->gal.boxes.len, ll = c->refs.links.len;
	size_t ls = c->refs.lsrcs.len, pl = c->refs.pdests.len, guess = 1, n = 0;
	for (int tries = 0; tries < 8; tries++) {
		c->gal.vitems.len = vl;
		c->gal.boxes.len = bl;
		c->refs.links.len = ll;
		c->refs.link_vi.len = ll;
		c->refs.link_tgt.len = ll;
		c->refs.link_src.len = ll;
		c->refs.lsrcs.len = ls;
		c->refs.pdests.len = pl;
		c->gal.flow[FLOW_TOC].len = 0;
		toc->pages.len = 0;
		toc->fl.len = 0;
		n = toc_pass(c, sect, h1, ntitle, guess, toc);
		if (n <= guess)
			break;
		guess = n;
	}
	while (n < guess) {	/* an empty page of the contents */
		struct pg *pg = mg_vec_push(&toc->pages);
		pg->flow = FLOW_TOC;
		pg->f0 = toc->fl.len;
		n++;
	}
	return n;
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
	title_page(&c);
	toc_prepare(&c, &tsect, &th1, &ttoc);
	c.gal.list = &c.gal.flow[FLOW_BODY];
	for (size_t p = 0; p < g->nparts; p++)
		part(&c, p);

	for (int k = 0; k < 3; k++)
		mg_lay_pager_init(parts[k]);
	mg_lay_pager_init(&all);
	ntitle = mg_lay_paginate(&c, FLOW_TITLE, &title);
	mg_lay_paginate(&c, FLOW_BODY, &body);
	mg_lay_place(&c.gal, &c.geo, &body, 0);	/* relative body pages, for the contents */
	ntoc = contents(&c, tsect, th1, ntitle, &toc);
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
