/* paragraph.c — a paragraph's tokens set as lines: broken by total fit
 * (linebreak.c), ragged right or justified, first without hyphens, then with
 * them where the lines came out loose (never in headings, never on two lines
 * in a row); then each line as boxes, with its links, rules and note calls. */
#include "typeset/layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void mg_lay_para_init(struct para *pa)
{
	mg_vec_init(&pa->toks, sizeof(struct tok));
	mg_vec_init(&pa->items, sizeof(mg_lb_item));
	mg_vec_init(&pa->aux, sizeof(struct aux));
	mg_vec_init(&pa->plines, sizeof(struct pline));
}

void mg_lay_para_release(struct para *pa)
{
	mg_vec_release(&pa->toks);
	mg_vec_release(&pa->items);
	mg_vec_release(&pa->aux);
	mg_vec_release(&pa->plines);
}

/* ---- line breaking ---------------------------------------------------- */

static void push_item(struct para *pa, mg_lb_type type, double w, double y,
		      double z, int pen, int flag, int tok, size_t off, size_t len)
{
	mg_lb_item *it = mg_vec_push(&pa->items);
	struct aux *a = mg_vec_push(&pa->aux);
	it->type = type;
	it->width = w;
	it->stretch = y;
	it->shrink = z;
	it->penalty = pen;
	it->flagged = flag;
	a->tok = tok;
	a->off = off;
	a->len = len;
}

/* A word wider than the measure: pieces that fit, cut at characters. */
static void emergency_pieces(struct para *pa, const struct fonts *fn, int ti,
			     double width)
{
	struct tok *t = tokat(pa, (size_t)ti);
	size_t start = 0, i = 0;
	double w = 0;
	double limit = width * 0.98;
	while (i < t->len) {
		size_t j = i;
		mg_lay_utf8_next(t->s, t->len, &j);
		double cw = mg_lay_text_w(fn, t->st.face, t->s + i, j - i,
					  t->st.size);
		if (w + cw > limit && i > start) {
			double pw = mg_lay_text_w(fn, t->st.face, t->s + start,
						  i - start, t->st.size);
			push_item(pa, MG_LB_BOX, pw, 0, 0, 0, 0, ti, start,
				  i - start);
			push_item(pa, MG_LB_PENALTY, 0, 0, 0, EMERGENCY_PENALTY,
				  0, ti, i, 0);
			start = i;
			w = 0;
		}
		w += cw;
		i = j;
		t = tokat(pa, (size_t)ti);
	}
	push_item(pa, MG_LB_BOX, mg_lay_text_w(fn, t->st.face, t->s + start,
					       t->len - start, t->st.size),
		  0, 0, 0, 0, ti, start, t->len - start);
}

/* Items of one word: hyphenation points by hy (pass 2) and breaks after an
 * explicit hyphen or slash (after a slash only, in whole words). */
