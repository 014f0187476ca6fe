/* blocks.c — the block content of a part or a note: headings, paragraphs,
 * code, rules and figures in the innermost container, and the containers
 * themselves (lists, items, quotes) as frames that indent what they hold. */
#include "typeset/layout_int.h"

#include <math.h>
#include <string.h>

/* ---- blocks ----------------------------------------------------------- */

static void heading(struct lay *c, const mg_node *n)
{
	static const double scale[] = { 1.9, 1.9, 1.45, 1.2, 1.05 };
	/* more space above a heading than between paragraphs, little under
	 * it: a heading belongs to the text it heads */
	static const double before[] = { 0, 0, 2.4, 2.1, 1.9 };
	int level = n->level < 2 ? 2 : n->level > 4 ? 4 : n->level;
	int elem = mg_lay_new_elem(&c->elems, (mg_role)(MG_ROLE_H1 + level - 1),
				   top_frame(&c->gal)->elem);
	struct pstyle ps = mg_lay_body_style(c, elem);
	const char *id = n->id;
	size_t vi;
	int dest;
	mg_outline *o;

	if (!id)
		id = mg_arena_printf(c->A, "h-%d", ++c->heads);
	ps.face = MG_FACE_HEADING;
	ps.size = c->fs * scale[level];
	ps.lead = ps.size * 1.25;
	ps.align = AL_LEFT;
	ps.balance = 1;
	ps.whole = 1;
	mg_lay_want_space(&c->gal, c->lead * before[level]);
	vi = mg_lay_paragraph(c, n, NULL, &ps, 1);
	dest = mg_lay_new_dest(&c->refs, id);
	mg_lay_dest_at(&c->refs, dest, vi, 0);
	o = mg_vec_push(&c->refs.outline);
	o->title = mg_node_plain_text_in(c->A, n);
	o->level = level;
	o->dest = dest;
	mg_lay_fix_space(&c->gal, c->lead * 0.4);
	c->gal.keep_next = 1;	/* the heading and the next two lines */
}

/* How much of s[a..e) fits in avail: up to a space in its second half when
 * the line must wrap, else up to any character. Sets *w to its width. */
static size_t code_fit(const struct fonts *fn, const char *s, size_t a,
		       size_t e, double avail, double size, double *w)
{
	size_t b = a, sp = 0;
	double wsp = 0;
	*w = 0;
	while (b < e) {
		size_t nb = b;
		mg_lay_utf8_next(s, e, &nb);
		double cw = mg_lay_text_w(fn, MG_FACE_MONO, s + b, nb - b, size);
		if (*w + cw > avail && b > a)
			break;
		*w += cw;
		if (s[b] == ' ') {
			sp = nb;
			wsp = *w;
		}
		b = nb;
	}
	if (b < e && sp > a + (b - a) / 2) {
		b = sp;
		*w = wsp;
	}
	return b;
}

/* One line of code on its grey band (tabs shown as spaces). */
static void code_line(struct lay *c, int elem, const char *t, size_t tl,
		      double w, double size, double lead, int keep)
{
	struct galley *gal = &c->gal;
	struct frame *f = top_frame(gal);
	double base = mg_lay_base_of(&c->fonts, MG_FACE_MONO, size, lead);
	size_t b0 = gal->boxes.len;
	mg_lay_rule_box(&gal->boxes, f->left, -lead, f->width, lead, 0.94);
	if (tl) {
		if (memchr(t, '\t', tl)) {
			char *cp = mg_arena_strndup(c->A, t, tl);
			for (char *q = cp; *q; q++)
				if (*q == '\t')
					*q = ' ';
			t = cp;
		}
		mg_box *bx = mg_lay_new_box(gal);
		bx->kind = MG_BOX_TEXT;
		bx->x = f->left + size * 0.6;
		bx->y = -base;
		bx->w = w;
		bx->face = MG_FACE_MONO;
		bx->size = size;
		bx->text = t;
		bx->len = tl;
		bx->elem = elem;
	}
	mg_lay_commit(gal, VI_LINE, lead, base, b0, gal->boxes.len - b0, keep);
}

/* A code block: its lines as written, wrapped when too long, kept like a
 * paragraph's (no single line alone at either end of a page). */
