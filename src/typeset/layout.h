/* layout.h — lines and pages: sets the Guide model into positioned boxes on
 * pages (title page, contents, body, FAQ, disclaimer). Knows fonts only
 * through mg_metrics; never calls libharu. pdf.c paints the result.
 *
 * The result, mg_layout, is a display list plus everything the PDF needs
 * beside the ink: link areas, named destinations, the outline, page labels,
 * and the logical structure (for tagged PDF), each box saying which structure
 * element it belongs to or that it is an artifact (running head, page number,
 * rule, dot leader). Coordinates are PDF user space: points, origin at the
 * bottom-left of the page, y upwards. */
#ifndef MG_LAYOUT_H
#define MG_LAYOUT_H

#include <stddef.h>

#include "core/arena.h"
#include "core/diag.h"
#include "model/guide.h"
#include "typeset/hyphenate.h"
#include "read/style.h"

typedef enum mg_face {
	MG_FACE_REGULAR,	/* body text */
	MG_FACE_ITALIC,
	MG_FACE_BOLD,
	MG_FACE_BOLD_ITALIC,
	MG_FACE_HEADING,	/* headings, running head */
	MG_FACE_MONO,		/* code */
	MG_FACE_COUNT
} mg_face;

/* Font metrics, answered by the PDF writer from the fonts it embeds.
 * All functions must be safe to call from the thread that runs the layout. */
typedef struct mg_metrics {
	void *ctx;
	/* Advance width in points of UTF-8 text s[0..len) in face at size pt. */
	double (*text_width)(void *ctx, mg_face face, const char *s, size_t len,
			     double size);
	/* 1 if face has a glyph for Unicode code point cp. */
	int (*has_glyph)(void *ctx, mg_face face, unsigned cp);
	/* Per point of size: ascent above and descent below the baseline (> 0). */
	double ascent[MG_FACE_COUNT];
	double descent[MG_FACE_COUNT];
} mg_metrics;

/* Logical structure, in the vocabulary of tagged PDF (ISO 32000 §14.8.4). */
typedef enum mg_role {
	MG_ROLE_DOCUMENT,
	MG_ROLE_SECT,		/* a chapter, the FAQ, the disclaimer, the title page */
	MG_ROLE_H1, MG_ROLE_H2, MG_ROLE_H3, MG_ROLE_H4,
	MG_ROLE_P,
	MG_ROLE_L, MG_ROLE_LI, MG_ROLE_LBL, MG_ROLE_LBODY,
	MG_ROLE_BLOCKQUOTE,
	MG_ROLE_TABLE, MG_ROLE_TR, MG_ROLE_TH, MG_ROLE_TD,
	MG_ROLE_FIGURE,
	MG_ROLE_NOTE,		/* a footnote's text */
	MG_ROLE_REFERENCE,	/* a footnote call in the text */
	MG_ROLE_LINK,
	MG_ROLE_TOC, MG_ROLE_TOCI,
	MG_ROLE_CODE,
	MG_ROLE_SPAN,
	MG_ROLE_COUNT
} mg_role;

/* "Document", "Sect", "H1", ... */
const char *mg_role_name(mg_role role);

typedef struct mg_elem {
	mg_role role;
	int parent;		/* index in layout->elems; -1 for the Document */
	const char *alt;	/* FIGURE: alt text; else NULL */
	const char *actual;	/* ActualText for the whole element, or NULL */
	int scope_row;		/* TH: 1 = /Scope /Row, 0 = /Scope /Column */
	double bbox[4];		/* FIGURE: x0 y0 x1 y1 on its page */
	int page;		/* FIGURE: page of bbox */
} mg_elem;

typedef enum mg_box_kind {
	MG_BOX_TEXT,		/* a run of text on one baseline */
	MG_BOX_RULE,		/* a filled rectangle (rules, table borders, underlines) */
	MG_BOX_IMAGE,		/* an image from guide->images */
	MG_BOX_QR		/* a QR code from layout->qrs, quiet zone included */
} mg_box_kind;

