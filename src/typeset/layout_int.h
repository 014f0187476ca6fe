/* layout_int.h — what the parts of the layout share: the items of the
 * vertical list, a paragraph's tokens and lines, the structs a run is made
 * of, and the functions one part calls in another. Private to typeset/. */
#ifndef MG_LAYOUT_INT_H
#define MG_LAYOUT_INT_H

#include "typeset/layout.h"
#include "core/vec.h"

#include "typeset/hyphenate.h"
#include "typeset/linebreak.h"

#define MAX_BARS 4		/* block quote rules drawn side by side */
#define MAX_INDENTS 6		/* deeper lists and quotes stop moving right */
#define PASS1_TOLERANCE 1.0	/* without hyphenation (TeX's pretolerance) */
#define PASS2_TOLERANCE 2.0	/* with hyphenation */
#define HYPHEN_PENALTY 50	/* justified; and a break after a word's own
				   hyphen, in either setting */
#define RAGGED_HYPHEN_PENALTY 100	/* ragged right: hyphenate only to
					   save a line a third short */
#define EMERGENCY_PENALTY 500
#define FILL 1e6		/* stretch of the glue that ends a paragraph */
#define EPS 1e-6
/* Space between blocks, times the leading. WCAG 1.4.8 asks for paragraph
 * spacing at least 1.5 times the line spacing: the space added between two
 * paragraphs is 1.5 leadings, so a paragraph's last baseline and the next
 * one's first are 2.5 leadings apart. Items of a list are closer. */
#define PARA_SPACE 1.5
#define ITEM_SPACE 0.5		/* between the items of a tight list */
#define LOOSE_ITEM_SPACE 1.0	/* between the items of a loose list */
#define WINDOW_TOKENS 6000	/* longer paragraphs are broken window by window */

enum { VI_LINE, VI_SPACE, VI_BREAK };
enum { FLOW_TITLE, FLOW_TOC, FLOW_BODY, FLOW_COUNT };
enum { AL_JUSTIFY, AL_LEFT, AL_CENTER, AL_RIGHT };
enum { T_TEXT, T_BREAK };

/* An item of a vertical list: a line, a table row, a figure, a space. */
struct vitem {
	int kind;
	double h;
	size_t b0, nb;		/* its boxes (y relative to the item's top) */
	size_t c0, nc;		/* its footnote calls */
	int keep;		/* no page break right after this item */
	long header;		/* table rows: the header row to repeat, or -1 */
	int part;		/* for the running head */
	int nbars;
	double bar_x[MAX_BARS];
	int page;		/* placement: global page, top of the item */
	double top;
};

struct call {
	size_t vi;
	int note;
};

struct note {
	long f0, f1;		/* its lines: vitems (in no flow) */
	int called;
};

struct lsrc {			/* a link in the text, before it has rectangles */
	const char *uri;
	const char *target;	/* dest id when internal */
	const char *contents;
	int elem;
	int decorate;
};

struct pdest {
	int dest;
	size_t vi;
	double off;
};

struct pfig {
	int elem;
	size_t vi;
	double x0, y0, x1, y1;	/* relative to the item's top */
};

struct style {
	mg_face face;
	double size, rise;
	int elem;
	int link;		/* index in the refs' lsrcs, or -1 */
	int strike;
};

struct tok {
	int kind;
	const char *s;
	size_t len;
	struct style st;
	double w;
	int note;		/* first call of a footnote: its global id; else -1 */
	int broken;		/* a line break falls inside this word */
	int space;		/* a space follows it */
};

struct aux {			/* what a line-break item stands for */
	int tok;
	size_t off, len;
};

struct pline {			/* a line of a paragraph, before it is a vitem */
	size_t b0, nb, l0, nl, c0, nc;
	double h, base, w;
};