static void code_block(struct lay *c, const mg_node *n)
{
	struct frame *f = top_frame(&c->gal);
	int elem = mg_lay_new_elem(&c->elems, MG_ROLE_CODE, f->elem);
	double size = c->fs * 0.88, lead = c->lead * 0.88;
	double avail = f->width - 2 * size * 0.6, w;
	const char *s = n->text ? n->text : "";
	size_t len = n->text ? n->len : 0, i = 0, nlines = 0, total = 1;

	if (len && s[len - 1] == '\n')
		len--;
	for (size_t k = 0; k < len; k++)
		total += s[k] == '\n';
	mg_lay_check_glyphs(&c->fonts, c->d, part_path(c), MG_FACE_MONO, s, len);
	while (i <= len) {
		size_t e = i, a;
		while (e < len && s[e] != '\n')
			e++;
		a = i;
		do {
			size_t b = code_fit(&c->fonts, s, a, e, avail, size, &w);
			nlines++;
			code_line(c, elem, s + a, b - a, w, size, lead,
				  (nlines == 1 || nlines + 1 == total) &&
				  nlines < total);
			a = b;
		} while (a < e);
		i = e + 1;
	}
}

static void thematic_break(struct galley *gal, double lead)
{
	struct frame *f = top_frame(gal);
	size_t b0 = gal->boxes.len;
	double w = f->width / 3;
	mg_lay_rule_box(&gal->boxes, f->left + (f->width - w) / 2, -lead / 2,
			w, 0.6, 0.4);
	mg_lay_commit(gal, VI_LINE, lead, 0, b0, 1, 0);
}

/* An image, centred in the container, as large as 3/4 pt per pixel allows
 * in its width and 70% of the page's height; its caption under it. */
static void figure(struct lay *c, const mg_node *n)
{
	struct frame *f = top_frame(&c->gal);
	const mg_image *im;
	double w, h, maxh = (c->geo.page_top - c->geo.page_bottom) * 0.7;
	size_t b0, vi;
	int elem;

	if (n->image < 0 || (size_t)n->image >= c->g->nimages)
		return;
	im = &c->g->images[n->image];
	if (im->width <= 0 || im->height <= 0)
		return;
	elem = mg_lay_new_elem(&c->elems, MG_ROLE_FIGURE, f->elem);
	elemat(&c->elems, elem)->alt = n->alt ? n->alt : "";
	w = fmin(f->width, im->width * 0.75);
	h = w * im->height / im->width;
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	mg_lay_want_space(&c->gal, c->lead * PARA_SPACE);
	b0 = c->gal.boxes.len;
	mg_box *b = mg_lay_new_box(&c->gal);
	b->kind = MG_BOX_IMAGE;
	b->x = f->left + (f->width - w) / 2;
	b->y = -h - c->lead * 0.25;
	b->w = w;
	b->h = h;
	b->image = n->image;
	b->elem = elem;
	vi = mg_lay_commit(&c->gal, VI_LINE, h + c->lead * 0.5, 0, b0, 1,
			   n->title != NULL);
	mg_lay_figure_at(&c->refs, elem, vi, f->left + (f->width - w) / 2,
			 -h - c->lead * 0.25, w, h);
	if (n->title) {
		/* after the Figure */
		int cap = mg_lay_new_elem(&c->elems, MG_ROLE_P, f->elem);
		struct pstyle ps = mg_lay_body_style(c, cap);
		ps.face = MG_FACE_ITALIC;
		ps.size = c->fs * 0.9;
		ps.lead = c->lead * 0.9;
		ps.align = AL_CENTER;
		mg_lay_paragraph(c, NULL, n->title, &ps, 1);
	}
	mg_lay_want_space(&c->gal, c->lead * PARA_SPACE);
}

/* ---- containers -------------------------------------------------------- */

/* A frame inside the innermost, indent further in while there is room. */
void mg_lay_push_frame(struct galley *gal, const struct geom *geo,
		       double indent, int elem)
{
	struct frame nf = *top_frame(gal);
	if (nf.indents < MAX_INDENTS && nf.width - indent > geo->measure * 0.4) {
		nf.left += indent;
		nf.width -= indent;
		nf.indents++;
	}
	nf.elem = elem;
	*(struct frame *)mg_vec_push(&gal->stack) = nf;
}

