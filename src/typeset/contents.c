/* contents.c — the parts, the title page and the contents: a part's title
 * and its blocks; the title page's lines; the contact and the e-book's QR
 * code, on the title page and after the disclaimer; the contents, set after
 * the body so that their page numbers are known, again if they take more
 * pages. */
#include "typeset/layout_int.h"

#include <math.h>
#include <string.h>

/* A part's title, or the contents': large, ragged, balanced. */
static struct pstyle title_style(const struct lay *c, int h1)
{
	struct pstyle ps = mg_lay_body_style(c, h1);
	ps.face = MG_FACE_HEADING;
	ps.size = c->fs * 2.0;
	ps.lead = ps.size * 1.22;
	ps.align = AL_LEFT;
	ps.balance = 1;
	ps.whole = 1;
	return ps;
}

/* A paragraph of the lines of s (joined by '\n'): TEXT nodes with hard
 * breaks between them, in the layout's arena. */
static mg_node *lines_node(struct lay *c, const char *s)
{
	mg_node *para = mg_arena_alloc(c->A, sizeof(mg_node));
	para->type = MG_NODE_PARAGRAPH;
	while (*s) {
		size_t len = strcspn(s, "\n");
		mg_node *t = mg_arena_alloc(c->A, sizeof(mg_node));
		t->type = MG_NODE_TEXT;
		t->text = mg_arena_strndup(c->A, s, len);
		t->len = len;
		mg_node_append(para, t);
		s += len;
		if (*s) {
			mg_node *br = mg_arena_alloc(c->A, sizeof(mg_node));
			br->type = MG_NODE_LINEBREAK;
			mg_node_append(para, br);
			s++;
		}
	}
	return para;
}

/* "Questions about this guide?" and the contact, two paragraphs of Sect
 * sect kept together: centred on the title page, flush left at the end. */
static void contact_block(struct lay *c, int sect, int align, mg_face qface,
			  double size, double space_before)
{
	int elem = mg_lay_new_elem(&c->elems, MG_ROLE_P, sect);
	struct pstyle ps = mg_lay_body_style(c, elem);
	const char *question = mg_term_text(c->g->language, MG_TERM_QUESTIONS);

	ps.face = qface;
	ps.size = size;
	ps.lead = size * 1.5;	/* print guidance's leading, as the body's */
	ps.align = align;
	mg_lay_want_space(&c->gal, space_before);
	mg_lay_paragraph(c, NULL, question, &ps, 1);
	ps.elem = mg_lay_new_elem(&c->elems, MG_ROLE_P, sect);
	ps.face = MG_FACE_REGULAR;
	mg_lay_fix_space(&c->gal, size * 0.2);
	mg_lay_paragraph(c, lines_node(c, c->g->contact), NULL, &ps, 1);
}

/* After the disclaimer, on the last page: the contact and the QR code, in
 * a Sect of their own (they are not the disclaimer's text), set off by a
 * short rule. */
static void contact_at_end(struct lay *c)
{
	int sect = mg_lay_new_elem(&c->elems, MG_ROLE_SECT, 0);
	size_t b0;

	mg_lay_base_frame(&c->gal, &c->geo, sect);
	mg_lay_want_space(&c->gal, c->lead * 2);
	b0 = c->gal.boxes.len;
	mg_lay_rule_box(&c->gal.boxes, c->geo.left, -c->lead * 0.5, c->fs * 6,
			0.5, 0.3);
	mg_lay_commit(&c->gal, VI_LINE, c->lead * 0.5, 0, b0, 1, 1);
	if (c->g->contact)
		contact_block(c, sect, AL_LEFT, MG_FACE_BOLD, c->fs,
			      c->lead * 0.5);
	if (c->qr >= 0)
		mg_lay_qr_block(c, sect, AL_LEFT, MG_FACE_BOLD, mg_lay_qr_side(c),
				c->g->contact ? c->lead * 1.5 : c->lead * 0.5);
}