struct pstyle {
	mg_face face;
	double size, lead;
	int align;
	double x, width;
	int elem;
	int balance;		/* headings: lines of even length */
	double frame_w;		/* set by balancing: the width to align in */
	int whole;		/* words never broken at a hyphen (headings,
				   the contents' entries) */
};

struct frame {			/* a container block being laid out */
	double left, width;
	int elem;
	int nbars;
	double bar_x[MAX_BARS];
	int indents;
	int counter;		/* LIST: the next number */
	int ordered, tight, depth;
	double indent;		/* LIST: the items' hanging indent */
	int first;		/* no block laid out in it yet */
};

struct wcache {
	mg_face face;
	double size, space, hyphen;
};

struct tocent {
	const char *title;
	const char *target;
	int level;
	int toci, link;
};

struct pg {			/* a page being made */
	int flow;
	size_t i0, i1;		/* the flow's items on it */
	size_t f0, nf;		/* its footnote lines, from the pager's fl[f0] */
};

struct pager {			/* pages made of a flow, or of all three */
	mg_vec pages;		/* struct pg */
	mg_vec fl;		/* footnote lines placed, page by page */
};

struct dkey {
	const char *id;
	int index;
};

/* Text measure: the metrics, the space and hyphen widths of the faces and
 * sizes last asked, and the glyphs already checked. */
struct fonts {
	const mg_metrics *m;
	struct wcache wc[8];
	int nwc;
	unsigned checked[256];	/* code point * 8 + face + 1, direct-mapped */
	unsigned warned[64];
	int nwarned;
};

/* A paragraph's scratch, reused from one paragraph to the next: its tokens,
 * the line breaker's items, and its lines set but not yet committed. */
struct para {
	mg_vec toks;		/* struct tok */
	mg_vec items;		/* mg_lb_item */
	mg_vec aux;		/* struct aux, one per item */
	mg_vec plines;		/* struct pline */
	int after_hyphen;	/* the last line set ended on a hyphen */
};

/* The vertical lists being built: every box and item, the lists that take
 * the items in order (a flow, or the footnotes'), the containers open, and
 * what the next item owes to the last (space, a keep, a list marker). */
struct galley {
	mg_vec boxes;		/* mg_box; an item owns a range of them */
	mg_vec vitems;		/* struct vitem */
	mg_vec flow[FLOW_COUNT];	/* indices into vitems, in reading order */
	mg_vec foot;		/* footnote vitems, listed for no flow */
	mg_vec *list;		/* where committed vitems are listed */
	mg_vec stack;		/* struct frame: the containers open */
	double pending_space;
	int space_fixed;
	int keep_next;		/* a heading was set: keep its next line too */
	long marker;		/* first pending list marker box, or -1 */
	int part;		/* the part being set, or -1 */
};

/* What points somewhere and what is pointed at: the links as the text names
 * them, their rectangles line by line, the named destinations, the figures'
 * boxes and the outline. All get their pages once the pages are made. */
struct refs {
	mg_vec lsrcs;		/* struct lsrc */
	mg_vec links;		/* mg_link; y relative to its item's top */
	mg_vec link_vi;		/* per link: its vitem */
	mg_vec link_tgt;	/* per link: its dest id when internal */
	mg_vec link_src;	/* per link: its lsrc */
	mg_vec dests;		/* mg_dest */
	mg_vec pdests;		/* struct pdest: where a dest was set */
	mg_vec dest_pd;		/* per dest: its index in pdests */
	mg_vec pfigs;		/* struct pfig */
	mg_vec outline;		/* mg_outline */
	struct dkey *dindex;	/* dests sorted by id */
	size_t ndindex, dindexed;
};

/* Footnotes: one table for the whole guide (part p's from base[p]), the
 * calls the lines make, and the notes first called in the paragraph being
 * set, which go to the foot galley after it. */
struct notes {
	struct note *tab;
	int *base;
	mg_vec calls;		/* struct call */
	mg_vec pending;		/* int: ids of notes called, not yet set */
	int in_note;		/* a note is being set: its calls start none */
};