/* The outermost frame, the whole text block: the only one open. */
void mg_lay_base_frame(struct galley *gal, const struct geom *geo, int elem)
{
	struct frame f;
	memset(&f, 0, sizeof f);
	f.left = geo->left;
	f.width = geo->measure;
	f.elem = elem;
	f.first = 1;
	gal->stack.len = 0;
	*(struct frame *)mg_vec_push(&gal->stack) = f;
}

/* A hanging label ("label "): a list item's marker or a note's number,
 * right-aligned gap before the current frame's left edge but never left
 * of the text block, in element elem; pending until a line takes it. */
void mg_lay_label_box(struct lay *c, const char *label, double gap, int elem)
{
	struct galley *gal = &c->gal;
	double w = mg_lay_text_w(&c->fonts, MG_FACE_REGULAR, label,
				 strlen(label), c->fs);
	mg_box *b = mg_lay_new_box(gal);

	b->kind = MG_BOX_TEXT;
	b->x = top_frame(gal)->left - gap - w;
	if (b->x < c->geo.left)
		b->x = c->geo.left;
	b->w = w;
	b->face = MG_FACE_REGULAR;
	b->size = c->fs;
	b->text = mg_arena_printf(c->A, "%s ", label);
	b->len = strlen(label) + 1;
	b->elem = elem;
}

/* A list marker that nothing followed: alone on a line. */
void mg_lay_marker_line(struct lay *c)
{
	mg_lay_commit(&c->gal, VI_LINE, c->lead,
		      mg_lay_base_of(&c->fonts, MG_FACE_REGULAR, c->fs, c->lead),
		      c->gal.boxes.len, 0, 0);
}

static const char *bullet(const struct fonts *fn, int depth)
{
	static const char *const b[] = { "\xE2\x80\xA2", "\xE2\x80\x93",
					 "\xE2\x97\xA6" };
	static const unsigned cp[] = { 0x2022, 0x2013, 0x25E6 };
	const mg_metrics *m = fn->m;
	int k = depth % 3;
	if (!m->has_glyph || m->has_glyph(m->ctx, MG_FACE_REGULAR, cp[k]))
		return b[k];
	if (m->has_glyph(m->ctx, MG_FACE_REGULAR, cp[1]))
		return b[1];
	return "-";
}

/* A list item: a frame for its body, and its marker (number or bullet)
 * hanging left of it, pending until the item's first line takes it. */
static void list_item(struct lay *c)
{
	struct galley *gal = &c->gal;
	struct frame *lf = top_frame(gal);
	int li = mg_lay_new_elem(&c->elems, MG_ROLE_LI, lf->elem);
	int lbl = mg_lay_new_elem(&c->elems, MG_ROLE_LBL, li);
	const char *mark;
	double indent = c->fs * 1.6;

	if (lf->ordered) {
		mark = mg_arena_printf(c->A, "%d.", lf->counter++);
		indent = fmax(indent, lf->indent);
	} else {
		mark = bullet(&c->fonts, lf->depth - 1);
	}
	int tight = lf->tight;
	if (!lf->first)
		mg_lay_want_space(gal, c->lead * (lf->tight ? ITEM_SPACE :
							      LOOSE_ITEM_SPACE));
	lf->first = 0;
	mg_lay_push_frame(gal, &c->geo, indent,
			  mg_lay_new_elem(&c->elems, MG_ROLE_LBODY, li));
	mg_lay_label_box(c, mark, c->fs * 0.45, lbl);
	if (gal->marker < 0)
		gal->marker = (long)gal->boxes.len - 1;
	top_frame(gal)->first = 1;
	top_frame(gal)->tight = tight;
}

/* A block quote: indented, with a rule on its left (deeper quotes share
 * the last of MAX_BARS rules). */
static void quote_enter(struct lay *c)
{
	struct frame *f = top_frame(&c->gal);
	int q = mg_lay_new_elem(&c->elems, MG_ROLE_BLOCKQUOTE, f->elem);
	double x = f->left + c->fs * 0.3;
	mg_lay_push_frame(&c->gal, &c->geo, c->fs * 1.4, q);
	f = top_frame(&c->gal);
	if (f->nbars < MAX_BARS)
		f->bar_x[f->nbars++] = x;
	f->first = 1;
}