static void word_items(struct para *pa, struct fonts *fn, const mg_hyphen *hy,
		       int ti, int hyphenate, const struct pstyle *ps)
{
	struct tok *t = tokat(pa, (size_t)ti);
	unsigned char brk[MG_HYPHEN_MAX_BYTES];
	size_t start = 0;
	double hw;
	int pen = ps->align == AL_JUSTIFY ? HYPHEN_PENALTY :
		  RAGGED_HYPHEN_PENALTY;

	if (t->w > ps->width) {
		emergency_pieces(pa, fn, ti, ps->width);
		return;
	}
	if (t->st.face == MG_FACE_MONO || t->len < 5 || t->st.rise != 0) {
		push_item(pa, MG_LB_BOX, t->w, 0, 0, 0, 0, ti, 0, t->len);
		return;
	}
	hw = mg_lay_widths(fn, t->st.face, t->st.size)->hyphen;
	/* compounds, addresses and paths break only where they have a hyphen
	 * or a slash already, never by the patterns */
	for (size_t k = 0; k < t->len && hyphenate; k++)
		if (strchr("-/@_.\\", t->s[k]) && k + 1 < t->len)
			hyphenate = 0;
	for (size_t i = 0; i < t->len;) {
		size_t j = i;
		/* a run of letters: hyphenate it */
		while (j < t->len && mg_hyphen_letter((unsigned char)t->s[j]))
			j++;
		if (hyphenate && hy && j - i >= MG_HYPHEN_MIN_BYTES &&
		    j - i <= MG_HYPHEN_MAX_BYTES) {
			mg_hyphen_points(hy, t->s + i, j - i, brk);
			for (size_t k = 1; k < j - i; k++) {
				if (!brk[k])
					continue;
				size_t at = i + k;
				push_item(pa, MG_LB_BOX, mg_lay_text_w(fn,
					t->st.face, t->s + start, at - start,
					t->st.size), 0, 0, 0, 0, ti, start,
					at - start);
				push_item(pa, MG_LB_PENALTY, hw, 0, 0, pen, 1,
					  ti, at, 1);
				start = at;
			}
		}
		if (j == i)
			j++;
		/* after an explicit hyphen or slash inside a word */
		if (j < t->len - 1 && j > start && j - start > 1 &&
		    ((t->s[j - 1] == '-' && !ps->whole) || t->s[j - 1] == '/')) {
			push_item(pa, MG_LB_BOX, mg_lay_text_w(fn, t->st.face,
				t->s + start, j - start, t->st.size),
				0, 0, 0, 0, ti, start, j - start);
			push_item(pa, MG_LB_PENALTY, 0, 0, 0, HYPHEN_PENALTY,
				  t->s[j - 1] == '-', ti, j, 0);
			start = j;
		}
		i = j;
	}
	if (start == 0)
		push_item(pa, MG_LB_BOX, t->w, 0, 0, 0, 0, ti, 0, t->len);
	else
		push_item(pa, MG_LB_BOX, mg_lay_text_w(fn, t->st.face,
			  t->s + start, t->len - start, t->st.size),
			  0, 0, 0, 0, ti, start, t->len - start);
}

/* Items for tokens [t0, t1), ended as a paragraph. */
static void build_items(struct para *pa, struct fonts *fn, const mg_hyphen *hy,
			const struct pstyle *ps, int hyphenate, size_t t0,
			size_t t1)
{
	int ragged = ps->align != AL_JUSTIFY;
	pa->items.len = 0;
	pa->aux.len = 0;
	for (size_t i = t0; i < t1; i++) {
		struct tok *t = tokat(pa, i);
		if (t->kind == T_TEXT) {
			word_items(pa, fn, hy, (int)i, hyphenate, ps);
			t = tokat(pa, i);
			if (!t->space || i + 1 >= pa->toks.len)
				continue;
			/* after a raised note number, a space of the text's size */
			double sw = mg_lay_widths(fn, t->st.face, t->st.rise != 0 ?
						  ps->size : t->st.size)->space;
			push_item(pa, MG_LB_GLUE, sw, ragged ? 0 : sw / 2,
				  ragged ? 0 : sw / 3, 0, 0, (int)i, 0, 0);
		} else {
			push_item(pa, MG_LB_GLUE, 0, FILL, 0, 0, 0, (int)i, 0, 0);
			push_item(pa, MG_LB_PENALTY, 0, 0, 0, -MG_LB_INF, 0,
				  (int)i, 0, 0);
		}
	}
	push_item(pa, MG_LB_GLUE, 0, FILL, 0, 0, 0, -1, 0, 0);
	push_item(pa, MG_LB_PENALTY, 0, 0, 0, -MG_LB_INF, 0, -1, 0, 0);
}

/* The guide's hyphenation dictionary, loaded when a paragraph first needs
 * it (NULL when there is none for its language). */
static const mg_hyphen *hyphenator(struct lay *c)
{
	if (!c->hy_tried) {
		c->hy_tried = 1;
		if (!c->hylib)
			c->hylib = c->own_hylib = mg_hyphenlib_new();
		c->hy = mg_hyphen_for_guide(c->hylib, c->g);
	}
	return c->hy;
}

/* Breaks the tokens into lines; returns the break indices (caller frees). */
static size_t break_lines(struct lay *c, const struct pstyle *ps, size_t t0,
			  size_t t1, size_t **brk)
{
	struct para *pa = &c->para;
	mg_lb_params p = { ps->width, PASS1_TOLERANCE, ps->align != AL_JUSTIFY,
			   0, pa->after_hyphen };
	int loose = 0;
	size_t n;

	build_items(pa, &c->fonts, c->hy, ps, 0, t0, t1);
	n = mg_linebreak(pa->items.items, pa->items.len, &p, brk, &loose);
	if (!loose)
		return n;
	if (ps->whole) {	/* headings: looser lines rather than hyphens */
		free(*brk);
		p.tolerance = PASS2_TOLERANCE;
		p.emergency = 1;
		return mg_linebreak(pa->items.items, pa->items.len, &p, brk,
				    &loose);
	}
	const mg_hyphen *hy = hyphenator(c);
	free(*brk);
	build_items(pa, &c->fonts, hy, ps, 1, t0, t1);
	p.tolerance = PASS2_TOLERANCE;
	p.emergency = 1;
	return mg_linebreak(pa->items.items, pa->items.len, &p, brk, &loose);
}