typedef struct mg_box {
	mg_box_kind kind;
	double x, y;		/* TEXT: start of the baseline; RULE, IMAGE, QR:
				   lower-left */
	double w, h;		/* TEXT: advance width; RULE, IMAGE, QR: size */
	mg_face face;		/* TEXT */
	double size;		/* TEXT: font size in points */
	const char *text;	/* TEXT: UTF-8; may end in a space that separates it
				   from the next word (drawn, invisible), so that
				   extracted text has its spaces */
	size_t len;
	const char *actual;	/* TEXT: ActualText when the glyphs differ from
				   the words (a hyphenated piece); else NULL */
	int image;		/* IMAGE: index into guide->images */
	int qr;			/* QR: index into layout->qrs */
	double gray;		/* fill: 0 black .. 1 white */
	int elem;		/* structure element it belongs to; -1 = artifact */
	int link;		/* index into layout->links, or -1 */
} mg_box;

/* A QR code's modules: size x size, row by row from the top, 1 = dark.
 * Its box is (size + 2 * MG_QR_QUIET) modules a side: the quiet zone, which
 * scanners need clear, is inside the box and never painted. */
#define MG_QR_QUIET 4
typedef struct mg_qr {
	int size;
	const unsigned char *dark;
	const char *text;	/* what it encodes (UTF-8) */
} mg_qr;

typedef struct mg_page {
	mg_box *boxes;
	size_t nboxes;
} mg_page;

typedef struct mg_dest {
	const char *id;		/* a heading id, a footnote id, a part's id */
	int page;
	double y;		/* top of the target */
} mg_dest;

typedef struct mg_link {
	int page;
	double x0, y0, x1, y1;	/* the clickable rectangle */
	const char *uri;	/* external target, or NULL */
	int dest;		/* internal target: index into dests; -1 if uri */
	int elem;		/* its MG_ROLE_LINK element */
	const char *contents;	/* the link's text, for /Contents */
} mg_link;

typedef struct mg_outline {
	const char *title;
	int level;		/* 1 = part, 2.. = sections */
	int dest;		/* index into dests */
} mg_outline;

typedef enum mg_numbering {
	MG_NUM_NONE,		/* pages without a printed number (title page) */
	MG_NUM_ROMAN,		/* i, ii, ... */
	MG_NUM_ARABIC		/* 1, 2, ... */
} mg_numbering;

typedef struct mg_label_range {
	int first_page;		/* 0-based page index where the range starts */
	mg_numbering style;
	int start;		/* number of that first page */
} mg_label_range;

typedef struct mg_layout {
	mg_arena *arena;	/* owns everything below */
	double page_width, page_height;
	mg_page *pages;
	size_t npages;
	mg_elem *elems;		/* elems[0] is the Document; parents come before children,
				   siblings in reading order */
	size_t nelems;
	mg_link *links;
	size_t nlinks;
	mg_dest *dests;
	size_t ndests;
	mg_outline *outline;	/* in document order */
	size_t noutline;
	mg_label_range *labels;
	size_t nlabels;
	mg_qr *qrs;		/* the QR codes the boxes draw */
	size_t nqrs;
} mg_layout;

/* What a layout adds to the guide at its caller's request. All zero: the
 * guide alone. */
typedef struct mg_layout_opts {
	const char *qr_url;	/* the guide's e-book: a QR code leading there,
				   with the link under it, on the title page and
				   the last page; NULL for none. Borrowed: the
				   layout keeps its own copy. */
} mg_layout_opts;

/* Sets guide g in style s, hyphenating with dictionaries from hy (NULL: a
 * library of this layout's own), with what o asks for (NULL: nothing).
 * Reports problems (a glyph no font has, an image too large for the page)
 * to d as warnings, and a QR code that cannot be made as an error. Never
 * fails on content: returns NULL only if metrics are unusable. Caller frees
 * with mg_layout_free. */
mg_layout *mg_layout_run(const mg_guide *g, const mg_style *s,
			 const mg_metrics *m, mg_hyphenlib *hy,
			 const mg_layout_opts *o, mg_diag *d);
void mg_layout_free(mg_layout *l);

#endif
