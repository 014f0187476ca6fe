/* format.h — braille pages as a transcriber lays them out: 40 cells by 25
 * lines, the page number at the top right, blocks at BANA's indents, words
 * never divided, headings never last on a page. Knows nothing of liblouis. */
#ifndef MG_BRL_FORMAT_H
#define MG_BRL_FORMAT_H

#include <stddef.h>

#include "core/vec.h"

#define MG_BRL_CELLS 40
#define MG_BRL_LINES 25

typedef struct mg_brl_page {
	char line[MG_BRL_LINES][MG_BRL_CELLS + 1];	/* NUL-terminated cells */
	int nlines;		/* lines used, the page number's line included */
} mg_brl_page;

/* A run of pages numbered from 1, with a prefix ("P" for preliminary
 * pages), in braille: prefix, number sign, digits as letters a-j. */
typedef struct mg_pager {
	mg_vec pages;		/* of mg_brl_page */
	const char *prefix;
	int after_heading;	/* the last block placed was a heading */
} mg_pager;

void mg_pager_init(mg_pager *p, const char *prefix);
void mg_pager_release(mg_pager *p);
/* Starts a new page (unless the current one is still empty). */
void mg_pager_new_page(mg_pager *p);
/* The number of the page text goes on now (1-based). */
int mg_pager_page(const mg_pager *p);
/* A page number in BRF: "#CB" for 32, with the prefix. */
void mg_brl_number(char *out, size_t size, const char *prefix, int n);

/* How a block is laid out: cells are 0-based here (BANA's cell 3 is 2). */
typedef struct mg_brl_layout {
	int first, runover;	/* indents of the first line and the others */
	int centered;		/* each line centered, 3 cells clear each side */
	int blank_before;	/* a blank line before (not at a page's top) */
	int blank_after;
	int keep;		/* a heading: kept with the next block's first line */
} mg_brl_layout;

/* Places a block of BRF text (words separated by spaces) on the pages. */
void mg_pager_block(mg_pager *p, const char *cells, size_t len,
		    const mg_brl_layout *l);
/* A blank line, unless at the top of a page. */
void mg_pager_blank(mg_pager *p);
/* A line as given (already fitted), at the next line. */
void mg_pager_line(mg_pager *p, const char *cells);

/* The block's lines without placing them: their count. Each line is
 * written into lines (a vec of char[MG_BRL_CELLS + 1]). */
size_t mg_brl_wrap(const char *cells, size_t len, const mg_brl_layout *l,
		   int width, mg_vec *lines);

/* Appends the pages as BRF: lines end CR LF, each page ends with a form
 * feed, trailing blanks dropped. */
void mg_pager_write(const mg_pager *p, mg_vec *out);

#endif