/* ---- lines into boxes ------------------------------------------------- */

struct run {			/* a box being gathered from pieces */
	int tok;
	size_t off, len;
	double x, w;
	int open;
};

static void flush_run(struct lay *c, struct run *r, double base, int space,
		      int hyphen)
{
	struct tok *t;
	mg_box *b;
	const char *s;
	size_t len;
	if (!r->open)
		return;
	r->open = 0;
	t = tokat(&c->para, (size_t)r->tok);
	s = t->s + r->off;
	len = r->len;
	if (hyphen) {
		s = mg_arena_printf(c->A, "%.*s-", (int)len, s);
		len++;
	} else if (space) {
		if (r->off + len < t->len || s[len] != ' ')
			s = mg_arena_printf(c->A, "%.*s ", (int)len, s);
		len++;
	}
	b = mg_lay_new_box(&c->gal);
	b->kind = MG_BOX_TEXT;
	b->x = r->x;
	b->y = -base + t->st.rise;
	b->w = r->w + (hyphen ? mg_lay_widths(&c->fonts, t->st.face,
					      t->st.size)->hyphen : 0);
	b->face = t->st.face;
	b->size = t->st.size;
	b->text = s;
	b->len = len;
	b->elem = t->st.elem;
	if (t->broken) {
		int sp = t->space && (size_t)r->tok + 1 < c->para.toks.len;
		b->actual = r->off == 0 ? mg_arena_printf(c->A, "%.*s%s",
				(int)t->len, t->s, sp ? " " : "") : "";
	}
	/* remember the token in the link slot until links are made */
	b->link = r->tok;
}

/* This line's rectangle of link ls (a text box's link), grown to take the
 * box in; a new one when the line has none yet. */
static mg_link *link_rect(struct refs *r, size_t l0, const struct lsrc *ls,
			  int src, const mg_box *b, double y0, double y1)
{
	mg_link *lk = NULL;
	for (size_t k = l0; k < r->links.len; k++) {
		mg_link *q = (mg_link *)r->links.items + k;
		if (q->elem == ls->elem)
			lk = q;
	}
	if (!lk) {
		lk = mg_vec_push(&r->links);
		*(size_t *)mg_vec_push(&r->link_vi) = 0;
		*(const char **)mg_vec_push(&r->link_tgt) = ls->target;
		*(int *)mg_vec_push(&r->link_src) = src;
		lk->x0 = b->x;
		lk->x1 = b->x + b->w;
		lk->y0 = y0;
		lk->y1 = y1;
		lk->uri = ls->uri;
		lk->dest = -1;
		lk->elem = ls->elem;
		lk->contents = ls->contents;
	}
	lk->x0 = fmin(lk->x0, b->x);
	lk->x1 = fmax(lk->x1, b->x + b->w);
	lk->y0 = fmin(lk->y0, y0);
	lk->y1 = fmax(lk->y1, y1);
	return lk;
}