void mg_lay_part(struct lay *c, size_t p)
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
		mg_lay_want_space(&c->gal, c->lead * 4);
	mg_lay_base_frame(&c->gal, &c->geo, sect);
	h1 = mg_lay_new_elem(&c->elems, MG_ROLE_H1, sect);
	ps = title_style(c, h1);
	if (pt->heading && pt->heading->first_child)
		vi = mg_lay_paragraph(c, pt->heading, NULL, &ps, 1);
	else
		vi = mg_lay_paragraph(c, NULL, pt->title ? pt->title : "", &ps, 1);
	dest = mg_lay_new_dest(&c->refs, mg_lay_part_id(c->g, c->A, p));
	mg_lay_dest_at(&c->refs, dest, vi, 0);
	o = mg_vec_push(&c->refs.outline);
	o->title = pt->title ? pt->title : pt->heading ?
		   mg_node_plain_text_in(c->A, pt->heading) : "";
	o->level = 1;
	o->dest = dest;
	mg_lay_fix_space(&c->gal, c->lead * 1.2);
	mg_lay_blocks(c, pt->body);
	if (pt->kind == MG_PART_DISCLAIMER && (c->g->contact || c->qr >= 0))
		contact_at_end(c);
}

/* A line of the title page, centred; text at body size or smaller keeps
 * the body's leading of 1.5 times its size. */
static void title_line(struct lay *c, int sect, mg_role role, const char *text,
		       mg_face face, double size, double space_before)
{
	struct pstyle ps;
	if (!text || !*text)
		return;
	ps = mg_lay_body_style(c, mg_lay_new_elem(&c->elems, role, sect));
	ps.face = face;
	ps.size = size;
	ps.lead = size * (face == MG_FACE_HEADING ? 1.2 : 1.5);
	ps.align = AL_CENTER;
	ps.balance = 1;
	ps.whole = 1;
	mg_lay_want_space(&c->gal, space_before);
	mg_lay_paragraph(c, NULL, text, &ps, 1);
}

/* The guide's cover picture at the head of the title page, a figure, as
 * large as maxh allows in the title page's width. */
static void cover_image(struct lay *c, int sect, double maxh)
{
	const mg_image *im = &c->g->images[c->g->cover];
	const struct frame *f = top_frame(&c->gal);
	double w = f->width, h = w * im->height / im->width;
	int elem = mg_lay_new_elem(&c->elems, MG_ROLE_FIGURE, sect);
	size_t b0 = c->gal.boxes.len, vi;

	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	elemat(&c->elems, elem)->alt = mg_term_text(c->g->language,
						    MG_TERM_COVER);
	double x = f->left + (f->width - w) / 2;
	mg_box *b = mg_lay_new_box(&c->gal);
	b->kind = MG_BOX_IMAGE;
	b->x = x;
	b->y = -h;
	b->w = w;
	b->h = h;
	b->image = c->g->cover;
	b->elem = elem;
	vi = mg_lay_commit(&c->gal, VI_LINE, h + c->fs * 2, 0, b0, 1, 1);
	mg_lay_figure_at(&c->refs, elem, vi, x, -h, w, h);
}

/* "By" and the authors, comma-separated. */
static const char *byline(struct lay *c)
{
	const mg_guide *g = c->g;
	size_t n = 0;
	for (size_t i = 0; i < g->nauthors; i++)
		n += strlen(g->authors[i]) + 2;
	char *s = mg_arena_alloc(c->A, n + 64);
	strcpy(s, mg_term_text(g->language, MG_TERM_BY));
	strcat(s, " ");
	for (size_t i = 0; i < g->nauthors; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, g->authors[i]);
	}
	return s;
}

/* How the title page fits the QR code in: the code's side in points (0:
 * no code), and the spaces between its groups of lines, times squeeze. */
struct tfit {
	double side;
	double squeeze;
};

/* The title page's lines under the cover or the rule, then the QR code. */
static void title_text(struct lay *c, int sect, const struct tfit *fit)
{
	const mg_guide *g = c->g;
	const char *lang = g->language;
	double fs = c->fs, k = fit->squeeze;

	title_line(c, sect, MG_ROLE_H1, g->title, MG_FACE_HEADING, fs * 2.4, 0);
	title_line(c, sect, MG_ROLE_P, g->subtitle, MG_FACE_ITALIC, fs * 1.3,
		   fs * k);
	if (g->nauthors)
		title_line(c, sect, MG_ROLE_P, byline(c), MG_FACE_REGULAR,
			   fs * 1.1, fs * 2.5 * k);
	title_line(c, sect, MG_ROLE_P, g->publisher, MG_FACE_REGULAR, fs,
		   fs * 1.2 * k);
	if (g->date)
		title_line(c, sect, MG_ROLE_P, mg_arena_printf(c->A, "%s %s",
			   mg_term_text(lang, MG_TERM_PUBLISHED), g->date),
			   MG_FACE_REGULAR, fs, g->publisher ? 0 : fs * 1.2 * k);
	if (g->reviewer)
		title_line(c, sect, MG_ROLE_P, mg_arena_printf(c->A, "%s %s",
			   mg_term_text(lang, MG_TERM_REVIEWED_BY), g->reviewer),
			   MG_FACE_ITALIC, fs, fs * 2.5 * k);
	if (g->reviewed)
		title_line(c, sect, MG_ROLE_P, mg_arena_printf(c->A, "%s: %s",
			   mg_term_text(lang, MG_TERM_REVIEWED_ON), g->reviewed),
			   MG_FACE_REGULAR, fs, g->reviewer ? 0 : fs * 2.5 * k);
	if (g->next_review)
		title_line(c, sect, MG_ROLE_P, mg_arena_printf(c->A, "%s: %s",
			   mg_term_text(lang, MG_TERM_NEXT_REVIEW),
			   g->next_review), MG_FACE_REGULAR, fs, 0);
	if (g->contact)
		contact_block(c, sect, AL_CENTER, MG_FACE_ITALIC, fs,
			      fs * 2.5 * k);
	if (fit->side > 0)
		mg_lay_qr_block(c, sect, AL_CENTER, MG_FACE_ITALIC, fit->side,
				fs * 2 * k);
}

