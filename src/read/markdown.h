/* markdown.h — one Markdown file into model nodes, with cmark-gfm (tables,
 * strikethrough, autolinks, footnotes). Checks what one file can check alone:
 * raw HTML, alt text, footnotes, heading levels. source.c does the rest. */
#ifndef MG_MARKDOWN_H
#define MG_MARKDOWN_H

#include <stddef.h>

#include "core/diag.h"
#include "model/guide.h"

/* What a file holds, in the guide's arena. Links and images are left for the
 * caller to resolve: their node->url holds the destination as written
 * (percent-encoded by cmark), node->image is -1. */
typedef struct mg_md {
	mg_node *body;			/* MG_NODE_DOCUMENT */
	mg_footnote *footnotes;		/* numbered in order of first reference */
	size_t nfootnotes;
	mg_node **headings;		/* every HEADING of body, in order */
	size_t nheadings;
	mg_node **links;		/* every LINK, in the body and in footnotes */
	size_t nlinks;
	mg_node **images;		/* every IMAGE and FIGURE */
	size_t nimages;
	int refused;			/* not parsed at all (tables too large) */
} mg_md;

/* Limits that keep cmark-gfm 0.29.0.gfm.6 fast: its table extension slows
 * down with the square of a row's width, and pads every row to the width of
 * the table, so that a few bytes can ask for millions of cells. */
#define MG_MD_MAX_COLUMNS 200
#define MG_MD_MAX_CELLS 500000

/* Errors reported per file; the rest are counted in one note. */
#define MG_MD_MAX_ERRORS 100

/* Parses text[0..len) (UTF-8, no NUL) of file into out. Reports problems to
 * d with file:line:col (columns count characters). Returns the number of
 * errors reported. Thread-safe: cmark-gfm's parse is serialised inside. */
size_t mg_markdown_parse(mg_guide *g, const char *file, const char *text,
			 size_t len, mg_md *out, mg_diag *d);

/* Where lines start in a text, to turn cmark's byte columns into columns
 * in characters. */
typedef struct mg_lines {
	const char *text;
	size_t len;
	size_t *start;		/* byte offset of each line; heap */
	size_t n;
	int cur_line;		/* the last answer, to go on from on a long line */
	size_t cur_off;
	int cur_col;
} mg_lines;

void mg_lines_init(mg_lines *l, const char *text, size_t len);
void mg_lines_release(mg_lines *l);
/* Column in characters of byte column bcol (1-based) on line (1-based).
 * Asking in text order costs the length of the text in all. */
int mg_lines_col(mg_lines *l, int line, int bcol);

#endif