/* Link rectangles, underlines, strike rules for the boxes [b0, end). */
static void decorate_line(struct lay *c, struct pline *pl, double base)
{
	struct refs *r = &c->refs;
	size_t end = c->gal.boxes.len;
	pl->l0 = r->links.len;
	for (size_t i = pl->b0; i < end; i++) {
		mg_box *b = boxat(&c->gal, i);
		if (b->kind != MG_BOX_TEXT || b->link < 0)
			continue;
		struct tok *t = tokat(&c->para, (size_t)b->link);
		b->link = -1;
		if (t->st.strike)
			mg_lay_rule_box(&c->gal.boxes, b->x, -base + t->st.size * 0.28,
					b->w, t->st.size * 0.05, 0);
		b = boxat(&c->gal, i);
		if (t->st.link < 0)
			continue;
		const struct lsrc *ls = (const struct lsrc *)r->lsrcs.items +
					t->st.link;
		/* extend this line's rectangle of the same link, or start one */
		double y0 = -base - mg_lay_desc(&c->fonts, t->st.face) *
				    t->st.size;
		double y1 = -base + mg_lay_asc(&c->fonts, t->st.face) *
				    t->st.size + t->st.rise;
		mg_link *lk = link_rect(r, pl->l0, ls, t->st.link, b, y0, y1);
		b->link = (int)(lk - (mg_link *)r->links.items);
	}
	pl->nl = r->links.len - pl->l0;
	for (size_t k = pl->l0; k < r->links.len; k++) {
		mg_link *q = (mg_link *)r->links.items + k;
		int src = ((int *)r->link_src.items)[k];
		const struct lsrc *ls = (const struct lsrc *)r->lsrcs.items + src;
		if (ls->decorate)
			mg_lay_rule_box(&c->gal.boxes, q->x0,
					-base - 0.14 * (q->y1 - q->y0),
					q->x1 - q->x0, 0.5, 0.55);
	}
}

/* Sets items [from..to] as a line of boxes; appends a pline. */
static void emit_line(struct lay *c, const struct pstyle *ps, size_t from,
		      size_t to, int last)
{
	const mg_lb_item *it = c->para.items.items;
	const struct aux *ax = c->para.aux.items;
	mg_lb_params p = { ps->width, PASS2_TOLERANCE, ps->align != AL_JUSTIFY,
			   1, 0 };
	double r = 0, x = ps->x, nat = 0;
	double base = mg_lay_base_of(&c->fonts, ps->face, ps->size, ps->lead);
	struct run run = { 0, 0, 0, 0, 0, 0 };
	struct pline *pl;
	size_t b0 = c->gal.boxes.len, c0 = c->notes.calls.len;

	for (size_t i = from; i < to; i++)
		if (it[i].type != MG_LB_PENALTY)
			nat += it[i].width;
	if (it[to].type == MG_LB_PENALTY)
		nat += it[to].width;
	if (ps->align == AL_JUSTIFY) {
		r = mg_lb_ratio(it, from, to, &p);
	} else {
		double fw = ps->frame_w > 0 ? ps->frame_w : ps->width;
		if (ps->align == AL_CENTER && nat < fw)
			x += (fw - nat) / 2;
		else if (ps->align == AL_RIGHT && nat < fw)
			x += fw - nat;
	}
	for (size_t i = from; i <= to; i++) {
		if (it[i].type == MG_LB_BOX) {
			int t = ax[i].tok;
			if (run.open && run.tok == t &&
			    run.off + run.len == ax[i].off) {
				run.len += ax[i].len;
				run.w += it[i].width;
			} else {
				flush_run(c, &run, base, 0, 0);
				run = (struct run){ t, ax[i].off, ax[i].len, x,
						    it[i].width, 1 };
				struct tok *tk = tokat(&c->para, (size_t)t);
				if (tk->note >= 0 && ax[i].off == 0) {
					struct call *cl =
						mg_vec_push(&c->notes.calls);
					cl->note = tk->note;
				}
			}
			x += it[i].width;
		} else if (it[i].type == MG_LB_GLUE) {
			if (i == to) {
				flush_run(c, &run, base, !last, 0);
				break;
			}
			flush_run(c, &run, base, ax[i].tok >= 0, 0);
			if (it[i].stretch >= FILL)
				continue;
			x += it[i].width + (r > 0 ? r * it[i].stretch :
						    r * it[i].shrink);
		} else if (i == to) {
			flush_run(c, &run, base, 0,
				  it[i].flagged && it[i].width > 0);
		}
	}
	flush_run(c, &run, base, 0, 0);
	pl = mg_vec_push(&c->para.plines);
	pl->b0 = b0;
	pl->c0 = c0;
	pl->nc = c->notes.calls.len - c0;
	pl->h = ps->lead;
	pl->base = base;
	pl->w = nat;
	decorate_line(c, pl, base);
	pl = (struct pline *)c->para.plines.items + c->para.plines.len - 1;
	pl->nb = c->gal.boxes.len - b0;
}