/* The height the title page's lines take: they are set, measured and
 * taken back (with the QR code's figure and link), so that the cover can
 * be sized to leave them room. */
static double title_text_height(struct lay *c, int sect,
				const struct tfit *fit)
{
	struct galley *gal = &c->gal;
	struct refs *r = &c->refs;
	size_t nb = gal->boxes.len, nv = gal->vitems.len, nl = gal->list->len;
	size_t ne = c->elems.len, ns = r->lsrcs.len, nk = r->links.len;
	size_t nf = r->pfigs.len;
	double h = 0;

	title_text(c, sect, fit);
	for (size_t i = nl; i < gal->list->len; i++)
		h += vit(gal, ((size_t *)gal->list->items)[i])->h;
	gal->boxes.len = nb;
	gal->vitems.len = nv;
	gal->list->len = nl;
	c->elems.len = ne;
	r->lsrcs.len = ns;
	r->links.len = nk;
	r->link_vi.len = nk;
	r->link_tgt.len = nk;
	r->link_src.len = nk;
	r->pfigs.len = nf;
	gal->pending_space = 0;
	gal->space_fixed = 0;
	return h;
}

/* Fits the QR code under the title page's lines in room points (the page
 * less what the cover or the rule above them needs at least): the code at
 * ease if there is room for it, else smaller, down to the least a phone
 * reads; then the spaces between the lines closer, down to half. Returns
 * the fit, and the height of the lines as fitted in *text. */
static struct tfit title_fit(struct lay *c, int sect, double room,
			     double *text)
{
	struct tfit fit = { mg_lay_qr_side(c), 1 };
	double over, cut, spaces;

	*text = title_text_height(c, sect, &fit);
	over = *text - room;
	cut = fmin(fmax(over, 0), fit.side - mg_lay_qr_least_side(c));
	fit.side -= cut;
	*text -= cut;
	over -= cut;
	if (over <= 0)
		return fit;
	fit.squeeze = 0;
	spaces = *text - title_text_height(c, sect, &fit);
	fit.squeeze = spaces > 0 ? fmax(0.5, 1 - over / spaces) : 1;
	*text = title_text_height(c, sect, &fit);
	return fit;
}

/* A thin rule drop points below the top of the page sets the title off;
 * the title's first line follows 1.5 body sizes under it. */
static void title_rule(struct lay *c, double drop)
{
	const struct frame *f = top_frame(&c->gal);
	size_t b0 = c->gal.boxes.len;

	mg_lay_rule_box(&c->gal.boxes, f->left, -drop, f->width, 1.2, 0.2);
	mg_lay_commit(&c->gal, VI_LINE, drop + c->fs * 1.5, 0, b0, 1, 1);
}

/* The title page's text block: wider than the body's where the page has
 * room (an inch each side), so that a long title takes fewer lines. */
static void title_frame(struct lay *c, int sect)
{
	struct geom tg = c->geo;
	double w = c->L->page_width - 144;
	if (w > tg.measure) {
		tg.left = (c->L->page_width - w) / 2;
		tg.measure = w;
	}
	mg_lay_base_frame(&c->gal, &tg, sect);
}

/* The title page: the cover (or a rule), the title, the lines under it
 * and the QR code, on one page. The cover takes at most 40 % of it, and
 * less when the lines need the room, but not under 10 % unless the QR code
 * still needs room once it and the spaces have shrunk (a cover that would
 * be smaller than two body sizes is left off); the rule sits at 16 % of
 * it, higher only when the lines and the QR code need the room. */