/* The text block on the page, fixed for the run. */
struct geom {
	double left, measure;
	double page_top, page_bottom;
};

/* A layout run: the read-only inputs, the hyphenator, the current type
 * size, and the parts' state. */
struct lay {
	const mg_guide *g;
	const mg_style *s;
	mg_diag *d;
	mg_layout *L;
	mg_arena *A;		/* the layout's: what it keeps is allocated here */
	mg_hyphenlib *hylib;	/* the caller's, or own_hylib */
	mg_hyphenlib *own_hylib;
	const mg_hyphen *hy;	/* loaded when a paragraph first needs it */
	int hy_tried;
	struct geom geo;
	double fs, lead;	/* current base size and leading (smaller in notes) */
	int heads;		/* count of headings without ids */
	mg_vec elems;		/* mg_elem: the structure tree */
	mg_vec tocents;		/* struct tocent */
	int qr;			/* the e-book's QR code in L->qrs, or -1 */
	struct fonts fonts;
	struct para para;
	struct galley gal;
	struct refs refs;
	struct notes notes;
};

static inline struct vitem *vit(const struct galley *gal, size_t i)
{
	return (struct vitem *)gal->vitems.items + i;
}

static inline mg_box *boxat(const struct galley *gal, size_t i)
{
	return (mg_box *)gal->boxes.items + i;
}

/* The innermost container open. */
static inline struct frame *top_frame(const struct galley *gal)
{
	return (struct frame *)gal->stack.items + gal->stack.len - 1;
}

static inline struct tok *tokat(const struct para *pa, size_t i)
{
	return (struct tok *)pa->toks.items + i;
}

static inline mg_elem *elemat(const mg_vec *elems, int i)
{
	return (mg_elem *)elems->items + i;
}

/* The file of the part being set, for warnings (NULL outside the parts). */
static inline const char *part_path(const struct lay *c)
{
	int p = c->gal.part;
	return p >= 0 && (size_t)p < c->g->nparts ? c->g->parts[p].path : NULL;
}

/* The functions the files share. layout.c runs the layout: contents.c sets
 * the parts with blocks.c, tables.c and notes.c, whose paragraphs go through
 * tokens.c, paragraph.c and galley.c; paginate.c and pages.c make the pages;
 * measure.c and refs.c serve them all. */

/* layout.c: the structure tree */
int mg_lay_new_elem(mg_vec *elems, mg_role role, int parent);

/* measure.c: widths and glyphs */
double mg_lay_text_w(const struct fonts *fn, mg_face f, const char *s,
		     size_t len, double size);
const struct wcache *mg_lay_widths(struct fonts *fn, mg_face f, double size);
double mg_lay_asc(const struct fonts *fn, mg_face f);
double mg_lay_desc(const struct fonts *fn, mg_face f);
double mg_lay_base_of(const struct fonts *fn, mg_face f, double size,
		      double lead);
unsigned mg_lay_utf8_next(const char *s, size_t len, size_t *i);
void mg_lay_check_glyphs(struct fonts *fn, mg_diag *d, const char *path,
			 mg_face f, const char *s, size_t len);

/* tokens.c: inline content as tokens in c->para */
void mg_lay_tokens_of(struct lay *c, const mg_node *parent,
		      const struct pstyle *ps, int dry);
void mg_lay_tokens_of_string(struct lay *c, const char *s,
			     const struct style *st);
void mg_lay_add_word(struct para *pa, const struct fonts *fn, const char *s,
		     size_t len, const struct style *st);
const char *mg_lay_note_id(const mg_guide *g, mg_arena *A, int part, int k);
const char *mg_lay_part_id(const mg_guide *g, mg_arena *A, size_t p);

/* paragraph.c: the tokens in c->para set as lines in its plines */
void mg_lay_para_init(struct para *pa);
void mg_lay_para_release(struct para *pa);
void mg_lay_set_tokens(struct lay *c, const struct pstyle *ps);