/* After a huge paragraph, gives its scratch memory back. */
static void release_scratch(struct para *pa)
{
	mg_vec *v[] = { &pa->items, &pa->aux, &pa->toks };
	for (size_t i = 0; i < 3; i++) {
		if (v[i]->cap <= 65536)
			continue;
		size_t elem = v[i]->elem;
		mg_vec_release(v[i]);
		mg_vec_init(v[i], elem);
	}
}

/* The first box of a line: its items run from from to the break b. */
static size_t line_start(const mg_lb_item *it, size_t from, size_t b)
{
	while (from < b && it[from].type != MG_LB_BOX)
		from++;
	return from;
}

/* Breaks tokens [t0, ntoks) as a paragraph, or, when more than a window of
 * them remain, [t0, t0 + window) as if it were one: its lines are set but
 * the last (which the window's end cut short), then the next window starts
 * where that line did. Returns the token where the next window starts
 * (ntoks when done). */
static size_t set_window(struct lay *c, const struct pstyle *ps, size_t t0)
{
	struct para *pa = &c->para;
	size_t ntoks = pa->toks.len, t1 = ntoks, *brk = NULL, n, keep, next;
	const mg_lb_item *it;
	const struct aux *ax;
	int final;

	if (ntoks - t0 > WINDOW_TOKENS)
		t1 = t0 + WINDOW_TOKENS;
	final = t1 == ntoks;
	for (size_t i = t0; i < t1; i++)
		tokat(pa, i)->broken = 0;
	n = break_lines(c, ps, t0, t1, &brk);
	it = pa->items.items;
	ax = pa->aux.items;
	keep = n;
	next = ntoks;
	if (!final) {
		/* drop the last line, and more while a dropped line starts
		 * inside a word (its first part would be set twice) */
		while (keep > 1) {
			size_t from = line_start(it, brk[keep - 2] + 1,
						 brk[keep - 1]);
			keep--;
			next = (size_t)ax[from].tok;
			if (ax[from].off == 0)
				break;
		}
		if (keep == n || next <= t0) {	/* no progress: set them all */
			keep = n;
			next = t1;
		}
	}
	for (size_t k = 0; k < keep; k++) {	/* mark words that a break cuts */
		size_t b = brk[k];
		int t = ax[b].tok;
		if (it[b].type == MG_LB_PENALTY && t >= 0 &&
		    tokat(pa, (size_t)t)->kind == T_TEXT)
			tokat(pa, (size_t)t)->broken = 1;
	}
	size_t from = 0;
	for (size_t k = 0; k < keep; k++) {
		size_t b = brk[k];
		from = line_start(it, from, b);
		emit_line(c, ps, from, b, final && k + 1 == n);
		from = b + 1;
	}
	/* the next window's first line may not end on a hyphen too */
	pa->after_hyphen = keep > 0 && it[brk[keep - 1]].type == MG_LB_PENALTY &&
			   it[brk[keep - 1]].flagged;
	free(brk);
	return next;
}

/* The narrowest measure that sets a heading in as few lines as the full
 * one: its lines come out even instead of a long one and a stub. */
static double balanced_width(struct lay *c, const struct pstyle *ps)
{
	size_t ntoks = c->para.toks.len;
	struct pstyle t = *ps;
	size_t *brk = NULL, n, m;
	double lo = ps->width / 2, hi = ps->width;

	n = break_lines(c, ps, 0, ntoks, &brk);
	free(brk);
	if (n < 2 || ntoks > 200)
		return ps->width;
	for (size_t i = 0; i < ntoks; i++)
		lo = fmax(lo, tokat(&c->para, i)->w);
	for (int k = 0; k < 8 && lo < hi; k++) {
		t.width = (lo + hi) / 2;
		m = break_lines(c, &t, 0, ntoks, &brk);
		free(brk);
		if (m <= n)
			hi = t.width;
		else
			lo = t.width;
	}
	return hi;
}

/* Lays the paragraph's tokens out as lines appended to its plines. */
void mg_lay_set_tokens(struct lay *c, const struct pstyle *ps)
{
	size_t t0 = 0;
	struct pstyle b;
	c->para.after_hyphen = 0;
	if (ps->balance && ps->align != AL_JUSTIFY && c->para.toks.len) {
		b = *ps;
		b.frame_w = ps->width;
		b.width = balanced_width(c, ps);
		ps = &b;
	}
	while (t0 < c->para.toks.len)
		t0 = set_window(c, ps, t0);
	release_scratch(&c->para);
}