void mg_lay_title_page(struct lay *c)
{
	const mg_guide *g = c->g;
	int sect = mg_lay_new_elem(&c->elems, MG_ROLE_SECT, 0);
	double fs = c->fs, avail = c->geo.page_top - c->geo.page_bottom;
	double text = 0, least = avail * 0.1, drop = avail * 0.16;
	struct tfit fit = { 0, 1 };
	int cover = g->cover >= 0 && (size_t)g->cover < g->nimages &&
		    g->images[g->cover].width > 0 &&
		    g->images[g->cover].height > 0;

	c->gal.part = -1;
	title_frame(c, sect);
	if (c->qr >= 0) {
		fit = title_fit(c, sect, avail - (cover ? least + fs * 3 : fs * 3),
				&text);
		if (cover && avail - text - fs * 3 < fs * 2) {
			cover = 0;
			fit = title_fit(c, sect, avail - fs * 3, &text);
		}
		least = fmin(least, avail - text - fs * 3);
	} else if (cover) {
		text = title_text_height(c, sect, &fit);
	}
	if (cover) {
		cover_image(c, sect, fmax(fmin(avail * 0.4, avail - text - fs * 3),
					  least));
	} else {
		if (c->qr >= 0)	/* the rule a body size down at least */
			drop = fmax(fmin(drop, avail - text - fs * 2), fs);
		title_rule(c, drop);
	}
	title_text(c, sect, &fit);
}

/* The contents' structure elements come before the body's, as they are read. */
void mg_lay_toc_prepare(struct lay *c, int *sect, int *h1, int *toc)
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
			e->link = mg_lay_new_elem(&c->elems, MG_ROLE_LINK,
						  e->toci);
		}
	}
}

/* Dot leaders from x0 to x1 on baseline y, an artifact; the dots sit on a
 * grid so that they line up from entry to entry. */
static void leaders(struct lay *c, double x0, double x1, double y)
{
	double dot = mg_lay_text_w(&c->fonts, MG_FACE_REGULAR, ". ", 2, c->fs);
	double x;
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

/* The title's last word is followed by a space, then the number. */
static void space_after(struct lay *c, const struct pline *pl)
{
	mg_box *lb = NULL;
	if (!pl->nb)
		return;
	for (size_t i = pl->b0; i < pl->b0 + pl->nb; i++)
		if (boxat(&c->gal, i)->kind == MG_BOX_TEXT)
			lb = boxat(&c->gal, i);
	if (lb && lb->len && lb->text[lb->len - 1] != ' ') {
		lb->text = mg_arena_printf(c->A, "%.*s ", (int)lb->len, lb->text);
		lb->len++;
	}
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
			     c->geo.left + indent,
			     c->geo.measure - indent - slot - c->fs, e->link,
			     0, 0, 1 };
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
	space_after(c, pl);
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

/* Lays out the contents for a guessed page count; returns its page count. */
static size_t toc_pass(struct lay *c, int sect, int h1, size_t first,
		       size_t guess, struct pager *pr)
{
	const struct tocent *e = c->tocents.items;
	struct pstyle ps;
	c->gal.list = &c->gal.flow[FLOW_TOC];
	c->gal.part = -1;
	mg_lay_base_frame(&c->gal, &c->geo, sect);
	ps = title_style(c, h1);
	mg_lay_paragraph(c, NULL, mg_term_text(c->g->language, MG_TERM_CONTENTS),
			 &ps, 1);
	mg_lay_fix_space(&c->gal, c->lead);
	for (size_t i = 0; i < c->tocents.len; i++) {
		int d = mg_lay_find_dest(&c->refs, e[i].target);
		int page = mg_lay_dest_page(&c->refs, &c->gal, d);
		toc_entry(c, &e[i], (int)(page + first + guess) + 1,
			  i + 1 < c->tocents.len && e[i + 1].level > e[i].level);
	}
	return mg_lay_paginate(c, FLOW_TOC, pr);
}

/* The contents, set after the body: a guess of their page count numbers the
 * entries; when the contents take more pages, again with that count; when
 * fewer, blank pages keep the numbers true. Returns the page count. */
size_t mg_lay_contents(struct lay *c, int sect, int h1, size_t ntitle,
		       struct pager *toc)
{
	size_t vl = c->gal.vitems.len, bl = c->gal.boxes.len;
	size_t ll = c->refs.links.len, ls = c->refs.lsrcs.len;
	size_t pl = c->refs.pdests.len, guess = 1, n = 0;
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