/* A list: its items' indent leaves room for the widest number. */
static void list_enter(struct lay *c, const mg_node *n)
{
	struct frame nf = *top_frame(&c->gal);
	nf.elem = mg_lay_new_elem(&c->elems, MG_ROLE_L, nf.elem);
	nf.ordered = n->ordered;
	nf.counter = n->ordered ? n->start : 0;
	nf.tight = n->tight;
	nf.depth++;
	nf.first = 1;
	nf.indent = 0;
	if (n->ordered) {
		long last = n->start;
		for (const mg_node *k = n->first_child; k; k = k->next)
			last++;
		char *a = mg_arena_printf(c->A, "%d.", n->start);
		char *b = mg_arena_printf(c->A, "%ld.", last - 1);
		nf.indent = fmax(mg_lay_text_w(&c->fonts, MG_FACE_REGULAR, a,
					       strlen(a), c->fs),
				 mg_lay_text_w(&c->fonts, MG_FACE_REGULAR, b,
					       strlen(b), c->fs)) +
			    c->fs * 0.5;
	}
	*(struct frame *)mg_vec_push(&c->gal.stack) = nf;
}

/* Sets block n, or opens it when it is a container; returns 1 when its
 * children are to be walked. */
static int block_enter(struct lay *c, const mg_node *n)
{
	struct frame *f = top_frame(&c->gal);
	int gap = !f->first;
	double sp = c->lead * (f->tight ? ITEM_SPACE : PARA_SPACE);
	f->first = 0;
	switch (n->type) {
	case MG_NODE_PARAGRAPH: {
		if (gap)
			mg_lay_want_space(&c->gal, sp);
		int p = mg_lay_new_elem(&c->elems, MG_ROLE_P, f->elem);
		struct pstyle ps = mg_lay_body_style(c, p);
		mg_lay_paragraph(c, n, NULL, &ps, 0);
		return 0;
	}
	case MG_NODE_HEADING:
		heading(c, n);
		return 0;
	case MG_NODE_CODE_BLOCK:
		mg_lay_want_space(&c->gal, sp);
		code_block(c, n);
		mg_lay_want_space(&c->gal, sp);
		return 0;
	case MG_NODE_THEMATIC_BREAK:
		mg_lay_want_space(&c->gal, sp);
		thematic_break(&c->gal, c->lead);
		mg_lay_want_space(&c->gal, sp);
		return 0;
	case MG_NODE_TABLE:
		mg_lay_table(c, n);
		return 0;
	case MG_NODE_FIGURE:
		figure(c, n);
		return 0;
	case MG_NODE_BLOCKQUOTE:
		if (gap)
			mg_lay_want_space(&c->gal, sp);
		quote_enter(c);
		return 1;
	case MG_NODE_LIST:
		if (gap)
			mg_lay_want_space(&c->gal, sp);
		list_enter(c, n);
		return 1;
	case MG_NODE_ITEM:
		list_item(c);
		return 1;
	default:
		return 0;
	}
}

static void block_leave(struct lay *c, const mg_node *n)
{
	if (n->type == MG_NODE_ITEM && c->gal.marker >= 0)
		mg_lay_marker_line(c);	/* an empty item */
	if (n->type == MG_NODE_ITEM || n->type == MG_NODE_LIST ||
	    n->type == MG_NODE_BLOCKQUOTE) {
		int tight = top_frame(&c->gal)->tight;
		c->gal.stack.len--;
		if (n->type != MG_NODE_ITEM)
			mg_lay_want_space(&c->gal, tight &&
					  n->type == MG_NODE_LIST &&
					  top_frame(&c->gal)->depth > 0 ? 0 :
					  c->lead * PARA_SPACE);
	}
}

static int is_container(const mg_node *n)
{
	return n->type == MG_NODE_ITEM || n->type == MG_NODE_LIST ||
	       n->type == MG_NODE_BLOCKQUOTE;
}

/* The blocks under root, iteratively: nesting depth costs heap, not stack. */
void mg_lay_blocks(struct lay *c, const mg_node *root)
{
	const mg_node *n = root ? root->first_child : NULL;
	while (n) {
		if (block_enter(c, n) && n->first_child) {
			n = n->first_child;
			continue;
		}
		if (is_container(n))
			block_leave(c, n);
		while (!n->next) {
			n = n->parent;
			if (!n || n == root)
				return;
			block_leave(c, n);
		}
		n = n->next;
	}
}
