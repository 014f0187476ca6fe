/* qr.c — the handout's QR code: the e-book's link encoded by libqrencode
 * into the layout's modules, and the block that shows it (a line saying
 * what it is, the code as a figure, the link printed beneath it). */
#include "typeset/layout_int.h"

#include <errno.h>
#include <math.h>
#include <qrencode.h>
#include <string.h>

/* Sizes on paper, in points. A phone reads a code of 2 cm off a handout;
 * at ease it is 6.5 body sizes a side (2.75 cm at 12 pt). A module under
 * 0.5 mm blurs in a photocopy, so a long link makes the code larger. */
#define QR_LEAST_SIDE 56.7	/* 2 cm */
#define QR_LEAST_MODULE 1.42	/* 0.5 mm */
#define QR_SIDE_SIZES 6.5
#define QR_LINK_SIZE 0.85	/* the link's type, times the body's */
#define QR_LINK_LEAST 9.0	/* and never under 9 pt */

void mg_lay_qr_encode(struct lay *c, const char *url)
{
	QRcode *q;
	mg_qr *out;
	unsigned char *dark;
	size_t n;

	c->qr = -1;
	if (!url)
		return;
	/* level M: a smudge or a fold may take 15 % of the code */
	errno = 0;
	q = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q) {
		mg_error(c->d, c->g->dir, 0, 0, "cannot make the QR code of the "
			 "e-book's link '%s' (--base-url): %s", url,
			 errno == ERANGE ? "the link is longer than a QR code holds"
					 : "libqrencode failed");
		return;
	}
	n = (size_t)q->width * (size_t)q->width;
	dark = mg_arena_alloc(c->A, n);
	for (size_t i = 0; i < n; i++)
		dark[i] = q->data[i] & 1;	/* the other bits say what
						   the module is part of */
	out = mg_arena_alloc(c->A, sizeof *out);
	out->size = q->width;
	out->dark = dark;
	out->text = mg_arena_strdup(c->A, url);
	QRcode_free(q);
	c->L->qrs = out;
	c->L->nqrs = 1;
	c->qr = 0;
}

/* The side of the least code that still reads: 2 cm, and modules of at
 * least 0.5 mm. */
double mg_lay_qr_least_side(const struct lay *c)
{
	int modules = c->L->qrs[c->qr].size + 2 * MG_QR_QUIET;
	return fmax(QR_LEAST_SIDE, modules * QR_LEAST_MODULE);
}

double mg_lay_qr_side(const struct lay *c)
{
	return fmax(c->fs * QR_SIDE_SIZES, mg_lay_qr_least_side(c));
}

/* The code, side points a side with its quiet zone, as a figure of Sect
 * sect whose alt text says where it leads. Flush left, its dark modules
 * line up with the text: the quiet zone lies in the margin. */
static void qr_figure(struct lay *c, int sect, int align, double side)
{
	const struct frame *f = top_frame(&c->gal);
	const mg_qr *q = &c->L->qrs[c->qr];
	int elem = mg_lay_new_elem(&c->elems, MG_ROLE_FIGURE, sect);
	double quiet = side * MG_QR_QUIET / (q->size + 2 * MG_QR_QUIET);
	double x = f->left - fmin(quiet, f->left);
	size_t b0 = c->gal.boxes.len, vi;
	mg_box *b;

	if (align == AL_CENTER)
		x = f->left + (f->width - side) / 2;
	elemat(&c->elems, elem)->alt = mg_arena_printf(c->A, "%s, %s",
		mg_term_text(c->g->language, MG_TERM_QR_CODE), q->text);
	b = mg_lay_new_box(&c->gal);
	b->kind = MG_BOX_QR;
	b->x = x;
	b->y = -side;
	b->w = side;
	b->h = side;
	b->qr = c->qr;
	b->elem = elem;
	vi = mg_lay_commit(&c->gal, VI_LINE, side, 0, b0, 1, 1);
	mg_lay_figure_at(&c->refs, elem, vi, x, -side, side, side);
}

/* A paragraph holding the link to url, its text the URL itself. */
static mg_node *link_node(struct lay *c, const char *url)
{
	mg_node *para = mg_arena_alloc(c->A, sizeof(mg_node));
	mg_node *link = mg_arena_alloc(c->A, sizeof(mg_node));
	mg_node *text = mg_arena_alloc(c->A, sizeof(mg_node));

	para->type = MG_NODE_PARAGRAPH;
	link->type = MG_NODE_LINK;
	link->url = url;
	text->type = MG_NODE_TEXT;
	text->text = url;
	text->len = strlen(url);
	mg_node_append(link, text);
	mg_node_append(para, link);
	return para;
}

void mg_lay_qr_block(struct lay *c, int sect, int align, mg_face face,
		     double side, double space_before)
{
	const mg_qr *q = &c->L->qrs[c->qr];
	struct pstyle ps;

	ps = mg_lay_body_style(c, mg_lay_new_elem(&c->elems, MG_ROLE_P, sect));
	ps.face = face;
	ps.lead = c->fs * 1.5;
	ps.align = align;
	ps.balance = align == AL_CENTER;
	ps.whole = 1;
	mg_lay_want_space(&c->gal, space_before);
	mg_lay_paragraph(c, NULL, mg_term_text(c->g->language, MG_TERM_QR_SCAN),
			 &ps, 1);
	mg_lay_fix_space(&c->gal, c->fs * 0.25);
	qr_figure(c, sect, align, side);
	/* the link, for those who type it or click it: broken after its
	 * slashes when it is longer than a line */
	ps.elem = mg_lay_new_elem(&c->elems, MG_ROLE_P, sect);
	ps.face = MG_FACE_REGULAR;
	ps.size = fmax(c->fs * QR_LINK_SIZE, QR_LINK_LEAST);
	ps.lead = ps.size * 1.5;
	ps.balance = 0;
	ps.whole = 0;
	mg_lay_fix_space(&c->gal, 0);
	mg_lay_paragraph(c, link_node(c, q->text), NULL, &ps, 1);
}