/* galley.c: the vertical lists */
void mg_lay_galley_init(struct galley *gal);
void mg_lay_galley_release(struct galley *gal);
mg_box *mg_lay_push_box(mg_vec *boxes);
mg_box *mg_lay_new_box(struct galley *gal);
void mg_lay_rule_box(mg_vec *boxes, double x, double y, double w, double h,
		     double gray);
void mg_lay_want_space(struct galley *gal, double h);
void mg_lay_fix_space(struct galley *gal, double h);
void mg_lay_page_break(struct galley *gal);
size_t mg_lay_commit(struct galley *gal, int kind, double h, double base,
		     size_t b0, size_t nb, int keep);
size_t mg_lay_commit_plines(struct lay *c, size_t p0, int keep_all);
size_t mg_lay_paragraph(struct lay *c, const mg_node *n, const char *s,
			const struct pstyle *ps, int keep_all);
struct pstyle mg_lay_body_style(const struct lay *c, int elem);

/* refs.c: links, destinations, figures */
void mg_lay_refs_init(struct refs *r);
void mg_lay_refs_release(struct refs *r);
int mg_lay_new_dest(struct refs *r, const char *id);
void mg_lay_dest_at(struct refs *r, int dest, size_t vi, double off);
/* Figure elem's bounding box: x, y, w, h relative to item vi's top, as
 * its picture's box was set there (for the Figure's /BBox). */
void mg_lay_figure_at(struct refs *r, int elem, size_t vi, double x,
		      double y, double w, double h);
int mg_lay_find_dest(struct refs *r, const char *id);
int mg_lay_dest_page(const struct refs *r, const struct galley *gal, int d);
void mg_lay_resolve(struct refs *r, const struct galley *gal, mg_vec *elems,
		    mg_diag *d);

/* blocks.c: block content in frames */
void mg_lay_blocks(struct lay *c, const mg_node *root);
void mg_lay_base_frame(struct galley *gal, const struct geom *geo, int elem);
void mg_lay_push_frame(struct galley *gal, const struct geom *geo,
		       double indent, int elem);
void mg_lay_label_box(struct lay *c, const char *label, double gap,
		      int elem);
void mg_lay_marker_line(struct lay *c);

/* tables.c: tables */
void mg_lay_table(struct lay *c, const mg_node *n);

/* notes.c: footnotes */
void mg_lay_notes_init(struct notes *nt, const mg_guide *g);
void mg_lay_notes_release(struct notes *nt);
void mg_lay_set_notes(struct lay *c, int parent_elem);

/* contents.c: parts, title page, contents */
void mg_lay_part(struct lay *c, size_t p);
void mg_lay_title_page(struct lay *c);
void mg_lay_toc_prepare(struct lay *c, int *sect, int *h1, int *toc);
size_t mg_lay_contents(struct lay *c, int sect, int h1, size_t ntitle,
		       struct pager *toc);

/* qr.c: the e-book's QR code */
void mg_lay_qr_encode(struct lay *c, const char *url);
double mg_lay_qr_side(const struct lay *c);
double mg_lay_qr_least_side(const struct lay *c);
void mg_lay_qr_block(struct lay *c, int sect, int align, mg_face face,
		     double side, double space_before);

/* paginate.c: flows into pages */
void mg_lay_pager_init(struct pager *pr);
void mg_lay_pager_release(struct pager *pr);
size_t mg_lay_paginate(const struct lay *c, int flow, struct pager *pr);
void mg_lay_place(struct galley *gal, const struct geom *geo,
		  const struct pager *pr, size_t first_page);
void mg_lay_join_pages(struct pager *all, struct pager *const src[3]);

/* pages.c: the layout's pages */
void mg_lay_assemble(struct lay *c, const struct pager *pr, size_t body0);

#endif
